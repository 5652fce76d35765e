/** K-fold assignment of ratings, shuffled with a seeded RNG so folds can be replayed. */
import { createRng, shuffleInPlace } from '../random';
import { MetricError } from './metrics';

/**
 * Assigns each of `n` rows a fold in 0..k-1: rows are shuffled with `seed` and then cut into `k`
 * contiguous parts whose sizes differ by at most one (the first `n % k` folds get one extra row).
 */
export function kFoldAssignment(n: number, k: number, seed: number): Uint8Array {
  if (!Number.isInteger(k) || k < 2 || k > 255) throw new MetricError(`k must be an integer from 2 to 255, got ${k}`);
  if (n < k) throw new MetricError(`cannot split ${n} rows into ${k} folds`);
  const order = shuffleInPlace(Uint32Array.from({ length: n }, (_, i) => i), createRng(seed));
  const fold = new Uint8Array(n);
  const base = Math.floor(n / k);
  const extra = n % k;
  let p = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < extra ? 1 : 0);
    for (let s = 0; s < size; s++) fold[order[p++]!] = f;
  }
  return fold;
}

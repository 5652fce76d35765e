/** Top-k selection with a size-k min-heap: O(n log k), no full sort of the n scores. */
import { SemanticError } from './errors';

/** The k best entries, best first: `indices[r]` has score `scores[r]`. */
export interface TopK {
  indices: Uint32Array;
  scores: Float32Array;
}

/** True when entry (sa, ia) ranks below (sb, ib): lower score, or equal score and higher index. */
const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);

/**
 * Returns the k highest scores and their indices, best first; ties go to the lower index.
 * `keep(i)` (optional) excludes entries; NaN scores are skipped.
 */
export function topK(scores: ArrayLike<number>, k: number, keep?: (index: number) => boolean): TopK {
  if (!Number.isInteger(k) || k < 0) throw new SemanticError('BAD_ARGUMENT', `k must be a non-negative integer, got ${k}`);
  const cap = Math.min(k, scores.length);
  // Heap arrays: the root (0) is the worst of the kept entries.
  const hs = new Float64Array(cap);
  const hi = new Uint32Array(cap);
  let size = 0;

  const siftDown = (from: number) => {
    let p = from;
    for (;;) {
      const l = 2 * p + 1;
      const r = l + 1;
      let m = p;
      if (l < size && worse(hs[l]!, hi[l]!, hs[m]!, hi[m]!)) m = l;
      if (r < size && worse(hs[r]!, hi[r]!, hs[m]!, hi[m]!)) m = r;
      if (m === p) return;
      [hs[p], hs[m]] = [hs[m]!, hs[p]!];
      [hi[p], hi[m]] = [hi[m]!, hi[p]!];
      p = m;
    }
  };

  if (cap > 0) {
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      if (Number.isNaN(s) || (keep && !keep(i))) continue;
      if (size < cap) {
        // Sift up.
        let c = size++;
        hs[c] = s;
        hi[c] = i;
        while (c > 0) {
          const p = (c - 1) >> 1;
          if (!worse(hs[c]!, hi[c]!, hs[p]!, hi[p]!)) break;
          [hs[p], hs[c]] = [hs[c]!, hs[p]!];
          [hi[p], hi[c]] = [hi[c]!, hi[p]!];
          c = p;
        }
      } else if (worse(hs[0]!, hi[0]!, s, i)) {
        hs[0] = s;
        hi[0] = i;
        siftDown(0);
      }
    }
  }

  // Pop the heap worst-first into the tail of the output.
  const indices = new Uint32Array(size);
  const out = new Float32Array(size);
  for (let r = size - 1; r >= 0; r--) {
    indices[r] = hi[0]!;
    out[r] = hs[0]!;
    size--;
    hs[0] = hs[size]!;
    hi[0] = hi[size]!;
    siftDown(0);
  }
  return { indices, scores: out };
}

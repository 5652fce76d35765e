/**
 * The attribution as it was before `AttributionCache` (issue #18): every y_i recomputed for each
 * state of the feedback and every liked movie's part computed for each item. Kept verbatim as the
 * oracle the tests compare the fast one with (explain.test.ts, tests/unit/topn-engine.test.ts);
 * no app code imports it.
 */
import type { EaseModel, Interaction } from './ease';

/** y_i of every liked i, user-major: `y[a * L + t]` = (M x_{liked[t]})_a. */
function images(model: EaseModel, liked: readonly Interaction[]): Float64Array {
  const { colPtr, colUser, colValue, gramInv: M, nUsers: n } = model;
  const L = liked.length;
  const yi = new Float64Array(n);
  const y = new Float64Array(n * L);
  liked.forEach(({ item }, t) => {
    yi.fill(0);
    for (let p = colPtr[item]!; p < colPtr[item + 1]!; p++) {
      const vb = colValue[p]!;
      const row = colUser[p]! * n;
      for (let a = 0; a < n; a++) yi[a]! += vb * M[row + a]!;
    }
    for (let a = 0; a < n; a++) y[a * L + t] = yi[a]!;
  });
  return y;
}

/** x_i · B_ij for every liked i (in the order given; 0 for i = j). */
export function referenceContributions(model: EaseModel, liked: readonly Interaction[], j: number, y?: Float64Array): Float64Array {
  const L = liked.length;
  const out = new Float64Array(L);
  if (!L) return out;
  const { colPtr, colUser, colValue, lambdaDiagP } = model;
  if (colPtr[j + 1] === colPtr[j]) return out;
  y ??= images(model, liked);
  for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
    const base = colUser[p]! * L;
    const v = colValue[p]!;
    for (let t = 0; t < L; t++) out[t]! += v * y[base + t]!;
  }
  const scale = 1 / lambdaDiagP[j]!;
  for (let t = 0; t < L; t++) out[t] = liked[t]!.item === j ? 0 : liked[t]!.value * out[t]! * scale;
  return out;
}

/** The liked interaction contributing most to item j's score, or null when none contributes positively. */
export function referenceTop(model: EaseModel, liked: readonly Interaction[], j: number, y?: Float64Array): { item: number; contribution: number } | null {
  const c = referenceContributions(model, liked, j, y);
  let best = -1;
  for (let t = 0; t < c.length; t++) {
    if (c[t]! > 0 && (best < 0 || c[t]! > c[best]! || (c[t] === c[best] && liked[t]!.item < liked[best]!.item))) best = t;
  }
  return best < 0 ? null : { item: liked[best]!.item, contribution: c[best]! };
}

/** The liked images for `referenceTop`/`referenceContributions` on many items (computed once). */
export function referenceImages(model: EaseModel, liked: readonly Interaction[]): Float64Array {
  return images(model, liked);
}

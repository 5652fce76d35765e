/**
 * Baseline estimates b_ui = μ + b_u + b_i learned by regularised alternating least squares, as
 * Surprise's `BaselineOnly` with `method: 'als'` (items first, then users, each epoch):
 *   b_i = Σ_u w (r_ui − μ − b_u) / (reg_i + Σ_u w),   b_u = Σ_i w (r_ui − μ − b_i) / (reg_u + Σ_i w).
 */
import { CfError } from './errors';
import type { RatingMatrix } from './matrix';

/** Options of the baseline fit (Surprise's defaults are regItem 10, regUser 15, epochs 10). */
export interface BaselineOptions {
  regItem: number;
  regUser: number;
  epochs: number;
}

/** Global mean and per-user / per-item biases. */
export interface Baselines {
  globalMean: number;
  userBias: Float32Array;
  itemBias: Float32Array;
}

/** Fits the biases on `m`; an empty matrix gives μ = 0 and zero biases. */
export function fitBaselines(m: RatingMatrix, o: BaselineOptions): Baselines {
  if (!(o.regItem >= 0 && o.regUser >= 0) || !Number.isInteger(o.epochs) || o.epochs < 0) {
    throw new CfError('ERR_CF_OPTIONS', `baseline options out of range: ${JSON.stringify(o)}`);
  }
  const { rowPtr, rowItem, rowRating, rowWeight: w, colPtr, colUser, colToRow } = m;
  let sw = 0;
  let sr = 0;
  for (let q = 0; q < m.nnz; q++) {
    const wq = w ? w[q]! : 1;
    sw += wq;
    sr += wq * rowRating[q]!;
  }
  const mu = sw > 0 ? sr / sw : 0;
  const bu = new Float64Array(m.nUsers);
  const bi = new Float64Array(m.nItems);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = 0; i < m.nItems; i++) {
      let num = 0;
      let den = o.regItem;
      for (let c = colPtr[i]!; c < colPtr[i + 1]!; c++) {
        const q = colToRow[c]!;
        const wq = w ? w[q]! : 1;
        num += wq * (rowRating[q]! - mu - bu[colUser[c]!]!);
        den += wq;
      }
      bi[i] = den > 0 ? num / den : 0;
    }
    for (let u = 0; u < m.nUsers; u++) {
      bu[u] = userBiasOf(rowItem, rowRating, w, rowPtr[u]!, rowPtr[u + 1]!, mu, bi, o.regUser);
    }
  }
  return { globalMean: mu, userBias: Float32Array.from(bu), itemBias: Float32Array.from(bi) };
}

/** The ALS user step for ratings `from..to` of the given arrays: Σ w (r − μ − b_i) / (reg_u + Σ w). */
export function userBiasOf(
  item: ArrayLike<number>,
  rating: ArrayLike<number>,
  weight: ArrayLike<number> | null,
  from: number,
  to: number,
  mu: number,
  itemBias: ArrayLike<number>,
  regUser: number,
): number {
  let num = 0;
  let den = regUser;
  for (let q = from; q < to; q++) {
    const wq = weight ? weight[q]! : 1;
    num += wq * (rating[q]! - mu - itemBias[item[q]!]!);
    den += wq;
  }
  return den > 0 ? num / den : 0;
}

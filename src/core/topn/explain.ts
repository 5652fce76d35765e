/**
 * Explanations from the top-N model: which of the user's liked movies lifted an item most.
 * EASE's score is a sum over the user's interactions, s_j = Σ_i x_i B_ij, so each liked movie's
 * part x_i · B_ij is exact, and "Because you liked X" names the X with the largest positive part.
 */
import { CfError } from '../cf/errors';
import type { EaseModel, Interaction } from './ease';

/**
 * Per-item attribution to a fixed set of liked interactions. With B_ij = x_iᵀ M x_j / (λ P_jj)
 * (see ease.ts), it precomputes y_i = M x_i for every liked i once (610 × raters of i), after which
 * each item j costs (raters of j) × (number of likes): fast enough for whole rows of explanations.
 */
export class Attribution {
  readonly #model: EaseModel;
  readonly #liked: readonly Interaction[];
  /** y_i of every liked i, user-major: `#y[a * L + t]` = (M x_{liked[t]})_a, computed on first use. */
  #y: Float64Array | null = null;
  /** `top(j)` results already computed (rows ask about the same items again). */
  readonly #tops = new Map<number, { item: number; contribution: number } | null>();

  constructor(model: EaseModel, liked: readonly Interaction[]) {
    for (const r of liked) {
      if (!(Number.isInteger(r.item) && r.item >= 0 && r.item < model.nItems)) throw new CfError('ERR_CF_INPUT', `item ${r.item} outside 0..${model.nItems - 1}`);
    }
    this.#model = model;
    this.#liked = liked;
  }

  #images(): Float64Array {
    if (this.#y) return this.#y;
    const { colPtr, colUser, colValue, gramInv: M, nUsers: n } = this.#model;
    const L = this.#liked.length;
    // Accumulate each y_i contiguously (row b of M is column b: M is symmetric), then transpose.
    const yi = new Float64Array(n);
    const y = new Float64Array(n * L);
    this.#liked.forEach(({ item }, t) => {
      yi.fill(0);
      for (let p = colPtr[item]!; p < colPtr[item + 1]!; p++) {
        const vb = colValue[p]!;
        const row = colUser[p]! * n;
        for (let a = 0; a < n; a++) yi[a]! += vb * M[row + a]!;
      }
      for (let a = 0; a < n; a++) y[a * L + t] = yi[a]!;
    });
    this.#y = y;
    return y;
  }

  /** x_i · B_ij for every liked i (in the order given; 0 for i = j). */
  contributions(j: number): Float64Array {
    const L = this.#liked.length;
    const out = new Float64Array(L);
    if (!L) return out;
    const { colPtr, colUser, colValue, lambdaDiagP } = this.#model;
    if (colPtr[j + 1] === colPtr[j]) return out;
    const y = this.#images();
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
      const base = colUser[p]! * L;
      const v = colValue[p]!;
      for (let t = 0; t < L; t++) out[t]! += v * y[base + t]!;
    }
    const scale = 1 / lambdaDiagP[j]!;
    for (let t = 0; t < L; t++) out[t] = this.#liked[t]!.item === j ? 0 : this.#liked[t]!.value * out[t]! * scale;
    return out;
  }

  /** The liked interaction contributing most to item j's score, or null when none contributes positively. */
  top(j: number): { item: number; contribution: number } | null {
    const known = this.#tops.get(j);
    if (known !== undefined) return known;
    const c = this.contributions(j);
    let best = -1;
    for (let t = 0; t < c.length; t++) {
      if (c[t]! > 0 && (best < 0 || c[t]! > c[best]! || (c[t] === c[best] && this.#liked[t]!.item < this.#liked[best]!.item))) best = t;
    }
    const out = best < 0 ? null : { item: this.#liked[best]!.item, contribution: c[best]! };
    this.#tops.set(j, out);
    return out;
  }
}

/** One-off form of `Attribution.top`. */
export function topContributorOf(model: EaseModel, liked: readonly Interaction[], j: number): { item: number; contribution: number } | null {
  return new Attribution(model, liked).top(j);
}

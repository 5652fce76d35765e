/** Accuracy and ranking metrics shared by the benchmarks and the app's insights page. */

type Numbers = ArrayLike<number>;

/** Typed error for metric inputs that cannot be scored. */
export class MetricError extends Error {
  /** Stable code callers can switch on. */
  readonly code = 'ERR_METRIC_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'MetricError';
  }
}

function checkPair(pred: Numbers, truth: Numbers): void {
  if (pred.length !== truth.length) throw new MetricError(`length mismatch: ${pred.length} predictions, ${truth.length} truths`);
  if (pred.length === 0) throw new MetricError('no predictions to score');
}

/** Root mean squared error between predictions and truths (same length, non-empty). */
export function rmse(pred: Numbers, truth: Numbers): number {
  checkPair(pred, truth);
  let s = 0;
  for (let i = 0; i < pred.length; i++) {
    const d = pred[i]! - truth[i]!;
    s += d * d;
  }
  return Math.sqrt(s / pred.length);
}

/** Mean absolute error between predictions and truths (same length, non-empty). */
export function mae(pred: Numbers, truth: Numbers): number {
  checkPair(pred, truth);
  let s = 0;
  for (let i = 0; i < pred.length; i++) s += Math.abs(pred[i]! - truth[i]!);
  return s / pred.length;
}

/**
 * 0-based rank of `target` when `scores` are sorted descending over the candidates `eligible(j)`:
 * the number of eligible candidates scoring strictly higher, plus half of the ties (a fair,
 * deterministic tie rule — a model that scores everything equal lands in the middle).
 */
export function rankOf(scores: Numbers, target: number, eligible: (j: number) => boolean): number {
  const t = scores[target];
  if (t === undefined) throw new MetricError(`target ${target} is outside the ${scores.length} scores`);
  let higher = 0;
  let ties = 0;
  for (let j = 0; j < scores.length; j++) {
    if (j === target || !eligible(j)) continue;
    const s = scores[j]!;
    if (s > t) higher++;
    else if (s === t) ties++;
  }
  return higher + Math.floor(ties / 2);
}

/** Fraction of the given 0-based ranks (one held-out item per user) that fall in the top `k`. */
export function hitRate(ranks: Numbers, k: number): number {
  if (ranks.length === 0) throw new MetricError('no ranks to score');
  let hits = 0;
  for (let i = 0; i < ranks.length; i++) if (ranks[i]! < k) hits++;
  return hits / ranks.length;
}

/** Mean NDCG@k with one relevant item per user: 1/log2(rank + 2) when rank < k, else 0. */
export function ndcg(ranks: Numbers, k: number): number {
  if (ranks.length === 0) throw new MetricError('no ranks to score');
  let s = 0;
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i]!;
    if (r < k) s += 1 / Math.log2(r + 2);
  }
  return s / ranks.length;
}

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

/**
 * Metrics of one ranking with binary relevance, given the 0-based positions of its relevant items
 * (Infinity when unranked) and how many items are relevant — the core's one nDCG:
 *   recall@k = |R ∩ L[0..k)| / |R|
 *   nDCG@k   = DCG@k / IDCG@k,  DCG@k = Σ_{p<k, L[p]∈R} 1 / log2(p + 2),
 *              IDCG@k = Σ_{p<min(k,|R|)} 1 / log2(p + 2)   (the best possible list)
 *   RR       = 1 / (1 + position of the first relevant item)   (0 when none is ranked)
 */
export function listMetrics(positions: readonly number[], nRelevant: number, k: number): { recall: number; ndcg: number; rr: number } {
  let hits = 0;
  let dcg = 0;
  let first = Infinity;
  for (const p of positions) {
    if (p < first) first = p;
    if (p < k) {
      hits++;
      dcg += 1 / Math.log2(p + 2);
    }
  }
  let idcg = 0;
  for (let p = 0; p < Math.min(k, nRelevant); p++) idcg += 1 / Math.log2(p + 2);
  return { recall: nRelevant ? hits / nRelevant : 0, ndcg: idcg ? dcg / idcg : 0, rr: Number.isFinite(first) ? 1 / (first + 1) : 0 };
}

/** Positions (ascending) of the relevant ids in a ranked list of ids. */
export function relevantPositions(ranked: readonly number[], relevant: ReadonlySet<number>): number[] {
  const pos: number[] = [];
  ranked.forEach((id, p) => {
    if (relevant.has(id)) pos.push(p);
  });
  return pos;
}

/** recall@kR and nDCG@kN of a top list of movie ids against a relevant id set. */
export function topListMetrics(top: readonly number[], relevant: ReadonlySet<number>, kRecall: number, kNdcg: number): { recall: number; ndcg: number } {
  const pos = relevantPositions(top, relevant);
  return { recall: listMetrics(pos, relevant.size, kRecall).recall, ndcg: listMetrics(pos, relevant.size, kNdcg).ndcg };
}

/** Mean NDCG@k with one relevant item per user (listMetrics with |R| = 1: 1/log2(rank + 2) when rank < k, else 0). */
export function ndcg(ranks: Numbers, k: number): number {
  if (ranks.length === 0) throw new MetricError('no ranks to score');
  let s = 0;
  for (let i = 0; i < ranks.length; i++) s += listMetrics([ranks[i]!], 1, k).ndcg;
  return s / ranks.length;
}

/**
 * Cold-start rankings: popularity (rating count) and quality (damped, "Bayesian" mean). The app's
 * "Top rated" row and the CF fallback for users without ratings use the same formula: an item's
 * mean is pulled towards a prior mean as if it had `priorWeight` extra ratings at that mean, so a
 * film with one 5-star rating does not outrank one with 300 ratings averaging 4.4.
 */
import { CfError } from './errors';
import { topKIndices } from '../shared/topk';

/** (sum + priorWeight · priorMean) / (n + priorWeight); the prior mean when there is no evidence at all. */
export function bayesianMean(sum: number, n: number, priorMean: number, priorWeight: number): number {
  if (!(n >= 0) || !(priorWeight >= 0) || !Number.isFinite(sum) || !Number.isFinite(priorMean)) {
    throw new CfError('ERR_CF_INPUT', `bayesianMean: invalid input (sum ${sum}, n ${n}, priorMean ${priorMean}, priorWeight ${priorWeight})`);
  }
  const den = n + priorWeight;
  return den > 0 ? (sum + priorWeight * priorMean) / den : priorMean;
}

/** Per-item rating statistics, as in the catalogue index (`MovieIndexEntry.n`, `.mean`). */
export interface ItemStats {
  n: number;
  mean: number;
}

/** Options of `rankByQuality`. */
export interface QualityOptions {
  /** Pseudo-ratings at the prior mean added to every item (default 10). */
  priorWeight?: number;
  /** Prior mean (default: the mean of all ratings, Σ n·mean / Σ n). */
  priorMean?: number;
  /** Items with fewer ratings are left out (default 1). */
  minCount?: number;
  /** Return at most this many (default all). */
  limit?: number;
  /** Only items for which this returns true (e.g. a genre filter). */
  filter?: (index: number) => boolean;
}

/** Mean of all ratings behind the stats: Σ n·mean / Σ n (0 when there are none). */
export function overallMean(stats: readonly ItemStats[]): number {
  let s = 0;
  let n = 0;
  for (const x of stats) {
    s += x.n * x.mean;
    n += x.n;
  }
  return n > 0 ? s / n : 0;
}

/** Item indices ranked by damped mean, best first (ties: more ratings first, then lower index). */
export function rankByQuality(stats: readonly ItemStats[], options: QualityOptions = {}): number[] {
  const priorWeight = options.priorWeight ?? 10;
  const priorMean = options.priorMean ?? overallMean(stats);
  const minCount = options.minCount ?? 1;
  const score = new Float64Array(stats.length);
  const keep = (i: number) => stats[i]!.n >= minCount && (!options.filter || options.filter(i));
  // Ties on the damped mean are broken by count: fold it in as a tiny, order-preserving epsilon.
  let maxN = 1;
  for (const x of stats) maxN = Math.max(maxN, x.n);
  for (let i = 0; i < stats.length; i++) {
    const x = stats[i]!;
    score[i] = bayesianMean(x.n * x.mean, x.n, priorMean, priorWeight) + (x.n / maxN) * 1e-9;
  }
  return topKIndices(score, options.limit ?? stats.length, keep);
}

/** Item indices ranked by rating count, most rated first (ties: lower index). */
export function rankByPopularity(counts: ArrayLike<number>, options: { limit?: number; filter?: (index: number) => boolean } = {}): number[] {
  return topKIndices(counts, options.limit ?? counts.length, options.filter);
}

/**
 * Choosing k by the silhouette method: fit k-means for every k in [kMin, kMax] with the same seed and
 * keep the k with the highest mean silhouette (ties → the smaller k, the simpler description).
 */
import { ClusterError } from './errors';
import { kmeans, resolveKMeansOptions, type KMeansOptions, type KMeansResult } from './kmeans';
import { distanceMatrix, validatePoints, type Points } from './points';
import { silhouetteFromDistances } from './silhouette';

/** The k range and the k-means knobs used for each fit. */
export interface SelectKOptions extends KMeansOptions {
  kMin: number;
  kMax: number;
}

/** Defaults: k = 4…12 (fewer groups say little; more than a dozen cannot be told apart in words). */
export const DEFAULT_SELECT_K: SelectKOptions = { ...resolveKMeansOptions(), kMin: 4, kMax: 12 };

/** One row of the silhouette table. */
export interface KScore {
  k: number;
  silhouette: number;
  inertia: number;
  iterations: number;
}

export interface SelectKResult {
  /** The chosen k. */
  k: number;
  /** One row per k tried, in increasing k. */
  scores: KScore[];
  /** The fit for the chosen k. */
  fit: KMeansResult;
}

/** Merges and validates options (the one place defaults apply). */
export function resolveSelectKOptions(options: Partial<SelectKOptions> = {}): SelectKOptions {
  const o = { ...DEFAULT_SELECT_K, ...options };
  resolveKMeansOptions(o);
  if (!Number.isInteger(o.kMin) || !Number.isInteger(o.kMax) || o.kMin < 2 || o.kMax < o.kMin) {
    throw new ClusterError('ERR_CLUSTER_OPTIONS', `need integers 2 ≤ kMin ≤ kMax, got kMin=${o.kMin}, kMax=${o.kMax}`);
  }
  return o;
}

/** Fits k-means for each k in range and picks the k with the best mean silhouette. */
export function selectK(points: Points, options: Partial<SelectKOptions> = {}): SelectKResult {
  const o = resolveSelectKOptions(options);
  validatePoints(points);
  if (o.kMax >= points.n) throw new ClusterError('ERR_CLUSTER_INPUT', `kMax=${o.kMax} needs more than ${o.kMax} points, got ${points.n}`);
  const dist = distanceMatrix(points);
  const scores: KScore[] = [];
  let best: { score: number; fit: KMeansResult } | undefined;
  for (let k = o.kMin; k <= o.kMax; k++) {
    const fit = kmeans(points, k, o);
    const s = silhouetteFromDistances(dist, points.n, fit.labels, k).mean;
    scores.push({ k, silhouette: s, inertia: fit.inertia, iterations: fit.iterations });
    if (!best || s > best.score + 1e-12) best = { score: s, fit };
  }
  return { k: best!.fit.k, scores, fit: best!.fit };
}

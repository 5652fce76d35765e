/**
 * "People like you also liked": movies highly rated by the members of the user's taste cluster,
 * ranked by their damped mean within the cluster (pulled towards the cluster's mean rating with
 * `priorWeight` pseudo-ratings), with a minimum number of member ratings, minus what the user rated.
 */
import type { MovieIndexEntry } from '../catalogue/types';
import { dampedMean } from '../catalogue/rows';
import type { Reason } from '../explain/reasons';
import type { ClusterItemStats } from './cluster-stats';
import { ClusterError } from './errors';

export interface ClusterRecsOptions {
  /** Fewest member ratings a movie needs (also at least `minShare` of the cluster). */
  minSupport: number;
  minShare: number;
  /** Pseudo-ratings at the cluster mean in the damped mean. */
  priorWeight: number;
  limit: number;
}

export const DEFAULT_CLUSTER_RECS: ClusterRecsOptions = { minSupport: 5, minShare: 0.05, priorWeight: 5, limit: 12 };

export interface ClusterPick {
  movieId: number;
  /** Damped mean rating within the cluster. */
  score: number;
  /** Raw mean rating within the cluster and the number of member ratings. */
  mean: number;
  support: number;
  reasons: Reason[];
}

/** Merges and validates options (the one place defaults apply). */
export function resolveClusterRecsOptions(options: Partial<ClusterRecsOptions> = {}): ClusterRecsOptions {
  const o = { ...DEFAULT_CLUSTER_RECS, ...options };
  if (!(o.minSupport >= 1) || !(o.minShare >= 0) || !(o.priorWeight >= 0) || !(o.limit >= 0)) {
    throw new ClusterError('ERR_CLUSTER_OPTIONS', 'minSupport must be ≥ 1; minShare, priorWeight and limit ≥ 0');
  }
  return o;
}

/** Top movies of cluster `cluster` for a user, each explained by the cluster's label. */
export function clusterRecommendations(
  stats: ClusterItemStats,
  cluster: number,
  label: string,
  movies: readonly MovieIndexEntry[],
  exclude: ReadonlySet<number>,
  options: Partial<ClusterRecsOptions> = {},
): ClusterPick[] {
  const o = resolveClusterRecsOptions(options);
  if (!Number.isInteger(cluster) || cluster < 0 || cluster >= stats.k) throw new ClusterError('ERR_CLUSTER_INPUT', `no cluster ${cluster}`);
  if (movies.length !== stats.nItems) throw new ClusterError('ERR_CLUSTER_INPUT', `${movies.length} movies for ${stats.nItems} items`);
  const need = Math.max(o.minSupport, Math.ceil(o.minShare * stats.sizes[cluster]!));
  const prior = stats.clusterMean[cluster]!;
  const picks: ClusterPick[] = [];
  const off = cluster * stats.nItems;
  for (let i = 0; i < stats.nItems; i++) {
    const n = stats.count[off + i]!;
    if (n < need) continue;
    const m = movies[i]!;
    if (exclude.has(m.id)) continue;
    const mean = stats.sum[off + i]! / n;
    picks.push({ movieId: m.id, score: dampedMean(mean, n, prior, o.priorWeight), mean, support: n, reasons: [{ kind: 'cluster', label }] });
  }
  picks.sort((a, b) => b.score - a.score || b.support - a.support || a.movieId - b.movieId);
  return picks.slice(0, o.limit);
}

/**
 * Per-cluster rating statistics of every movie (counts, sums, "loved" counts), built once after the
 * community is clustered; recommendations and characteristic movies are read off them.
 */
import type { MovieIndexEntry, RatingsCOO } from '../catalogue/types';
import type { CharacteristicMovie } from './describe';
import { ClusterError } from './errors';

export interface ClusterItemStats {
  k: number;
  nItems: number;
  /** Members per cluster. */
  sizes: number[];
  /** k × nItems: ratings of the item by members of the cluster. */
  count: Uint32Array;
  /** k × nItems: sum of those ratings. */
  sum: Float64Array;
  /** k × nItems: members who rated it at least `lovedMargin` above their own mean. */
  loved: Uint32Array;
  /** Mean rating given by each cluster's members (the prior of its damped means). */
  clusterMean: number[];
}

/** Aggregates the community ratings by cluster. `labels[u]` is user u's cluster (−1 to leave a user out). */
export function buildClusterItemStats(r: RatingsCOO, labels: ArrayLike<number>, k: number, lovedMargin = 0.5): ClusterItemStats {
  if (labels.length !== r.nUsers) throw new ClusterError('ERR_CLUSTER_INPUT', `${labels.length} labels for ${r.nUsers} users`);
  const n = r.rating.length;
  const userSum = new Float64Array(r.nUsers);
  const userCount = new Int32Array(r.nUsers);
  for (let j = 0; j < n; j++) {
    userSum[r.user[j]!]! += r.rating[j]!;
    userCount[r.user[j]!]!++;
  }
  const count = new Uint32Array(k * r.nItems);
  const sum = new Float64Array(k * r.nItems);
  const loved = new Uint32Array(k * r.nItems);
  const cSum = new Array<number>(k).fill(0);
  const cCount = new Array<number>(k).fill(0);
  for (let j = 0; j < n; j++) {
    const u = r.user[j]!;
    const c = labels[u]!;
    if (c < 0) continue;
    if (c >= k) throw new ClusterError('ERR_CLUSTER_INPUT', `label ${c} of user ${u} is outside 0…${k - 1}`);
    const cell = c * r.nItems + r.item[j]!;
    const x = r.rating[j]!;
    count[cell]!++;
    sum[cell]! += x;
    if (x >= userSum[u]! / userCount[u]! + lovedMargin) loved[cell]!++;
    cSum[c]! += x;
    cCount[c]!++;
  }
  const sizes = new Array<number>(k).fill(0);
  for (let u = 0; u < r.nUsers; u++) if (labels[u]! >= 0) sizes[labels[u]!]!++;
  return { k, nItems: r.nItems, sizes, count, sum, loved, clusterMean: cSum.map((s, c) => (cCount[c] ? s / cCount[c]! : 0)) };
}

/**
 * Per cluster, the well-known movie most over-loved by its members: the largest difference between
 * the share of the cluster's members who loved it and the share of all members who did.
 */
export function characteristicMovies(stats: ClusterItemStats, movies: readonly MovieIndexEntry[], minCommunityRatings = 20): (CharacteristicMovie | null)[] {
  const { k, nItems } = stats;
  const total = stats.sizes.reduce((a, b) => a + b, 0);
  const lovedAll = new Float64Array(nItems);
  for (let c = 0; c < k; c++) for (let i = 0; i < nItems; i++) lovedAll[i]! += stats.loved[c * nItems + i]!;
  const out: (CharacteristicMovie | null)[] = [];
  for (let c = 0; c < k; c++) {
    let best = -1;
    let bestScore = 0;
    const size = stats.sizes[c]!;
    if (size === 0 || total === 0) {
      out.push(null);
      continue;
    }
    for (let i = 0; i < nItems; i++) {
      if ((movies[i]?.n ?? 0) < minCommunityRatings) continue;
      const score = stats.loved[c * nItems + i]! / size - lovedAll[i]! / total;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    const m = best >= 0 ? movies[best] : undefined;
    out.push(m ? { movieId: m.id, title: m.title, year: m.year } : null);
  }
  return out;
}

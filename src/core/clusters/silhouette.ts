/**
 * Silhouette (Rousseeuw 1987): for point i with mean distance a(i) to the other members of its
 * cluster and smallest mean distance b(i) to the members of another cluster,
 * s(i) = (b − a) / max(a, b), and s(i) = 0 when i is alone in its cluster. Euclidean distances.
 */
import { ClusterError } from './errors';
import { distanceMatrix, type Points } from './points';

/** Mean silhouette over all points, per cluster, and per point. */
export interface SilhouetteResult {
  mean: number;
  perCluster: number[];
  perPoint: Float64Array;
}

/** Silhouette of a labelling from a precomputed n × n distance matrix (reuse it across several k). */
export function silhouetteFromDistances(dist: Float64Array, n: number, labels: ArrayLike<number>, k: number): SilhouetteResult {
  if (dist.length !== n * n) throw new ClusterError('ERR_CLUSTER_INPUT', `distance matrix has ${dist.length} entries, expected ${n * n}`);
  if (labels.length !== n) throw new ClusterError('ERR_CLUSTER_INPUT', `${labels.length} labels for ${n} points`);
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= k) throw new ClusterError('ERR_CLUSTER_INPUT', `label ${c} of point ${i} is outside 0…${k - 1}`);
    sizes[c]!++;
  }
  const perPoint = new Float64Array(n);
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const own = labels[i]!;
    if (sizes[own]! <= 1) continue; // singleton: s = 0 by definition
    sums.fill(0);
    for (let j = 0; j < n; j++) sums[labels[j]!]! += dist[i * n + j]!;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    if (b === Infinity) continue; // only one non-empty cluster: silhouette undefined, count as 0
    const m = Math.max(a, b);
    perPoint[i] = m > 0 ? (b - a) / m : 0;
  }
  const perCluster = new Array<number>(k).fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    perCluster[labels[i]!]! += perPoint[i]!;
    total += perPoint[i]!;
  }
  for (let c = 0; c < k; c++) perCluster[c] = sizes[c]! ? perCluster[c]! / sizes[c]! : 0;
  return { mean: n ? total / n : 0, perCluster, perPoint };
}

/** Silhouette of a labelling of `points` (computes the distance matrix: O(n²·d)). */
export function silhouette(points: Points, labels: ArrayLike<number>, k: number): SilhouetteResult {
  return silhouetteFromDistances(distanceMatrix(points), points.n, labels, k);
}

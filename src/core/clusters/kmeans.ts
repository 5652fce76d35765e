/**
 * k-means: seeded k-means++ initialisation, then Lloyd iterations until no assignment changes (or
 * `maxIterations`), best of `restarts` runs by inertia. Deterministic for a seed, and independent of
 * the order of the input rows: points are visited in a canonical (lexicographic) order and clusters
 * are numbered by their first member in that order, so permuting the rows permutes the labels with them.
 */
import { createRng, type Rng } from '../random';
import { ClusterError } from './errors';
import { sqDist, validatePoints, type Points } from './points';

/** Knobs of one k-means fit. */
export interface KMeansOptions {
  /** Seed of the k-means++ initialisation. */
  seed: number;
  /** Upper bound on Lloyd iterations per restart. */
  maxIterations: number;
  /** Independent k-means++ starts; the fit with the lowest inertia wins. */
  restarts: number;
}

/**
 * Defaults: 100 iterations is far more than the ~10–45 the community data needs to settle; two
 * restarts gave the same k and the same partition (±1 member) as four or eight on the MovieLens
 * members for seeds 1–3, at half the cost.
 */
export const DEFAULT_KMEANS: KMeansOptions = { seed: 1, maxIterations: 100, restarts: 2 };

/** The result of a fit. */
export interface KMeansResult {
  k: number;
  /** Cluster of each input point, in input order (0 … k−1). */
  labels: Int32Array;
  /** k × d centroids, row-major, numbered like `labels`. */
  centroids: Float64Array;
  /** Points per cluster. */
  sizes: number[];
  /** Sum of squared distances of points to their centroid. */
  inertia: number;
  /** Lloyd iterations of the winning restart. */
  iterations: number;
  /** True when the winning restart stopped because assignments were stable. */
  converged: boolean;
}

/** Merges and validates options (the one place defaults apply). */
export function resolveKMeansOptions(options: Partial<KMeansOptions> = {}): KMeansOptions {
  const o = { ...DEFAULT_KMEANS, ...options };
  if (!Number.isInteger(o.maxIterations) || o.maxIterations < 1) throw new ClusterError('ERR_CLUSTER_OPTIONS', `maxIterations must be an integer ≥ 1, got ${o.maxIterations}`);
  if (!Number.isInteger(o.restarts) || o.restarts < 1) throw new ClusterError('ERR_CLUSTER_OPTIONS', `restarts must be an integer ≥ 1, got ${o.restarts}`);
  if (!Number.isInteger(o.seed)) throw new ClusterError('ERR_CLUSTER_OPTIONS', `seed must be an integer, got ${o.seed}`);
  return o;
}

/** Indices of the points sorted lexicographically by their coordinates (ties keep input order). */
export function canonicalOrder(p: Points): Int32Array {
  const { n, d, data } = p;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => {
    for (let t = 0; t < d; t++) {
      const x = data[a * d + t]! - data[b * d + t]!;
      if (x !== 0) return x;
    }
    return a - b;
  });
  return Int32Array.from(idx);
}

/** k-means++ (Arthur & Vassilvitskii 2007): first centre uniform, the next ones by D² sampling. */
function initPlusPlus(data: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const centroids = new Float64Array(k * d);
  const dist = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(rng() * n);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(pick * d, pick * d + d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const s = sqDist(data, i, centroids, c, d);
      if (s < dist[i]!) dist[i] = s;
      total += dist[i]!;
    }
    if (c === k - 1) break;
    if (total === 0) {
      // Fewer distinct points than k: any point will do (the empty-cluster rule fixes it up).
      pick = Math.floor(rng() * n);
      continue;
    }
    let r = rng() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= dist[i]!;
      if (r < 0) {
        pick = i;
        break;
      }
    }
  }
  return centroids;
}

interface Run {
  labels: Int32Array;
  centroids: Float64Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

/** Lloyd's algorithm from the given centroids; ties go to the lower cluster index. */
function lloyd(data: Float64Array, n: number, d: number, k: number, centroids: Float64Array, maxIterations: number): Run {
  const labels = new Int32Array(n).fill(-1);
  const best = new Float64Array(n);
  const counts = new Int32Array(k);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let bc = 0;
      let bd = Infinity;
      const oi = i * d;
      for (let c = 0; c < k; c++) {
        // Partial distance: stop summing once it cannot beat the best (same result, less work).
        const oc = c * d;
        let s = 0;
        for (let t = 0; t < d && s < bd; t++) {
          const x = data[oi + t]! - centroids[oc + t]!;
          s += x * x;
        }
        if (s < bd) {
          bd = s;
          bc = c;
        }
      }
      best[i] = bd;
      if (labels[i] !== bc) {
        labels[i] = bc;
        changed++;
      }
    }
    // Empty cluster: move its centre to the point farthest from its own centre (deterministic).
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[labels[i]!]!++;
    for (let c = 0; c < k; c++) {
      if (counts[c]! > 0) continue;
      let far = -1;
      for (let i = 0; i < n; i++) if (counts[labels[i]!]! > 1 && (far < 0 || best[i]! > best[far]!)) far = i;
      if (far < 0) continue;
      counts[labels[far]!]!--;
      labels[far] = c;
      counts[c] = 1;
      best[far] = 0;
      changed++;
    }
    if (changed === 0) {
      converged = true;
      break;
    }
    centroids.fill(0);
    for (let i = 0; i < n; i++) {
      const o = labels[i]! * d;
      for (let t = 0; t < d; t++) centroids[o + t]! += data[i * d + t]!;
    }
    for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) centroids[c * d + t]! /= counts[c]!;
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += sqDist(data, i, centroids, labels[i]!, d);
  return { labels, centroids, inertia, iterations, converged };
}

/** Clusters `points` into `k` groups. Same points and seed → identical result. */
export function kmeans(points: Points, k: number, options: Partial<KMeansOptions> = {}): KMeansResult {
  const o = resolveKMeansOptions(options);
  validatePoints(points);
  const { n, d } = points;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new ClusterError('ERR_CLUSTER_OPTIONS', `k must be an integer in [1, ${n}] (the number of points), got ${k}`);
  // Work in canonical order so the result does not depend on how the rows were listed.
  const order = canonicalOrder(points);
  const data = new Float64Array(n * d);
  for (let r = 0; r < n; r++) data.set(points.data.subarray(order[r]! * d, order[r]! * d + d), r * d);
  const rng = createRng(o.seed);
  let best: Run | undefined;
  for (let r = 0; r < o.restarts; r++) {
    const run = lloyd(data, n, d, k, initPlusPlus(data, n, d, k, rng), o.maxIterations);
    if (!best || run.inertia < best.inertia - 1e-12) best = run;
  }
  const run = best!;
  // Number clusters by their first member in canonical order; map labels back to input order.
  const rename = new Int32Array(k).fill(-1);
  let next = 0;
  for (let r = 0; r < n; r++) if (rename[run.labels[r]!] === -1) rename[run.labels[r]!] = next++;
  for (let c = 0; c < k; c++) if (rename[c] === -1) rename[c] = next++;
  const labels = new Int32Array(n);
  for (let r = 0; r < n; r++) labels[order[r]!] = rename[run.labels[r]!]!;
  const centroids = new Float64Array(k * d);
  for (let c = 0; c < k; c++) centroids.set(run.centroids.subarray(c * d, c * d + d), rename[c]! * d);
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) sizes[labels[i]!]!++;
  return { k, labels, centroids, sizes, inertia: run.inertia, iterations: run.iterations, converged: run.converged };
}

/** Index of the centroid nearest to `v` (ties → lower index) and its squared distance. */
export function nearestCentroid(centroids: Float64Array, k: number, v: ArrayLike<number>): { cluster: number; sqDistance: number } {
  const d = v.length;
  if (centroids.length !== k * d) throw new ClusterError('ERR_CLUSTER_INPUT', `vector has ${d} values, centroids have ${centroids.length / k}`);
  let cluster = 0;
  let sqDistance = Infinity;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const x = centroids[c * d + t]! - v[t]!;
      s += x * x;
    }
    if (s < sqDistance) {
      sqDistance = s;
      cluster = c;
    }
  }
  return { cluster, sqDistance };
}

/** Dense row-major point sets and the small vector kernels the clustering shares. */
import { ClusterError } from './errors';

/** `n` points of dimension `d`, row-major in one array (point i is data[i·d … i·d + d)). */
export interface Points {
  n: number;
  d: number;
  data: Float64Array;
}

/** Builds a point set from rows of equal length; throws on ragged or non-finite input. */
export function pointsFromRows(rows: readonly (readonly number[])[]): Points {
  const n = rows.length;
  const d = n ? rows[0]!.length : 0;
  const data = new Float64Array(n * d);
  rows.forEach((row, i) => {
    if (row.length !== d) throw new ClusterError('ERR_CLUSTER_INPUT', `row ${i} has ${row.length} values, expected ${d}`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new ClusterError('ERR_CLUSTER_INPUT', `row ${i} column ${j} is not a finite number`);
      data[i * d + j] = v;
    });
  });
  return { n, d, data };
}

/** Checks that a point set is well formed (length matches, every value finite). */
export function validatePoints(p: Points): void {
  if (!Number.isInteger(p.n) || !Number.isInteger(p.d) || p.n < 0 || p.d < 1) {
    throw new ClusterError('ERR_CLUSTER_INPUT', `points need n ≥ 0 and d ≥ 1, got n=${p.n}, d=${p.d}`);
  }
  if (p.data.length !== p.n * p.d) throw new ClusterError('ERR_CLUSTER_INPUT', `points hold ${p.data.length} values, expected n·d = ${p.n * p.d}`);
  for (let i = 0; i < p.data.length; i++) {
    if (!Number.isFinite(p.data[i]!)) throw new ClusterError('ERR_CLUSTER_INPUT', `point ${Math.floor(i / p.d)} has a non-finite value`);
  }
}

/** Squared Euclidean distance between row `i` of `a` and row `j` of `b` (both of dimension `d`). */
export function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  const oi = i * d;
  const oj = j * d;
  for (let t = 0; t < d; t++) {
    const x = a[oi + t]! - b[oj + t]!;
    s += x * x;
  }
  return s;
}

/** The full n × n matrix of Euclidean distances (symmetric, zero diagonal). */
export function distanceMatrix(p: Points): Float64Array {
  const { n, d, data } = p;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = Math.sqrt(sqDist(data, i, data, j, d));
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/** L2 norm of a vector (the core's one definition). */
export { norm } from '../shared/vector';

/** Per-dimension mean and (population) standard deviation over the points. */
export function columnStats(p: Points): { mean: Float64Array; std: Float64Array } {
  const { n, d, data } = p;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  if (n === 0) return { mean, std };
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t]! += data[i * d + t]!;
  for (let t = 0; t < d; t++) mean[t]! /= n;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      const x = data[i * d + t]! - mean[t]!;
      std[t]! += x * x;
    }
  }
  for (let t = 0; t < d; t++) std[t] = Math.sqrt(std[t]! / n);
  return { mean, std };
}

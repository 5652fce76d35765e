/**
 * A stand-in for the catalogue's text-embedding projection in the simulator: k-dimensional item
 * vectors from a truncated SVD of the user-centred rating matrix (block power iteration on RᵀR),
 * item i ↦ row i of V·Σ. Computed only from ratings the simulated app may know (see environment.ts).
 */
import { nextGaussian, rngFromSeed } from '../../src/core/bandit/rng';

export interface SparseRatings {
  nUsers: number;
  nItems: number;
  user: Int32Array;
  item: Int32Array;
  /** Rating minus the user's mean. */
  value: Float64Array;
}

/** Orthonormalises the k columns of an n×k row-major matrix in place (modified Gram–Schmidt). */
function orthonormalise(v: Float64Array, n: number, k: number): void {
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += v[i * k + c]! * v[i * k + p]!;
      for (let i = 0; i < n; i++) v[i * k + c]! -= dot * v[i * k + p]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i * k + c]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) v[i * k + c]! /= norm;
  }
}

/** Item factors (nItems×k, row-major) = V·Σ of the top-k SVD, by `iterations` rounds of subspace iteration. */
export function itemFactors(r: SparseRatings, k: number, iterations = 20, seed = 7): Float64Array {
  const rng = rngFromSeed(seed);
  const n = r.nItems;
  const v = new Float64Array(n * k);
  for (let i = 0; i < v.length; i++) v[i] = nextGaussian(rng);
  orthonormalise(v, n, k);
  const u = new Float64Array(r.nUsers * k);
  const nnz = r.value.length;
  for (let it = 0; it < iterations; it++) {
    u.fill(0);
    for (let e = 0; e < nnz; e++) {
      const ou = r.user[e]! * k;
      const oi = r.item[e]! * k;
      const x = r.value[e]!;
      for (let c = 0; c < k; c++) u[ou + c]! += x * v[oi + c]!;
    }
    v.fill(0);
    for (let e = 0; e < nnz; e++) {
      const ou = r.user[e]! * k;
      const oi = r.item[e]! * k;
      const x = r.value[e]!;
      for (let c = 0; c < k; c++) v[oi + c]! += x * u[ou + c]!;
    }
    if (it < iterations - 1) orthonormalise(v, n, k);
  }
  // After the last un-normalised step v = RᵀR V ≈ V Σ²; rescale columns to V Σ.
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i * k + c]! ** 2;
    const sigma2 = Math.sqrt(norm);
    const scale = sigma2 > 0 ? Math.sqrt(sigma2) / sigma2 : 0;
    for (let i = 0; i < n; i++) v[i * k + c]! *= scale;
  }
  return v;
}

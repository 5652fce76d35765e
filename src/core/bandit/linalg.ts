/**
 * The few dense kernels the bandit needs, on row-major Float64Array matrices of size d×d.
 * d is small (≈30–60), so O(d²) per update and O(d³) for one Cholesky are cheap.
 */

/** Dot product of the first `n` entries of `a` and `b` (the core's one definition). */
import { dot } from '../shared/vector';

export { dot };

/** out = M x for a d×d row-major matrix; returns `out`. */
export function matVec(m: Float64Array, x: ArrayLike<number>, d: number, out: Float64Array): Float64Array {
  for (let i = 0; i < d; i++) {
    let s = 0;
    const row = i * d;
    for (let j = 0; j < d; j++) s += m[row + j]! * x[j]!;
    out[i] = s;
  }
  return out;
}

/** xᵀ M x for a symmetric d×d matrix, reading only its upper triangle; x starts at `offset` in `xs`. */
export function quadForm(m: Float64Array, xs: ArrayLike<number>, d: number, offset = 0): number {
  let s = 0;
  for (let i = 0; i < d; i++) {
    const xi = xs[offset + i]!;
    if (xi === 0) continue;
    const row = i * d;
    let t = 0;
    for (let j = i + 1; j < d; j++) t += m[row + j]! * xs[offset + j]!;
    s += xi * (m[row + i]! * xi + 2 * t);
  }
  return s;
}

/**
 * Sherman–Morrison rank-1 update of an inverse in place: given M = A⁻¹, sets M to (A + w x xᵀ)⁻¹
 * = M − w (M x)(M x)ᵀ / (1 + w xᵀ M x). `u` is scratch of length d and holds M x afterwards (old M).
 * Returns the denominator 1 + w xᵀ M x. Requires w ≥ 0 so the result stays positive definite.
 */
export function shermanMorrison(m: Float64Array, x: ArrayLike<number>, w: number, d: number, u: Float64Array): number {
  matVec(m, x, d, u);
  const denom = 1 + w * dot(x, u, d);
  const c = w / denom;
  for (let i = 0; i < d; i++) {
    const ci = c * u[i]!;
    if (ci === 0) continue;
    const row = i * d;
    for (let j = 0; j < d; j++) m[row + j]! -= ci * u[j]!;
  }
  return denom;
}

/**
 * Lower Cholesky factor L (L Lᵀ = M) of a symmetric positive definite d×d matrix into `out`.
 * Returns false when a pivot is not positive (M not numerically positive definite).
 */
export function choleskyLower(m: Float64Array, d: number, out: Float64Array): boolean {
  out.fill(0);
  for (let i = 0; i < d; i++) {
    const ri = i * d;
    for (let j = 0; j <= i; j++) {
      const rj = j * d;
      let s = m[ri + j]!;
      for (let k = 0; k < j; k++) s -= out[ri + k]! * out[rj + k]!;
      if (i === j) {
        if (!(s > 0)) return false;
        out[ri + i] = Math.sqrt(s);
      } else {
        out[ri + j] = s / out[rj + j]!;
      }
    }
  }
  return true;
}

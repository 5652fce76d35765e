/** The plain dense-vector kernels every part of the core uses (semantic scoring, clusters, bandit). */

/** Dot product of the first `n` entries of `a` and `b` (all of `a` by default). No length check: callers that need one add it. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>, n = a.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/** Euclidean (L2) norm. */
export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

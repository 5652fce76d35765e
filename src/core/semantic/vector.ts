/** Dense float vector helpers: dot product, norm, L2 normalisation, cosine similarity. */
import { dot as dotN, norm } from '../shared/vector';
import { SemanticError } from './errors';

export { norm };

type Vec = ArrayLike<number>;

function sameDim(a: Vec, b: Vec): void {
  if (a.length !== b.length) throw new SemanticError('DIM_MISMATCH', `vector dimensions differ: ${a.length} vs ${b.length}`);
}

/** Dot product of two vectors of equal length (throws DIM_MISMATCH otherwise). */
export function dot(a: Vec, b: Vec): number {
  sameDim(a, b);
  return dotN(a, b);
}

/** Returns a new unit-length copy of `v`; a zero vector stays all zeros (it has no direction). */
export function l2Normalize(v: Vec): Float32Array {
  const out = new Float32Array(v.length);
  const n = norm(v);
  if (n === 0) return out;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / n;
  return out;
}

/** Cosine similarity in [-1, 1]; 0 when either vector is zero. */
export function cosine(a: Vec, b: Vec): number {
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return 0;
  return dot(a, b) / (na * nb);
}

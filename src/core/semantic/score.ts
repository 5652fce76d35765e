/** Dot-product scores of one float query against every int8 catalogue vector. */
import { SemanticError } from './errors';
import type { VectorSet } from './vectors-file';

/**
 * `out[i] = scales[i] · Σ_j query[j] · data[i, j]`: the cosine similarity when the query and the
 * original catalogue vectors are unit length (up to int8 rounding).
 */
export function scoreVectors(set: VectorSet, query: ArrayLike<number>, out = new Float32Array(set.count)): Float32Array {
  const { dim, count, data, scales } = set;
  if (query.length !== dim) throw new SemanticError('DIM_MISMATCH', `query has dimension ${query.length}, catalogue vectors ${dim}`);
  if (out.length < count) throw new SemanticError('BAD_ARGUMENT', `output array too short (${out.length} < ${count})`);
  const q = query instanceof Float32Array ? query : Float32Array.from(query);
  for (let i = 0, off = 0; i < count; i++, off += dim) {
    // Four independent sums let the JIT overlap the multiply-adds (~25% faster than one sum).
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j + 3 < dim; j += 4) {
      s0 += q[j]! * data[off + j]!;
      s1 += q[j + 1]! * data[off + j + 1]!;
      s2 += q[j + 2]! * data[off + j + 2]!;
      s3 += q[j + 3]! * data[off + j + 3]!;
    }
    for (; j < dim; j++) s0 += q[j]! * data[off + j]!;
    out[i] = (s0 + s1 + s2 + s3) * scales[i]!;
  }
  return out;
}

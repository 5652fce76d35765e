/** Top-k selection for semantic search: the shared heap (core/shared/topk) with this module's argument check. */
import { topKArrays, type TopKResult } from '../shared/topk';
import { SemanticError } from './errors';

/** The k best entries, best first: `indices[r]` has score `scores[r]`. */
export type TopK = TopKResult;

/**
 * Returns the k highest scores and their indices, best first; ties go to the lower index.
 * `keep(i)` (optional) excludes entries; NaN scores are skipped.
 */
export function topK(scores: ArrayLike<number>, k: number, keep?: (index: number) => boolean): TopK {
  if (!Number.isInteger(k) || k < 0) throw new SemanticError('BAD_ARGUMENT', `k must be a non-negative integer, got ${k}`);
  return topKArrays(scores, k, keep);
}

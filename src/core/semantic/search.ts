/** Semantic search: score a query against the catalogue vectors and keep the k best. */
import { scoreVectors } from './score';
import { topK, type TopK } from './topk';
import type { VectorSet } from './vectors-file';

/** The k catalogue rows most similar to `query` (unit length), best first; `keep` filters rows. */
export function searchVectors(set: VectorSet, query: ArrayLike<number>, k: number, keep?: (index: number) => boolean): TopK {
  return topK(scoreVectors(set, query), k, keep);
}

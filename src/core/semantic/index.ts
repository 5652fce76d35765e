/** Semantic search maths: vectors, int8 storage, scoring and top-k. Pure TypeScript. */
export { SemanticError, type SemanticErrorCode } from './errors';
export { cosine, dot, l2Normalize, norm } from './vector';
export { dequantizeInt8, quantizeInt8, type QuantizedVector } from './quantize';
export { assertSameEncoder, decodeVectorsFile, encodeVectorsFile, quantizeVectors, vectorsFileName, type VectorSet } from './vectors-file';
export { searchVectors } from './search';
export { scoreVectors } from './score';
export { topK, type TopK } from './topk';
export { movieText, truncateAtSentence, type MovieTextOptions } from './movie-text';
export { rowFilter, type RowFilter } from './filter';

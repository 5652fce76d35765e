/** Query understanding: the public surface. */
export { parseQuery, type ParseOptions } from './parse';
export { genreMatch, type GenreMatch } from './genre-match';
export type { GenreIntent, QueryIntent, QuerySpan, YearRange, MoodWant } from './types';

/**
 * How a movie's genres fit the genre part of a query.
 *
 *   score    = |include ∩ movie| / |include|      (0 when the query includes no genre)
 *   excluded = movie has an excluded genre, or all genres of an excluded combination
 *
 * `score` is a reward for ranking; `excluded` is a hard filter flag the ranker should honour.
 */
import type { Genre } from '../catalogue/types';
import type { GenreIntent } from './types';

/** The genre fit of one movie. */
export interface GenreMatch {
  score: number;
  excluded: boolean;
}

/** Genre match of one movie against a query's genre intent. */
export function genreMatch(intent: GenreIntent, movieGenres: readonly Genre[]): GenreMatch {
  const has = new Set(movieGenres);
  const excluded =
    intent.exclude.some((g) => has.has(g)) || intent.excludeCombos.some((combo) => combo.length > 0 && combo.every((g) => has.has(g)));
  let hit = 0;
  for (const g of intent.include) if (has.has(g)) hit++;
  return { score: intent.include.length ? hit / intent.include.length : 0, excluded };
}

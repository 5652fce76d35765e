/** An in-memory catalogue with lookups by MovieLens id, built once from the decoded index. */
import { titleKey } from './titles';
import type { MovieIndexEntry } from './types';

export interface Catalogue {
  movies: readonly MovieIndexEntry[];
  /** movieId → position in `movies` (the item index used by ratings and vectors). */
  indexOf: ReadonlyMap<number, number>;
  /** titleKey of each movie, aligned with `movies` (computed on first use: title search, not start-up). */
  keys: readonly string[];
  /** Mean of all community ratings (the prior for damped means). */
  globalMean: number;
  latestYear: number;
}

export function createCatalogue(movies: readonly MovieIndexEntry[]): Catalogue {
  let sum = 0;
  let count = 0;
  let latestYear = 0;
  for (const m of movies) {
    sum += m.mean * m.n;
    count += m.n;
    if (m.year !== null && m.year > latestYear) latestYear = m.year;
  }
  let keys: string[] | undefined;
  return {
    movies,
    indexOf: new Map(movies.map((m, i) => [m.id, i])),
    get keys() {
      return (keys ??= movies.map((m) => titleKey(m.title)));
    },
    globalMean: count ? sum / count : 0,
    latestYear,
  };
}

/** Looks a movie up by MovieLens id. */
export function movieById(cat: Catalogue, id: number): MovieIndexEntry | undefined {
  const i = cat.indexOf.get(id);
  return i === undefined ? undefined : cat.movies[i];
}

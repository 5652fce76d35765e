/**
 * The extended catalogue: Wikipedia films no MovieLens movie matched, as content-only entries
 * (src/core/catalogue/extended.ts). Opt-in (`npm run data -- --catalogue extended` or
 * RECOSTREAM_CATALOGUE=extended): the default build stays the lean MovieLens catalogue.
 */
import { assignExtendedIds } from '../../src/core/catalogue/extended';
import { GENRES, type Genre, type MovieIndexEntry } from '../../src/core/catalogue/types';
import { DataError } from './errors';
import type { WikiFilm } from './wikipedia';

export type CatalogueKind = 'lean' | 'extended';

/**
 * Wikipedia's genre labels (the data set's 41, case-folded) → the catalogue's MovieLens genres.
 * Labels with no counterpart (Silent, Short, Independent, Teen, Sports, …) map to nothing; a film
 * whose labels all map to nothing has no genres, like MovieLens' "(no genres listed)".
 */
export const WIKI_GENRES: Readonly<Record<string, readonly Genre[]>> = {
  action: ['Action'],
  adventure: ['Adventure'],
  animated: ['Animation'],
  animation: ['Animation'],
  biography: ['Drama'],
  comedy: ['Comedy'],
  crime: ['Crime'],
  dance: ['Musical'],
  disaster: ['Action', 'Thriller'],
  documentary: ['Documentary'],
  drama: ['Drama'],
  family: ['Children'],
  fantasy: ['Fantasy'],
  'found footage': ['Horror'],
  historical: ['Drama'],
  horror: ['Horror'],
  legal: ['Drama'],
  'martial arts': ['Action'],
  musical: ['Musical'],
  mystery: ['Mystery'],
  noir: ['Film-Noir'],
  political: ['Drama'],
  romance: ['Romance'],
  satire: ['Comedy'],
  'science fiction': ['Sci-Fi'],
  slasher: ['Horror'],
  spy: ['Action', 'Thriller'],
  superhero: ['Action', 'Adventure'],
  supernatural: ['Horror'],
  suspense: ['Thriller'],
  thriller: ['Thriller'],
  war: ['War'],
  western: ['Western'],
};

/** The catalogue genres of a Wikipedia film's labels, in the catalogue's order, without repeats. */
export function mapWikiGenres(labels: readonly string[]): Genre[] {
  const out = new Set<Genre>();
  for (const l of labels) for (const g of WIKI_GENRES[l.trim().toLowerCase()] ?? []) out.add(g);
  return GENRES.filter((g) => out.has(g));
}

/** Which catalogue to build: `--catalogue lean|extended` beats RECOSTREAM_CATALOGUE; default lean. */
export function catalogueKind(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CatalogueKind {
  const i = argv.findIndex((a) => a === '--catalogue' || a.startsWith('--catalogue='));
  const raw = i < 0 ? env.RECOSTREAM_CATALOGUE : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  const v = (raw ?? 'lean').trim().toLowerCase() || 'lean';
  if (v !== 'lean' && v !== 'extended') throw new DataError(i < 0 ? 'RECOSTREAM_CATALOGUE' : '--catalogue', null, `"${raw}" is not a catalogue (use lean or extended)`);
  return v;
}

/** RECOSTREAM_EXTENDED_LIMIT: keep only the N most recent content-only films (small test builds); undefined = all. */
export function extendedLimit(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env.RECOSTREAM_EXTENDED_LIMIT;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new DataError('RECOSTREAM_EXTENDED_LIMIT', null, `"${raw}" is not a whole number`);
  return n;
}

export interface ExtendedFilm {
  entry: MovieIndexEntry;
  film: WikiFilm;
}

/**
 * Content-only entries for the films no MovieLens movie took: one per article (a film listed in
 * two decade files counts once), ids from the slug (never a MovieLens id), genres mapped, no
 * ratings. Ordered by year, then slug; `limit` keeps the most recent ones.
 */
export function extendedFilms(wiki: readonly WikiFilm[], matched: ReadonlySet<WikiFilm>, movielensIds: ReadonlySet<number>, limit?: number): { films: ExtendedFilm[]; stepped: number } {
  const matchedHrefs = new Set([...matched].map((f) => f.href));
  const byHref = new Map<string, WikiFilm>();
  for (const f of wiki) if (!matchedHrefs.has(f.href) && !byHref.has(f.href)) byHref.set(f.href, f);
  let left = [...byHref.values()].sort((a, b) => a.year - b.year || (a.href < b.href ? -1 : a.href > b.href ? 1 : 0));
  if (limit !== undefined) left = left.slice(Math.max(0, left.length - limit));
  // Ids over the whole leftover set, before any limit, so a small build gives the same ids.
  const { ids, stepped } = assignExtendedIds([...byHref.keys()], movielensIds);
  const films = left.map((film) => ({
    film,
    entry: { id: ids.get(film.href)!, title: film.title, year: film.year, genres: mapWikiGenres(film.genres), n: 0, mean: 0, contentOnly: true as const },
  }));
  return { films, stepped };
}

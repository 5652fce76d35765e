/** Joins MovieLens with Wikipedia into the artefacts the app loads. Pure apart from its inputs. */
import type { MovieDetails, MovieIndexEntry, RatingsCOO } from '../../src/core/catalogue/types';
import { contentLevels, encodeLevels, topicRegex } from '../../src/core/content/limits';
import { GENRE_TERMS } from '../../src/core/query/genre-lexicon';
import type { MovieLens } from './movielens';
import { extendedFilms } from './extended';
import { directorsFromExtract } from './people';
import { WikiIndex, type WikiFilm } from './wikipedia';

export interface BuiltCatalogue {
  index: MovieIndexEntry[];
  details: MovieDetails[];
  ratings: RatingsCOO;
  /** Dense user index → MovieLens userId. */
  userIds: number[];
  /** MovieLens movies with a Wikipedia extract (content-only entries all have one). */
  withExtract: number;
  /** Per item (index order): cast and directors from the matched Wikipedia film, [] when unmatched. */
  cast: string[][];
  directors: string[][];
  /** Per item: content levels as digits in CONTENT_DIMS order (see src/core/content/limits.ts). */
  content: string[];
  /** Topic word of the genre lexicon ("heist") → indices of movies whose tags or plot use it. */
  topics: Record<string, number[]>;
  /** Per item: the Wikipedia film's title and how it was matched, when matched (for checks). */
  matches: ({ title: string; year: number; rule: 'title' | 'part' } | null)[];
  /** Content-only entries appended after the MovieLens movies (0 in a lean build). */
  extended: number;
  /** Content-only ids that stepped past a hash collision (see assignExtendedIds). */
  steppedIds: number;
}

export interface BuildOptions {
  /** Append the Wikipedia films no movie matched as content-only entries; `limit` keeps the most recent N. */
  extended?: { limit?: number };
}

/** Cast members kept per movie (Wikipedia lists the leads first). */
const MAX_CAST = 8;

const MAX_TAGS = 8;

export function buildCatalogue(ml: MovieLens, wiki: readonly WikiFilm[], opts: BuildOptions = {}): BuiltCatalogue {
  const movies = [...ml.movies].sort((a, b) => a.movieId - b.movieId);
  const itemOf = new Map(movies.map((m, i) => [m.movieId, i]));
  const userIds = [...new Set(ml.ratings.map((r) => r.userId))].sort((a, b) => a - b);
  const userOf = new Map(userIds.map((u, i) => [u, i]));

  const count = new Float64Array(movies.length);
  const sum = new Float64Array(movies.length);
  const n = ml.ratings.length;
  const ratings: RatingsCOO = {
    nUsers: userIds.length,
    nItems: movies.length,
    user: new Uint16Array(n),
    item: new Uint16Array(n),
    rating: new Float32Array(n),
    time: new Uint32Array(n),
  };
  ml.ratings.forEach((r, k) => {
    const i = itemOf.get(r.movieId)!;
    count[i]! += 1;
    sum[i]! += r.rating;
    ratings.user[k] = userOf.get(r.userId)!;
    ratings.item[k] = i;
    ratings.rating[k] = r.rating;
    ratings.time[k] = r.timestamp;
  });

  const tagCounts = movies.map(() => new Map<string, number>());
  for (const t of ml.tags) {
    const tag = t.tag.toLowerCase().replace(/\s+/g, ' ');
    if (!tag) continue;
    const m = tagCounts[itemOf.get(t.movieId)!]!;
    m.set(tag, (m.get(tag) ?? 0) + 1);
  }

  const wikiIndex = new WikiIndex(wiki);
  const matched = wikiIndex.matchAll(movies.map((m) => ({ titles: [m.title, ...m.aka], year: m.year })));
  let withExtract = 0;
  const cast: string[][] = [];
  const directors: string[][] = [];
  const content: string[] = [];
  const index: MovieIndexEntry[] = [];
  const details: MovieDetails[] = [];
  const add = (entry: MovieIndexEntry, tags: string[], w: WikiFilm | undefined) => {
    index.push(entry);
    const d: MovieDetails = { id: entry.id, tags };
    if (w) {
      d.extract = w.extract;
      d.wiki = w.href;
      if (!entry.contentOnly) withExtract++;
    }
    cast.push(w ? [...new Set(w.cast)].slice(0, MAX_CAST) : []);
    directors.push(w ? directorsFromExtract(w.extract) : []);
    content.push(encodeLevels(contentLevels({ genres: entry.genres, tags: d.tags, text: w?.extract })));
    details.push(d);
  };
  movies.forEach((m, i) => {
    const tags = [...tagCounts[i]!.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_TAGS)
      .map(([t]) => t);
    add({ id: m.movieId, title: m.title, year: m.year, genres: m.genres, n: count[i]!, mean: count[i]! ? sum[i]! / count[i]! : 0 }, tags, matched[i]?.film);
  });
  let steppedIds = 0;
  let extended = 0;
  if (opts.extended) {
    const taken = new Set<WikiFilm>();
    for (const r of matched) if (r) taken.add(r.film);
    const ext = extendedFilms(wiki, taken, new Set(movies.map((m) => m.movieId)), opts.extended.limit);
    for (const { entry, film } of ext.films) add(entry, [], film);
    steppedIds = ext.stepped;
    extended = ext.films.length;
  }
  const topics: Record<string, number[]> = {};
  const terms = Object.entries(GENRE_TERMS).filter(([, t]) => t.keep).map(([k]) => k);
  const texts = details.map((d) => `${d.tags.join(' ; ')} ; ${d.extract ?? ''}`.toLowerCase());
  for (const term of terms) {
    const rx = topicRegex(term);
    const list: number[] = [];
    texts.forEach((t, i) => {
      if (rx.test(t)) list.push(i);
    });
    if (list.length) topics[term] = list;
  }
  const matches = matched.map((r) => (r ? { title: r.film.title, year: r.film.year, rule: r.rule } : null));
  return { index, details, ratings, userIds, withExtract, cast, directors, content, topics, matches, extended, steppedIds };
}

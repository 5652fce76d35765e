/** Parsing of the MovieLens latest-small CSV files, strict and with file:line errors. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { GENRES, type Genre } from '../../src/core/catalogue/types';
import { parseMovieLensTitle, type ParsedTitle } from '../../src/core/catalogue/titles';
import { DataError } from './errors';

export interface MlMovie extends ParsedTitle {
  movieId: number;
  rawTitle: string;
  genres: Genre[];
}
export interface MlRating {
  userId: number;
  movieId: number;
  rating: number;
  timestamp: number;
}
export interface MlTag {
  userId: number;
  movieId: number;
  tag: string;
  timestamp: number;
}
export interface MovieLens {
  movies: MlMovie[];
  ratings: MlRating[];
  tags: MlTag[];
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError(file, null, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(err)})`);
  }
}

/** Parses a CSV with the expected header; each row is handed to `row` with its 1-based line number. */
export function parseCsv<T>(file: string, text: string, header: readonly string[], row: (f: string[], line: number) => T): T[] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const first = parsed.errors[0];
  if (first) throw new DataError(file, (first.row ?? 0) + 1, `CSV error: ${first.message}`);
  const [head, ...rows] = parsed.data;
  if (!head || head.join(',') !== header.join(',')) {
    throw new DataError(file, 1, `expected header "${header.join(',')}", found "${(head ?? []).join(',')}"`);
  }
  return rows.map((f, i) => {
    const line = i + 2;
    if (f.length !== header.length) throw new DataError(file, line, `expected ${header.length} fields, found ${f.length}`);
    return row(f, line);
  });
}

function int(file: string, line: number, name: string, s: string): number {
  if (!/^\d+$/.test(s)) throw new DataError(file, line, `${name} "${s}" is not a whole number`);
  return Number(s);
}

const GENRE_SET = new Set<string>(GENRES);

export function parseMovies(file: string, text: string): MlMovie[] {
  const seen = new Set<number>();
  return parseCsv(file, text, ['movieId', 'title', 'genres'], ([id, title, genres], line) => {
    const movieId = int(file, line, 'movieId', id!);
    if (seen.has(movieId)) throw new DataError(file, line, `duplicate movieId ${movieId}`);
    seen.add(movieId);
    if (!title!.trim()) throw new DataError(file, line, 'empty title');
    const list = genres === '(no genres listed)' ? [] : genres!.split('|');
    for (const g of list) if (!GENRE_SET.has(g)) throw new DataError(file, line, `unknown genre "${g}"`);
    return { movieId, rawTitle: title!, genres: list as Genre[], ...parseMovieLensTitle(title!) };
  });
}

export function parseRatings(file: string, text: string, movieIds: ReadonlySet<number>): MlRating[] {
  return parseCsv(file, text, ['userId', 'movieId', 'rating', 'timestamp'], ([u, m, r, t], line) => {
    const rating = Number(r);
    if (!/^\d(\.\d+)?$/.test(r!) || rating < 0.5 || rating > 5 || (rating * 2) % 1 !== 0) {
      throw new DataError(file, line, `rating "${r}" is not a half-star value from 0.5 to 5`);
    }
    const movieId = int(file, line, 'movieId', m!);
    if (!movieIds.has(movieId)) throw new DataError(file, line, `movieId ${movieId} is not in movies.csv`);
    return { userId: int(file, line, 'userId', u!), movieId, rating, timestamp: int(file, line, 'timestamp', t!) };
  });
}

export function parseTags(file: string, text: string, movieIds: ReadonlySet<number>): MlTag[] {
  return parseCsv(file, text, ['userId', 'movieId', 'tag', 'timestamp'], ([u, m, tag, t], line) => {
    const movieId = int(file, line, 'movieId', m!);
    if (!movieIds.has(movieId)) throw new DataError(file, line, `movieId ${movieId} is not in movies.csv`);
    return { userId: int(file, line, 'userId', u!), movieId, tag: tag!.trim(), timestamp: int(file, line, 'timestamp', t!) };
  });
}

/** Reads and validates the three MovieLens files from `dir`. */
export function loadMovieLens(dir: string): MovieLens {
  const mf = join(dir, 'movies.csv');
  const movies = parseMovies(mf, readText(mf));
  const ids = new Set(movies.map((m) => m.movieId));
  const rf = join(dir, 'ratings.csv');
  const tf = join(dir, 'tags.csv');
  return { movies, ratings: parseRatings(rf, readText(rf), ids), tags: parseTags(tf, readText(tf), ids) };
}

export { readText };

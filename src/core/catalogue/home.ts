/**
 * The Home page's catalogue rows (popular, top rated, the most-rated genres' top rated) and their
 * build-time snapshot: the build computes the rows once from catalogue.json and ships them inside
 * the app bundle, so a visit paints its first cards without downloading, parsing and sorting the
 * whole catalogue first. The page checks the snapshot against the catalogue it loads (the
 * catalogue file's SHA-256 from the data manifest) and recomputes the rows when they differ.
 */
import type { Catalogue } from './catalogue';
import { genresByPopularity, popular, topRated } from './rows';
import { GENRES, type MovieIndexEntry } from './types';

/** Genre rows shown under "Popular" and "Top rated": the most-rated genres. */
export const HOME_GENRE_ROWS = 8;
/** Movies per Home row. */
export const HOME_ROW_LENGTH = 20;

export interface HomeRow {
  title: string;
  /** A line under the title ('' for none). */
  note: string;
  movies: readonly MovieIndexEntry[];
}

/** The rows' titles and notes, and how each row's movies are chosen. */
interface HomeRowSpec {
  title: string;
  note: string;
  select: (cat: Catalogue) => MovieIndexEntry[];
}

function homeRowSpecs(cat: Catalogue): HomeRowSpec[] {
  const specs: HomeRowSpec[] = [
    { title: 'Popular on RecoStream', note: 'Most rated by the MovieLens community', select: (c) => popular(c, { limit: HOME_ROW_LENGTH }) },
    {
      title: 'Top rated',
      note: 'Highest average rating, damped towards the overall mean so a few ratings cannot top the chart',
      select: (c) => topRated(c, { limit: HOME_ROW_LENGTH }),
    },
  ];
  for (const genre of genresByPopularity(cat).slice(0, HOME_GENRE_ROWS)) {
    specs.push({ title: `Top ${genre}`, note: '', select: (c) => topRated(c, { genre, limit: HOME_ROW_LENGTH }) });
  }
  return specs;
}

/**
 * The Home rows of `cat`, each row's movies selected on first access (a row below the fold costs
 * nothing until it is rendered).
 */
export function homeRows(cat: Catalogue): HomeRow[] {
  return homeRowSpecs(cat).map((spec) => {
    let movies: MovieIndexEntry[] | undefined;
    return {
      title: spec.title,
      note: spec.note,
      get movies() {
        return (movies ??= spec.select(cat));
      },
    };
  });
}

/** The rows as the build ships them: plain JSON, tied to the catalogue file they come from. */
export interface HomeSnapshot {
  v: 1;
  /** SHA-256 (hex) of the catalogue.json the rows were computed from (as the data manifest lists it). */
  catalogueSha256: string;
  rows: HomeRow[];
}

/** Computes every row now (at build time) into a snapshot of `cat`, whose file has `catalogueSha256`. */
export function homeSnapshot(cat: Catalogue, catalogueSha256: string): HomeSnapshot {
  return {
    v: 1,
    catalogueSha256,
    rows: homeRows(cat).map((r) => ({ title: r.title, note: r.note, movies: r.movies.map((m) => ({ ...m, genres: [...m.genres] })) })),
  };
}

const GENRE_SET: ReadonlySet<string> = new Set(GENRES);

function isEntry(x: unknown): x is MovieIndexEntry {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return (
    Number.isInteger(m.id) &&
    typeof m.title === 'string' &&
    (m.year === null || Number.isInteger(m.year)) &&
    Array.isArray(m.genres) &&
    m.genres.every((g) => typeof g === 'string' && GENRE_SET.has(g)) &&
    typeof m.n === 'number' &&
    m.n >= 0 &&
    typeof m.mean === 'number' &&
    (m.contentOnly === undefined || m.contentOnly === true)
  );
}

/** The snapshot if `json` is a well-formed one, else null (the page then computes the rows itself). */
export function checkHomeSnapshot(json: unknown): HomeSnapshot | null {
  if (typeof json !== 'object' || json === null) return null;
  const s = json as Record<string, unknown>;
  if (s.v !== 1 || typeof s.catalogueSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(s.catalogueSha256) || !Array.isArray(s.rows)) return null;
  for (const r of s.rows as unknown[]) {
    if (typeof r !== 'object' || r === null) return null;
    const row = r as Record<string, unknown>;
    if (typeof row.title !== 'string' || !row.title || typeof row.note !== 'string' || !Array.isArray(row.movies) || !row.movies.every(isEntry)) return null;
  }
  return json as HomeSnapshot;
}

/**
 * Cards a row shows at once in a viewport `width` CSS px wide: the strip's columns are
 * clamp(140px, 36vw, 180px) apart by a 0.9rem (14.4 px) gap; one more card for the partly visible
 * one, at least 3 and at most 8 (the rest of a row follows when the browser is idle or scrolled).
 */
export function cardsToFill(width: number): number {
  if (!Number.isFinite(width) || width <= 0) return 8;
  const column = Math.min(180, Math.max(140, 0.36 * width)) + 14.4;
  return Math.min(8, Math.max(3, Math.ceil(width / column) + 1));
}

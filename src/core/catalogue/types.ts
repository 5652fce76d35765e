/** The catalogue and community-data shapes shared by the pipeline, the workers and the UI. */

/** The 20 MovieLens genres (plus the explicit "no genres" marker, stored as an empty list). */
export const GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'IMAX',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

export type Genre = (typeof GENRES)[number];

/** Light per-movie record: enough to paint rows, search titles and rank by popularity. */
export interface MovieIndexEntry {
  /** MovieLens movieId. */
  id: number;
  /** Display title with leading articles restored ("The Matrix"). */
  title: string;
  /** Release year, or null when MovieLens gives none. */
  year: number | null;
  genres: Genre[];
  /** Number of community ratings. */
  n: number;
  /** Mean community rating (0.5–5), 0 when unrated. */
  mean: number;
  /** A content-only entry (a Wikipedia film MovieLens lacks; see extended.ts): no community ratings. */
  contentOnly?: true;
}

/** Heavier per-movie details loaded after first paint. */
export interface MovieDetails {
  id: number;
  /** Wikipedia lead paragraph (CC BY-SA), when matched. */
  extract?: string;
  /** Wikipedia article slug; the article is https://en.wikipedia.org/wiki/<wiki>. */
  wiki?: string;
  /** Most frequent MovieLens user tags, case-folded, most common first. */
  tags: string[];
}

/**
 * Community ratings in coordinate form. `item` indexes the catalogue array (0-based),
 * `user` is a dense 0-based user index, `rating` is on the 0.5–5 scale.
 */
export interface RatingsCOO {
  nUsers: number;
  nItems: number;
  user: Uint16Array | Uint32Array;
  item: Uint16Array | Uint32Array;
  rating: Float32Array;
  /** Seconds since the epoch. */
  time: Uint32Array;
}

/** What the pipeline wrote, read by the app to check it is coherent. */
export interface DataManifest {
  schemaVersion: number;
  builtAt: string;
  counts: {
    movies: number;
    ratings: number;
    users: number;
    tags: number;
    withExtract: number;
    /** Content-only entries (extended catalogue), after the MovieLens movies in item order; absent or 0 in a lean build. */
    extended?: number;
  };
  /** File name → sha256 hex of its bytes. */
  files: Record<string, { sha256: string; bytes: number }>;
  /** The encoder whose vectors ship with this build, if any. */
  encoder?: { id: string; dim: number; file: string };
}

export const DATA_SCHEMA_VERSION = 1;

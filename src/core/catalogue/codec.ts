/**
 * Compact encodings of the catalogue and the community ratings, shared by the build-time
 * pipeline (encode) and the app and workers (decode). Pure: bytes and plain objects only.
 */
import { EXTENDED_ID_BASE } from './extended';
import { GENRES, type Genre, type MovieDetails, type MovieIndexEntry, type RatingsCOO } from './types';

/** Column-wise catalogue index as stored in `catalogue.json` (compact, gzips well). */
export interface CatalogueIndexFile {
  v: number;
  id: number[];
  title: string[];
  year: (number | null)[];
  /** Bit i set ⇔ GENRES[i]. */
  genres: number[];
  n: number[];
  mean: number[];
}

/** Column-wise details as stored in `details.json`, aligned with the index order. */
export interface CatalogueDetailsFile {
  v: number;
  extract: (string | null)[];
  wiki: (string | null)[];
  tags: string[][];
}

export function genresToMask(genres: readonly Genre[]): number {
  let mask = 0;
  for (const g of genres) {
    const i = GENRES.indexOf(g);
    if (i >= 0) mask |= 1 << i;
  }
  return mask;
}

export function maskToGenres(mask: number): Genre[] {
  const out: Genre[] = [];
  GENRES.forEach((g, i) => {
    if (mask & (1 << i)) out.push(g);
  });
  return out;
}

export function encodeCatalogueIndex(movies: readonly MovieIndexEntry[], v: number): CatalogueIndexFile {
  return {
    v,
    id: movies.map((m) => m.id),
    title: movies.map((m) => m.title),
    year: movies.map((m) => m.year),
    genres: movies.map((m) => genresToMask(m.genres)),
    n: movies.map((m) => m.n),
    mean: movies.map((m) => Math.round(m.mean * 100) / 100),
  };
}

/** Decodes and validates `catalogue.json`; throws a readable error when the file is malformed. */
export function decodeCatalogueIndex(file: unknown): MovieIndexEntry[] {
  const f = file as Partial<CatalogueIndexFile> | null;
  const cols = ['id', 'title', 'year', 'genres', 'n', 'mean'] as const;
  if (!f || typeof f !== 'object' || !cols.every((c) => Array.isArray(f[c]))) {
    throw new Error('catalogue.json is not a RecoStream catalogue (missing columns)');
  }
  const len = f.id!.length;
  if (!cols.every((c) => f[c]!.length === len)) throw new Error('catalogue.json columns differ in length');
  const out: MovieIndexEntry[] = new Array(len);
  for (let i = 0; i < len; i++) {
    out[i] = {
      id: f.id![i]!,
      title: f.title![i]!,
      year: f.year![i] ?? null,
      genres: maskToGenres(f.genres![i]!),
      n: f.n![i]!,
      mean: f.mean![i]!,
    };
  }
  return out;
}

/**
 * Decodes `catalogue-extended.json` (same columns as `catalogue.json`; n and mean are 0): the
 * content-only entries, marked `contentOnly`. Throws when an id is outside the content-only range
 * or repeats one of `taken` (the MovieLens ids).
 */
export function decodeExtendedIndex(file: unknown, taken: ReadonlySet<number> = new Set()): MovieIndexEntry[] {
  const out = decodeCatalogueIndex(file);
  const seen = new Set<number>();
  for (const m of out) {
    if (!Number.isInteger(m.id) || m.id < EXTENDED_ID_BASE || taken.has(m.id) || seen.has(m.id)) {
      throw new Error(`catalogue-extended.json has an id outside the content-only range or a repeated id (${m.id})`);
    }
    seen.add(m.id);
    m.n = 0;
    m.mean = 0;
    m.contentOnly = true;
  }
  return out;
}

export function encodeCatalogueDetails(details: readonly MovieDetails[], v: number): CatalogueDetailsFile {
  return {
    v,
    extract: details.map((d) => d.extract ?? null),
    wiki: details.map((d) => d.wiki ?? null),
    tags: details.map((d) => d.tags),
  };
}

export function decodeCatalogueDetails(file: unknown, ids: readonly number[]): MovieDetails[] {
  const f = file as Partial<CatalogueDetailsFile> | null;
  if (!f || !Array.isArray(f.extract) || !Array.isArray(f.wiki) || !Array.isArray(f.tags)) {
    throw new Error('details.json is not a RecoStream details file');
  }
  if (f.extract.length !== ids.length) throw new Error('details.json does not match the catalogue');
  return ids.map((id, i) => {
    const d: MovieDetails = { id, tags: f.tags![i] ?? [] };
    const e = f.extract![i];
    const w = f.wiki![i];
    if (e) d.extract = e;
    if (w) d.wiki = w;
    return d;
  });
}

const RATINGS_MAGIC = 0x31525352; // "RSR1" little-endian

const pad4 = (n: number) => (n + 3) & ~3;

/**
 * Binary ratings: header [magic, count, nUsers, nItems] (uint32 LE), then user u16[], item u16[],
 * half-stars u8[] (rating × 2), each padded to 4 bytes, then time u32[]. ~9 bytes a rating.
 */
export function encodeRatings(r: RatingsCOO): Uint8Array {
  const n = r.rating.length;
  if (r.nUsers > 0xffff || r.nItems > 0xffff) throw new Error('ratings codec supports at most 65,535 users and items');
  const offUser = 16;
  const offItem = offUser + pad4(n * 2);
  const offRating = offItem + pad4(n * 2);
  const offTime = offRating + pad4(n);
  const buf = new ArrayBuffer(offTime + n * 4);
  const head = new Uint32Array(buf, 0, 4);
  head.set([RATINGS_MAGIC, n, r.nUsers, r.nItems]);
  new Uint16Array(buf, offUser, n).set(r.user);
  new Uint16Array(buf, offItem, n).set(r.item);
  const stars = new Uint8Array(buf, offRating, n);
  for (let i = 0; i < n; i++) stars[i] = Math.round(r.rating[i]! * 2);
  new Uint32Array(buf, offTime, n).set(r.time);
  return new Uint8Array(buf);
}

/** Decodes `ratings.bin`; throws when the bytes are not a ratings file or are truncated. */
export function decodeRatings(bytes: ArrayBuffer | Uint8Array): RatingsCOO {
  const buf = bytes instanceof Uint8Array ? bytes.slice().buffer : bytes;
  if (buf.byteLength < 16) throw new Error('ratings.bin is truncated');
  const [magic, n, nUsers, nItems] = new Uint32Array(buf, 0, 4) as unknown as [number, number, number, number];
  if (magic !== RATINGS_MAGIC) throw new Error('ratings.bin is not a RecoStream ratings file');
  const offUser = 16;
  const offItem = offUser + pad4(n * 2);
  const offRating = offItem + pad4(n * 2);
  const offTime = offRating + pad4(n);
  if (buf.byteLength !== offTime + n * 4) throw new Error('ratings.bin is truncated');
  const stars = new Uint8Array(buf, offRating, n);
  const rating = new Float32Array(n);
  for (let i = 0; i < n; i++) rating[i] = stars[i]! / 2;
  return {
    nUsers,
    nItems,
    user: new Uint16Array(buf, offUser, n),
    item: new Uint16Array(buf, offItem, n),
    rating,
    time: new Uint32Array(buf, offTime, n),
  };
}

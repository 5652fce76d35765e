/**
 * The one place that knows where the build's data files are and how to load them, used by the page
 * and by every worker (reco, insights; the ML worker gets `dataBaseUrl()` too). Every file is
 * fetched alongside the data manifest, which is checked (schema version, file listed) before the
 * file is decoded, so no loader can read data from another build. Failures are DataLoadErrors with
 * a stable `code` (they keep it across the worker wire) and a message safe to show.
 */
import { decodeCatalogueDetails, decodeCatalogueIndex, decodeExtendedIndex, decodeRatings } from '../core/catalogue/codec';
import { checkManifest } from '../core/catalogue/manifest';
import type { DataManifest, MovieDetails, MovieIndexEntry, RatingsCOO } from '../core/catalogue/types';
import { decodeMoods } from '../core/mood/codec';
import { decodeContentData, type ContentData } from '../core/content/limits';
import { decodePeople, type PeopleFile } from '../core/people/people';
import type { MoodMatrix } from '../core/mood/profile';

export type DataErrorCode =
  /** No network and no cached copy. */
  | 'DATA_OFFLINE'
  /** The server answered with an error status. */
  | 'DATA_HTTP'
  /** The file arrived but cannot be decoded. */
  | 'DATA_DAMAGED'
  /** The manifest is for another data schema (the site is mid-update). */
  | 'DATA_SCHEMA'
  /** The manifest does not list the file (a build without it). */
  | 'DATA_MISSING'
  /** A worker loader ran before it was told where the data is (a bug). */
  | 'DATA_NOT_CONFIGURED';

/** A data file could not be loaded; `message` is safe to show, `code` is stable. */
export class DataLoadError extends Error {
  override readonly name = 'DataLoadError';
  constructor(
    readonly code: DataErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Where the data files are served; in a page, `data/` beside index.html. Workers are told by the page. */
let base: URL | null = typeof document === 'undefined' ? null : new URL('data/', document.baseURI);

/** The data folder URL as the page sees it (to hand to workers). */
export function dataBaseUrl(): string {
  if (!base) throw new DataLoadError('DATA_NOT_CONFIGURED', 'Internal error: the data location was not set.');
  return base.href;
}

/** The encoder files' folder as the page sees it (`models/` beside index.html). */
export function modelsBaseUrl(): string {
  return new URL('../models/', dataBaseUrl()).href;
}

/** Sets the data folder URL (workers: the page's `dataBaseUrl()`); forgets the cached manifest. */
export function setDataBaseUrl(url: string): void {
  base = new URL(url);
  manifest = undefined;
}

async function fetchOk(name: string): Promise<Response> {
  if (!base) throw new DataLoadError('DATA_NOT_CONFIGURED', 'Internal error: the data location was not set.');
  let res: Response;
  try {
    res = await fetch(new URL(name, base));
  } catch (cause) {
    throw new DataLoadError('DATA_OFFLINE', `Could not download ${name}. Check your connection and reload.`, { cause });
  }
  if (!res.ok) throw new DataLoadError('DATA_HTTP', `Could not download ${name} (HTTP ${res.status}). The site may be mid-update: reload.`);
  return res;
}

let manifest: Promise<DataManifest> | undefined;

/** The checked data manifest (memoised; a failure is retried on the next call). */
export function loadManifest(): Promise<DataManifest> {
  manifest ??= (async () => {
    const res = await fetchOk('manifest.json');
    let json: unknown;
    try {
      json = await res.json();
    } catch (cause) {
      throw new DataLoadError('DATA_DAMAGED', 'manifest.json is damaged. Reload to fetch it again.', { cause });
    }
    const checked = checkManifest(json);
    if (!checked.ok) throw new DataLoadError(checked.problem === 'SCHEMA_MISMATCH' ? 'DATA_SCHEMA' : 'DATA_DAMAGED', `${checked.message} Reload to update.`);
    return checked.manifest;
  })();
  manifest.catch(() => (manifest = undefined));
  return manifest;
}

/**
 * Fetches a data file in parallel with the manifest, then checks the manifest lists it before
 * `decode` reads it. `what` names the file for messages ("The movie catalogue").
 */
async function loadFile<T>(name: string, what: string, decode: (res: Response) => Promise<T>): Promise<T> {
  const [man, res] = await Promise.all([loadManifest(), fetchOk(name)]);
  if (!man.files[name]) throw new DataLoadError('DATA_MISSING', `${what} is not part of this build. Reload to update.`);
  try {
    return await decode(res);
  } catch (cause) {
    throw new DataLoadError('DATA_DAMAGED', `${what} is damaged. Reload to fetch it again.`, { cause });
  }
}

/** The MovieLens part of the catalogue index: what the first paint needs. */
export function loadBaseIndex(): Promise<MovieIndexEntry[]> {
  return loadFile('catalogue.json', 'The movie catalogue', async (res) => decodeCatalogueIndex(await res.json()));
}

/** SHA-256 of catalogue.json as the data manifest lists it (to check the build-time Home rows against). */
export async function catalogueSha256(): Promise<string | null> {
  return (await loadManifest()).files['catalogue.json']?.sha256 ?? null;
}

/**
 * The content-only entries of an extended build (`catalogue-extended.json`, fetched after first
 * paint), to append after `base`; [] for a lean build (the manifest does not list the file).
 */
export async function loadExtendedIndex(base: readonly MovieIndexEntry[]): Promise<MovieIndexEntry[]> {
  const man = await loadManifest();
  if (!man.files['catalogue-extended.json']) return [];
  return loadFile('catalogue-extended.json', 'The extended catalogue', async (res) => decodeExtendedIndex(await res.json(), new Set(base.map((m) => m.id))));
}

/**
 * The whole catalogue index in item order (MovieLens movies, then any content-only entries): the
 * order every aligned file (details, people, content, moods, vectors) follows. Workers use this.
 */
export async function loadCatalogueIndex(): Promise<MovieIndexEntry[]> {
  const base = await loadBaseIndex();
  const ext = await loadExtendedIndex(base);
  return ext.length ? [...base, ...ext] : base;
}

/** Plot extracts, Wikipedia links and tags (loaded after first paint). */
export function loadCatalogueDetails(ids: readonly number[]): Promise<MovieDetails[]> {
  return loadFile('details.json', 'The movie details', async (res) => decodeCatalogueDetails(await res.json(), ids));
}

/** Community ratings (for collaborative filtering). */
export function loadRatings(): Promise<RatingsCOO> {
  return loadFile('ratings.bin', 'The community ratings', async (res) => decodeRatings(await res.arrayBuffer()));
}

/** The mood matrix (nItems × moods in [0, 1]); null when the build has none. */
export async function loadMoodMatrix(nItems: number): Promise<MoodMatrix | null> {
  const man = await loadManifest();
  if (!man.files['moods.bin']) return null;
  return loadFile('moods.bin', 'The mood profiles', async (res) => decodeMoods(await res.arrayBuffer(), { nMovies: nItems }));
}

/** Mood profile scores (nItems × moods in [0, 1]); null when the build has none. */
export async function loadMoods(nItems: number): Promise<Float32Array | null> {
  return (await loadMoodMatrix(nItems))?.scores ?? null;
}

/** A fingerprint of the community ratings, to key caches of models trained on them. */
export async function ratingsFingerprint(): Promise<string> {
  const man = await loadManifest();
  return man.files['ratings.bin']?.sha256 ?? 'unknown';
}

/** Bytes of a data file as the manifest lists them (0 when it is not listed). */
export async function dataFileBytes(name: string): Promise<number> {
  return (await loadManifest()).files[name]?.bytes ?? 0;
}

/** Cast and directors (loaded after first paint, for search and the movie page); null when the build has none. */
export async function loadPeople(nItems: number): Promise<PeopleFile | null> {
  const man = await loadManifest();
  if (!man.files['people.json']) return null;
  return loadFile('people.json', 'The cast and crew list', async (res) => decodePeople(await res.json(), nItems));
}

/** Content levels and topics for search; null when the build has none. */
export async function loadContent(nItems: number): Promise<ContentData | null> {
  const man = await loadManifest();
  if (!man.files['content.json']) return null;
  return loadFile('content.json', 'The content notes', async (res) => decodeContentData(await res.json(), nItems));
}

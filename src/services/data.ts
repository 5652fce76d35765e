/** Fetching the build's data artefacts (served by the app itself; cached by the service worker). */
import { decodeCatalogueDetails, decodeCatalogueIndex, decodeRatings } from '../core/catalogue/codec';
import { decodeMoods } from '../core/mood/codec';
import { DATA_SCHEMA_VERSION, type DataManifest, type MovieDetails, type MovieIndexEntry, type RatingsCOO } from '../core/catalogue/types';

/** A data file could not be loaded; `message` is safe to show. */
export class DataLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DataLoadError';
  }
}

/** Where the data files are served; in a page, `data/` beside index.html. Workers are told by the page. */
let base = typeof document === 'undefined' ? null : new URL('data/', document.baseURI);

/** The data folder URL as the page sees it (to hand to workers). */
export function dataBaseUrl(): string {
  if (!base) throw new Error('dataBaseUrl() is for pages; workers receive it');
  return base.href;
}

/** Sets the data folder URL (workers: the page's `dataBaseUrl()`). */
export function setDataBaseUrl(url: string): void {
  base = new URL(url);
}

async function fetchOk(name: string): Promise<Response> {
  let res: Response;
  if (!base) throw new DataLoadError('Internal error: the data location was not set.');
  try {
    res = await fetch(new URL(name, base));
  } catch (cause) {
    throw new DataLoadError(`Could not download ${name}. Check your connection and reload.`, { cause });
  }
  if (!res.ok) throw new DataLoadError(`Could not download ${name} (HTTP ${res.status}). The site may be mid-update: reload.`);
  return res;
}

async function fetchJson(name: string): Promise<unknown> {
  const res = await fetchOk(name);
  try {
    return await res.json();
  } catch (cause) {
    throw new DataLoadError(`${name} is damaged. Reload to fetch it again.`, { cause });
  }
}

let manifest: Promise<DataManifest> | undefined;
/** The data manifest (memoised). */
export function loadManifest(): Promise<DataManifest> {
  manifest ??= fetchJson('manifest.json').then((m) => {
    const man = m as DataManifest;
    if (man?.schemaVersion !== DATA_SCHEMA_VERSION) {
      throw new DataLoadError(`This app expects data schema ${DATA_SCHEMA_VERSION}, the server has ${String(man?.schemaVersion)}. Reload to update.`);
    }
    return man;
  });
  manifest.catch(() => (manifest = undefined));
  return manifest;
}

/** The light catalogue index (first paint). */
export async function loadCatalogueIndex(): Promise<MovieIndexEntry[]> {
  const file = await fetchJson('catalogue.json');
  try {
    return decodeCatalogueIndex(file);
  } catch (cause) {
    throw new DataLoadError('The movie catalogue is damaged. Reload to fetch it again.', { cause });
  }
}

/** Plot extracts, Wikipedia links and tags (loaded after first paint). */
export async function loadCatalogueDetails(ids: readonly number[]): Promise<MovieDetails[]> {
  const file = await fetchJson('details.json');
  try {
    return decodeCatalogueDetails(file, ids);
  } catch (cause) {
    throw new DataLoadError('The movie details are damaged. Reload to fetch them again.', { cause });
  }
}

/** Community ratings (for collaborative filtering). */
export async function loadRatings(): Promise<RatingsCOO> {
  const res = await fetchOk('ratings.bin');
  try {
    return decodeRatings(await res.arrayBuffer());
  } catch (cause) {
    throw new DataLoadError('The community ratings are damaged. Reload to fetch them again.', { cause });
  }
}

/** Mood profiles (nItems × moods in [0, 1]); null when the build has none. */
export async function loadMoods(nItems: number): Promise<Float32Array | null> {
  const man = await loadManifest();
  if (!man.files['moods.bin']) return null;
  const res = await fetchOk('moods.bin');
  try {
    return decodeMoods(await res.arrayBuffer(), { nMovies: nItems }).scores;
  } catch (cause) {
    throw new DataLoadError('The mood profiles are damaged. Reload to fetch them again.', { cause });
  }
}

/** A fingerprint of the community ratings, to key caches of models trained on them. */
export async function ratingsFingerprint(): Promise<string> {
  const man = await loadManifest();
  return man.files['ratings.bin']?.sha256 ?? 'unknown';
}

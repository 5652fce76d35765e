/** Fetching the build's data artefacts (served by the app itself; cached by the service worker). */
import { decodeCatalogueDetails, decodeCatalogueIndex, decodeRatings } from '../core/catalogue/codec';
import { DATA_SCHEMA_VERSION, type DataManifest, type MovieDetails, type MovieIndexEntry, type RatingsCOO } from '../core/catalogue/types';

/** A data file could not be loaded; `message` is safe to show. */
export class DataLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DataLoadError';
  }
}

const base = new URL('data/', new URL(import.meta.env.BASE_URL, location.href));

async function fetchOk(name: string): Promise<Response> {
  let res: Response;
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

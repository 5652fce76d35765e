/**
 * The ML worker's logic, independent of comlink and of how files are fetched: loads the encoder the
 * data manifest names, loads the catalogue vectors, refuses to mix encoders, and answers queries
 * with `src/core/semantic`. workers/ml.worker.ts wires it to the browser; tests run it in Node.
 */
import { checkManifest } from '../core/catalogue/manifest';
import { rowFilter, type RowFilter } from '../core/semantic/filter';
import { scoreVectors } from '../core/semantic/score';
import { topK, type TopK } from '../core/semantic/topk';
import { assertSameEncoder, decodeVectorsFile, type VectorSet } from '../core/semantic/vectors-file';
import type { Embedder, LoadProgress } from './embedder';
import { MlError } from './errors';

/** What the page reports while `init` runs. */
export interface MlProgress extends LoadProgress {
  phase: 'model' | 'vectors';
}

export interface MlInitOptions {
  /** Absolute URL of the data folder holding manifest.json and the vectors file (ends with "/"). */
  dataUrl: string;
  /** When set, `init` fails unless the manifest's encoder has this id. */
  expectEncoder?: string;
}

export interface MlInitResult {
  encoderId: string;
  dim: number;
  /** Catalogue vectors loaded (= catalogue movies). */
  count: number;
  /** Where the encoder runs (Embedder.device). */
  device: string;
  /** Milliseconds from init to ready. */
  ms: number;
}

/** A query's scores for every catalogue movie, with the compute time of each step in ms. */
export interface TimedScores {
  scores: Float32Array;
  embedMs: number;
  scoreMs: number;
}

/** What the service needs from its environment. */
export interface MlServiceDeps {
  /** Reads a URL's bytes, reporting progress. */
  fetchBytes(url: string, onBytes?: (loaded: number, total: number | undefined) => void): Promise<Uint8Array>;
  /** Loads the encoder with this id (throws MlError('UNKNOWN_ENCODER') for ids it cannot load). */
  loadEmbedder(encoderId: string, onProgress: (p: LoadProgress) => void): Promise<Embedder>;
}

interface Ready {
  embedder: Embedder;
  vectors: VectorSet;
  result: MlInitResult;
}

/** Creates the worker's API object; `init` must complete before the query methods are used. */
export function createMlService(deps: MlServiceDeps) {
  let ready: Promise<Ready> | undefined;
  let current: Ready | undefined;

  /** Fetches a data file; any failure becomes MlError('FETCH_FAILED') naming the URL. */
  const fetchData = async (url: string, onBytes?: (loaded: number, total: number | undefined) => void): Promise<Uint8Array> => {
    try {
      return await deps.fetchBytes(url, onBytes);
    } catch (cause) {
      throw new MlError('FETCH_FAILED', `could not load ${url}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    }
  };

  const fetchJson = async (url: string): Promise<unknown> => {
    const bytes = await fetchData(url);
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (cause) {
      throw new MlError('FETCH_FAILED', `${url} is not JSON`, { cause });
    }
  };

  async function load(opts: MlInitOptions, onProgress?: (p: MlProgress) => void): Promise<Ready> {
    const t0 = performance.now();
    const checked = checkManifest(await fetchJson(new URL('manifest.json', opts.dataUrl).href));
    if (!checked.ok) throw new MlError('DATA_SCHEMA', `${checked.message} Reload to update.`);
    const manifest = checked.manifest;
    const enc = manifest.encoder;
    if (!enc) throw new MlError('NO_VECTORS', 'the data manifest names no encoder: catalogue vectors were not built (run `npm run data`)');
    if (opts.expectEncoder && opts.expectEncoder !== enc.id) {
      throw new MlError('ENCODER_MISMATCH', `the catalogue vectors were made by "${enc.id}", not by the requested "${opts.expectEncoder}"`);
    }
    let vectorsProgress: LoadProgress = { loaded: 0, total: manifest.files[enc.file]?.bytes ?? 0 };
    const [embedder, bytes] = await Promise.all([
      deps.loadEmbedder(enc.id, (p) => onProgress?.({ phase: 'model', ...p })),
      // The content hash in the URL keys the service worker's cache, so a new build never meets stale vectors.
      fetchData(new URL(`${enc.file}?v=${(manifest.files[enc.file]?.sha256 ?? 'x').slice(0, 16)}`, opts.dataUrl).href, (loaded, total) => {
        vectorsProgress = { loaded, total: Math.max(total ?? vectorsProgress.total, loaded) };
        onProgress?.({ phase: 'vectors', ...vectorsProgress });
      }),
    ]);
    try {
      const vectors = decodeVectorsFile(bytes);
      // Three places name the vector space: the manifest, the vectors file, the loaded encoder.
      assertSameEncoder(vectors, enc.id);
      assertSameEncoder(vectors, embedder.id);
      if (vectors.dim !== embedder.dim) throw new MlError('DIM_MISMATCH', `vectors have ${vectors.dim} dimensions, the encoder ${embedder.dim}`);
      if (vectors.count !== manifest.counts.movies) {
        throw new MlError('BAD_VECTORS_FILE', `${enc.file} holds ${vectors.count} vectors for ${manifest.counts.movies} movies: rebuild with \`npm run data\``);
      }
      return { embedder, vectors, result: { encoderId: embedder.id, dim: embedder.dim, count: vectors.count, device: embedder.device ?? 'unknown', ms: performance.now() - t0 } };
    } catch (err) {
      embedder.dispose();
      throw err;
    }
  }

  const need = (): Ready => {
    if (!current) throw new MlError('NOT_INITIALISED', 'the ML worker was used before init() completed');
    return current;
  };

  const embedOne = async (text: string): Promise<Float32Array> => (await need().embedder.embed([text]))[0]!;

  return {
    /** Loads encoder and vectors once (later calls share the first load); resolves when ready. */
    async init(opts: MlInitOptions, onProgress?: (p: MlProgress) => void): Promise<MlInitResult> {
      ready ??= load(opts, onProgress).catch((err: unknown) => {
        ready = undefined; // allow a retry (e.g. after the network comes back)
        throw err;
      });
      current = await ready;
      return current.result;
    },

    /** The unit-length query vector of `text`. */
    embedQuery: embedOne,

    /** Semantic score of every catalogue movie (catalogue order) for `text`. */
    async scores(text: string): Promise<Float32Array> {
      return scoreVectors(need().vectors, await embedOne(text));
    },

    /** `scores`, with the time each step took (ms): embedding the text, scoring the catalogue. */
    async scoresTimed(text: string): Promise<TimedScores> {
      const t0 = performance.now();
      const q = await embedOne(text);
      const t1 = performance.now();
      const scores = scoreVectors(need().vectors, q);
      return { scores, embedMs: t1 - t0, scoreMs: performance.now() - t1 };
    },

    /** The k catalogue movies most similar to `text`, best first, as catalogue indices. */
    async search(text: string, k: number, filter?: RowFilter): Promise<TopK> {
      const { vectors } = need();
      return topK(scoreVectors(vectors, await embedOne(text)), k, rowFilter(filter, vectors.count));
    },

    /** Frees the model; a later init loads it again. */
    dispose(): void {
      current?.embedder.dispose();
      current = undefined;
      ready = undefined;
    },
  };
}

/** The API object's type. */
export type MlService = ReturnType<typeof createMlService>;

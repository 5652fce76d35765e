/**
 * Where the pipeline reads and writes; every location can be overridden by environment.
 * Raw data: see scripts/pipeline/sources.ts for the order in which folders are tried
 * (RECOSTREAM_MOVIELENS_DIR / RECOSTREAM_WIKIPEDIA_DIR, RECOSTREAM_DATA_DIR, ../shared/data, the
 * download cache data/raw/); `npm run data` downloads into the cache what is found nowhere.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOVIELENS, resolveSource, WIKIPEDIA } from './pipeline/sources';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MOVIELENS_DIR = resolveSource(MOVIELENS, process.env, ROOT).dir;
export const WIKIPEDIA_DIR = resolveSource(WIKIPEDIA, process.env, ROOT).dir;
/** Processed artefacts served by the app (git-ignored). */
export const OUT_DIR = resolve(process.env.RECOSTREAM_OUT_DIR ?? join(ROOT, 'public', 'data'));
/** Build caches (git-ignored): the catalogue embeddings and CF folds. `RECOSTREAM_CACHE_DIR` overrides, e.g. to time a cold build. */
export const CACHE_DIR = resolve(process.env.RECOSTREAM_CACHE_DIR ?? join(ROOT, 'data', 'cache'));

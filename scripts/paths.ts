/** Where the pipeline reads and writes; every input location can be overridden by environment. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Raw data root: `RECOSTREAM_DATA_DIR`, else `../shared/data` beside the project. */
export const DATA_DIR = resolve(process.env.RECOSTREAM_DATA_DIR ?? join(ROOT, '..', 'shared', 'data'));
export const MOVIELENS_DIR = resolve(process.env.RECOSTREAM_MOVIELENS_DIR ?? join(DATA_DIR, 'movielens-latest-small'));
export const WIKIPEDIA_DIR = resolve(process.env.RECOSTREAM_WIKIPEDIA_DIR ?? join(DATA_DIR, 'wikipedia-movie-data'));
/** Processed artefacts served by the app (git-ignored). */
export const OUT_DIR = resolve(process.env.RECOSTREAM_OUT_DIR ?? join(ROOT, 'public', 'data'));
/** Build caches (git-ignored). */
export const CACHE_DIR = join(ROOT, 'data', 'cache');

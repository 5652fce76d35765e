/**
 * Sentence-BERT through transformers.js: feature extraction, mean pooling, L2 normalisation.
 * Offline only: models are read from `localModelPath/<modelId>/` (a URL path in the browser, a
 * folder in Node) and the ORT wasm binaries from explicit URLs; nothing comes from a hub or CDN.
 */
import { EmbedderError, type Embedder, type ProgressCallback } from '../embedder';
import { ByteProgress } from '../sources';

/** The model the app is designed for (384-d, 23 MB at q8). */
export const SBERT_DEFAULT_MODEL = 'Xenova/all-MiniLM-L6-v2';

/** Encoder id of a Sentence-BERT model: one vector space per model (dtype variants are compatible). */
export const sbertEncoderId = (modelId: string) => `sbert-${modelId}`;

export interface SbertOptions {
  /** Folder of `<modelId>/` (Node: a file path; browser: a URL path such as "/models/"). */
  localModelPath: string;
  /** Hugging Face model id, also the sub-folder name. Default SBERT_DEFAULT_MODEL. */
  modelId?: string;
  /** ONNX weights variant: 'q8' → onnx/model_quantized.onnx, 'fp32' → onnx/model.onnx. Default 'q8'. */
  dtype?: 'q8' | 'fp32' | 'fp16';
  /** 'wasm' or 'webgpu' in the browser (see selectDevice), 'cpu' in Node. */
  device: 'wasm' | 'webgpu' | 'cpu';
  /** Browser: URLs of ORT's asyncify pair (`ort-wasm-simd-threaded.asyncify.{wasm,mjs}`). */
  wasmPaths?: { wasm: string; mjs: string };
  onProgress?: ProgressCallback;
}

interface ProgressEvent {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

/** Loads a feature-extraction pipeline and returns it as an Embedder. */
export async function loadSbert(opts: SbertOptions): Promise<Embedder> {
  const modelId = opts.modelId ?? SBERT_DEFAULT_MODEL;
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = opts.localModelPath;
  env.useBrowserCache = false; // the service worker caches the files; a second copy would double storage
  env.useWasmCache = false;
  env.useFSCache = false; // Node: would otherwise write a cache inside node_modules
  if (opts.wasmPaths) {
    const wasm = env.backends.onnx.wasm;
    if (wasm) wasm.wasmPaths = opts.wasmPaths;
  }
  const progress = new ByteProgress(opts.onProgress);
  const trackers = new Map<string, (loaded: number, total: number | undefined) => void>();
  const onEvent = (e: ProgressEvent) => {
    if (e.status !== 'progress' || !e.file || e.loaded === undefined) return;
    let t = trackers.get(e.file);
    if (!t) trackers.set(e.file, (t = progress.track(e.file)));
    t(e.loaded, e.total);
  };
  let extractor;
  try {
    extractor = await pipeline('feature-extraction', modelId, {
      device: opts.device,
      dtype: opts.dtype ?? 'q8',
      progress_callback: onEvent as (e: unknown) => void,
    });
  } catch (cause) {
    const missing = /could not locate|not found|ENOENT|404/i.test(String((cause as Error)?.message ?? cause));
    throw new EmbedderError(
      missing ? 'MODEL_NOT_FOUND' : 'LOAD_FAILED',
      `Sentence-BERT model "${modelId}" could not be loaded from ${opts.localModelPath}` +
        (missing ? ' (run `npm run fetch-model` on a machine with internet access)' : ''),
      { cause },
    );
  }
  const config = extractor.model.config as unknown as { hidden_size?: number };
  let dim = config.hidden_size ?? 0;
  let disposed = false;

  const embedder: Embedder = {
    id: sbertEncoderId(modelId),
    device: `ort-${opts.device}`,
    get dim() {
      return dim;
    },
    async embed(texts) {
      if (disposed) throw new EmbedderError('DISPOSED', 'Sentence-BERT embedder used after dispose()');
      if (texts.length === 0) return [];
      const out = await extractor([...texts], { pooling: 'mean', normalize: true });
      const [n, d] = out.dims as [number, number];
      const data = out.data as Float32Array;
      dim = d;
      return Array.from({ length: n }, (_, i) => data.slice(i * d, (i + 1) * d));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      void extractor.dispose();
    },
  };
  return embedder;
}

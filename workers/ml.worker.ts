/**
 * ML worker: the sentence encoder and the catalogue vectors, behind comlink. Wiring only — the
 * logic is src/ml/service.ts and the maths src/core/semantic. Encoders are imported lazily, so
 * only the one the data manifest names is downloaded.
 */
import { expose, transfer } from 'comlink';
import type { RowFilter } from '../src/core/semantic/filter';
import type { TopK } from '../src/core/semantic/topk';
import type { Embedder, LoadProgress } from '../src/ml/embedder';
import { MlError } from '../src/ml/errors';
import { withWireErrors } from '../src/services/bridge/wire';
import { createMlService, type MlInitOptions, type MlInitResult, type MlProgress, type TimedScores } from '../src/ml/service';
import { urlSource } from '../src/ml/sources';
import { USE_LITE_ID } from '../src/ml/use-lite/model';

export type { MlInitOptions, MlInitResult, MlProgress, TimedScores } from '../src/ml/service';
export type { RowFilter } from '../src/core/semantic/filter';
export type { TopK } from '../src/core/semantic/topk';

/** Worker-specific options: where Sentence-BERT weights are served (a URL PATH such as "/models/"). */
export interface MlWorkerInitOptions extends MlInitOptions {
  modelsPath: string;
}

let modelsPath = '/models/';

async function loadEmbedder(encoderId: string, onProgress: (p: LoadProgress) => void): Promise<Embedder> {
  if (encoderId === USE_LITE_ID) {
    const [{ loadUseLite }, { USE_LITE_URLS, TFJS_WASM_URLS }] = await Promise.all([import('../src/ml/use-lite/embedder'), import('../src/ml/use-lite/assets')]);
    return loadUseLite({ source: urlSource((name) => USE_LITE_URLS[name] ?? name, 'the app bundle'), wasmPaths: TFJS_WASM_URLS, onProgress });
  }
  if (encoderId.startsWith('sbert-')) {
    const [{ loadSbert }, { firstWorkingDevice, selectDevice }, { ORT_WASM_PATHS }] = await Promise.all([
      import('../src/ml/sbert/embedder'),
      import('../src/ml/sbert/device'),
      import('../src/ml/sbert/assets'),
    ]);
    const preferred = await selectDevice(navigator as Parameters<typeof selectDevice>[0]);
    const devices = preferred === 'webgpu' ? (['webgpu', 'wasm'] as const) : (['wasm'] as const);
    // q8 is the variant `npm run fetch-model` ships; if WebGPU cannot run it, WASM does.
    const load = (device: 'webgpu' | 'wasm') =>
      loadSbert({ localModelPath: modelsPath, modelId: encoderId.slice('sbert-'.length), device, dtype: 'q8', wasmPaths: ORT_WASM_PATHS, onProgress });
    return (await firstWorkingDevice(devices, load)).value;
  }
  throw new MlError('UNKNOWN_ENCODER', `this build cannot load encoder "${encoderId}"`);
}

const service = createMlService({
  fetchBytes: (url, onBytes) => urlSource((u) => u, 'the data folder').read(url, onBytes),
  loadEmbedder,
});

/**
 * Throttles progress messages to the page: per phase, the first, then one per 100 ms, and the
 * last (so the model's progress is never starved by the vectors' and both totals arrive at once).
 */
function throttle(cb: ((p: MlProgress) => void) | undefined): ((p: MlProgress) => void) | undefined {
  if (!cb) return undefined;
  const last = new Map<MlProgress['phase'], number>();
  return (p) => {
    const now = performance.now();
    const prev = last.get(p.phase);
    if (prev === undefined || p.loaded >= p.total || now - prev >= 100) {
      last.set(p.phase, now);
      cb(p);
    }
  };
}

const api = {
  /** Loads the encoder named by the data manifest and the catalogue vectors; memoised. */
  init(opts: MlWorkerInitOptions, onProgress?: (p: MlProgress) => void): Promise<MlInitResult> {
    modelsPath = opts.modelsPath;
    return service.init(opts, throttle(onProgress));
  },
  /** Unit-length vector of a query text. */
  async embedQuery(text: string): Promise<Float32Array> {
    const v = await service.embedQuery(text);
    return transfer(v, [v.buffer]);
  },
  /** Semantic score of every catalogue movie, in catalogue order. */
  async scores(text: string): Promise<Float32Array> {
    const s = await service.scores(text);
    return transfer(s, [s.buffer]);
  },
  /** `scores` with the compute time of its two steps (ms), for the page's timings. */
  async scoresTimed(text: string): Promise<TimedScores> {
    const r = await service.scoresTimed(text);
    return transfer(r, [r.scores.buffer]);
  },
  /** The k best catalogue indices for a query, best first. */
  async search(text: string, k: number, filter?: RowFilter): Promise<TopK> {
    const r = await service.search(text, k, filter);
    return transfer(r, [r.indices.buffer, r.scores.buffer]);
  },
  /** Frees the model. */
  dispose(): void {
    service.dispose();
  },
};

export type MlWorkerApi = typeof api;

expose(withWireErrors(api));

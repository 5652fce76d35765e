/**
 * The page's side of workers/ml.worker.ts, over the one WorkerBridge: the worker's `init` (encoder
 * + catalogue vectors, with byte progress through a comlink proxy) runs once per worker before any
 * call, and worker errors come back as typed MlErrors (e.g. code ENCODER_MISMATCH).
 */
import { proxy } from 'comlink';
import { MlError, type MlErrorCode } from '../ml/errors';
import type { MlInitResult, MlProgress, MlWorkerApi, RowFilter, TimedScores, TopK } from '../../workers/ml.worker';
import { dataBaseUrl, modelsBaseUrl } from './data';
import { WorkerBridge } from './bridge/bridge';

export type { MlInitResult, MlProgress, RowFilter, TimedScores, TopK } from '../../workers/ml.worker';
export { MlError, type MlErrorCode } from '../ml/errors';

export class MlClient {
  readonly #listeners = new Set<(p: MlProgress) => void>();
  #result: MlInitResult | null = null;
  readonly #bridge = new WorkerBridge<MlWorkerApi>({
    name: 'ml',
    create: () => new Worker(new URL('../../workers/ml.worker.ts', import.meta.url), { type: 'module', name: 'ml' }),
    init: async (r) => {
      const opts = { dataUrl: dataBaseUrl(), modelsPath: new URL(modelsBaseUrl()).pathname };
      try {
        this.#result = await r.init(opts, proxy((p: MlProgress) => this.#listeners.forEach((l) => l(p))));
      } finally {
        this.#listeners.clear();
      }
    },
    makeError: (w) => new MlError(w.code as MlErrorCode, w.message),
  });

  /**
   * Loads the encoder and vectors (once per worker; later calls share the load). `onProgress`
   * receives byte progress of the model and the vectors file. Rejects with MlError.
   */
  async init(onProgress?: (p: MlProgress) => void): Promise<MlInitResult> {
    if (onProgress) this.#listeners.add(onProgress);
    await this.#bridge.call(async () => undefined);
    return this.#result!;
  }

  /** Unit-length embedding of a query. */
  embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    return this.#bridge.call((r) => r.embedQuery(text), signal);
  }

  /** Semantic score of every catalogue movie (catalogue order), for fusion with other features. */
  scores(text: string, signal?: AbortSignal): Promise<Float32Array> {
    return this.#bridge.call((r) => r.scores(text), signal);
  }

  /** `scores`, with the worker's compute time: embedding the text, scoring the catalogue (ms). */
  scoresTimed(text: string, signal?: AbortSignal): Promise<TimedScores> {
    return this.#bridge.call((r) => r.scoresTimed(text), signal);
  }

  /** The k catalogue indices most similar to `text`, best first. */
  search(text: string, k: number, filter?: RowFilter, signal?: AbortSignal): Promise<TopK> {
    return this.#bridge.call((r) => r.search(text, k, filter), signal);
  }

  /** Stops the worker and frees the model; the next call starts over. */
  dispose(): void {
    this.#bridge.terminate();
    this.#result = null;
  }
}

let shared: MlClient | undefined;

/** The page-wide client (one ML worker per tab). */
export function mlClient(): MlClient {
  shared ??= new MlClient();
  return shared;
}

/** True when `err` is an MlError with one of `codes`. */
export const isMlError = (err: unknown, ...codes: MlError['code'][]): err is MlError =>
  err instanceof MlError && (codes.length === 0 || codes.includes(err.code));

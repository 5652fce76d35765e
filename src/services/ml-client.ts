/**
 * The page's bridge to workers/ml.worker.ts: starts the worker on first use, initialises it once
 * (encoder + catalogue vectors, with byte progress through a comlink proxy) and turns worker
 * errors back into typed MlErrors.
 */
import { proxy, wrap, type Remote } from 'comlink';
import { fromWire, MlError } from '../ml/errors';
import type { MlInitResult, MlProgress, MlWorkerApi, RowFilter, TopK } from '../../workers/ml.worker';

export type { MlInitResult, MlProgress, RowFilter, TopK } from '../../workers/ml.worker';
export { MlError, type MlErrorCode } from '../ml/errors';

const rethrow = (err: unknown): never => {
  throw fromWire(err);
};

export class MlClient {
  #worker: Worker | undefined;
  #remote: Remote<MlWorkerApi> | undefined;
  #ready: Promise<MlInitResult> | undefined;
  readonly #listeners = new Set<(p: MlProgress) => void>();

  #start(): Remote<MlWorkerApi> {
    if (!this.#remote) {
      this.#worker = new Worker(new URL('../../workers/ml.worker.ts', import.meta.url), { type: 'module', name: 'ml' });
      this.#remote = wrap<MlWorkerApi>(this.#worker);
    }
    return this.#remote;
  }

  /**
   * Loads the encoder and vectors (once; later calls share the load). `onProgress` receives byte
   * progress of the model and the vectors file. Rejects with MlError (e.g. code ENCODER_MISMATCH).
   */
  init(onProgress?: (p: MlProgress) => void): Promise<MlInitResult> {
    if (onProgress) this.#listeners.add(onProgress);
    this.#ready ??= (async () => {
      const base = new URL(import.meta.env.BASE_URL, location.href);
      const opts = { dataUrl: new URL('data/', base).href, modelsPath: new URL('models/', base).pathname };
      try {
        return await this.#start().init(opts, proxy((p: MlProgress) => this.#listeners.forEach((l) => l(p))));
      } catch (err) {
        this.#ready = undefined;
        return rethrow(err);
      } finally {
        this.#listeners.clear();
      }
    })();
    return this.#ready;
  }

  async #call<T>(fn: (r: Remote<MlWorkerApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.init();
    signal?.throwIfAborted();
    const result = await fn(this.#start()).catch(rethrow);
    signal?.throwIfAborted(); // a newer query superseded this one: drop the stale answer
    return result;
  }

  /** Unit-length embedding of a query. */
  embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    return this.#call((r) => r.embedQuery(text), signal);
  }

  /** Semantic score of every catalogue movie (catalogue order), for fusion with other features. */
  scores(text: string, signal?: AbortSignal): Promise<Float32Array> {
    return this.#call((r) => r.scores(text), signal);
  }

  /** The k catalogue indices most similar to `text`, best first. */
  search(text: string, k: number, filter?: RowFilter, signal?: AbortSignal): Promise<TopK> {
    return this.#call((r) => r.search(text, k, filter), signal);
  }

  /** Stops the worker and frees the model; the next call starts over. */
  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
    this.#ready = undefined;
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

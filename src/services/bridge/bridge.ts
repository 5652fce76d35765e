/**
 * The one bridge between the page and a Web Worker, used by every worker client (reco, ML,
 * insights, crypto). It starts the worker on first call, runs `init` once per worker before any
 * call, runs calls one at a time in order (a queue), honours an AbortSignal (a queued call is
 * dropped, a running one stops being awaited), terminates the worker after `idleMs` without
 * calls, and after a crash rejects what was in flight with code WORKER_CRASHED and starts a fresh
 * worker on the next call. Errors a worker throws keep their stable `code` (see wire.ts).
 *
 * Do not call `bridge.call` from inside another call's function: the queue would wait on itself.
 */
import { wrap, type Remote } from 'comlink';
import { isWireError, type BridgeErrorCode, type WireError } from './wire';

export type { BridgeErrorCode } from './wire';

/** What the bridge needs of a Worker (a real one, or a MessagePort-backed one in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: string, listener: (ev: Event) => void): void;
  removeEventListener(type: string, listener: (ev: Event) => void): void;
  terminate(): void;
}

/** An error from a worker (or the bridge), with a stable code to switch on. */
export class WorkerError extends Error {
  override readonly name = 'WorkerError';
  constructor(
    /** BridgeErrorCode, or the code of the error the worker threw. */
    readonly code: BridgeErrorCode | (string & {}),
    message: string,
    /** Which worker ("reco", "ml", …). */
    readonly worker: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `err` is a WorkerError with one of `codes` (any code when none are given). */
export const isWorkerError = (err: unknown, ...codes: string[]): err is WorkerError =>
  err instanceof WorkerError && (codes.length === 0 || codes.includes(err.code));

export interface BridgeOptions<Api> {
  /** Names the worker in errors. */
  name: string;
  /** Creates the worker (called on first use and after each termination). */
  create: () => WorkerLike;
  /** Runs once on each new worker before any call (configuration, e.g. where the data is). */
  init?: (remote: Remote<Api>) => Promise<void>;
  /** Terminate the worker after this long without calls (default: never). */
  idleMs?: number;
  /** Turns a worker's WireError into the error callers see (default: WorkerError). */
  makeError?: (wire: WireError, worker: string) => Error;
}

interface Job {
  run: (remote: Remote<unknown>) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

interface Running {
  worker: WorkerLike;
  remote: Remote<unknown>;
  ready: Promise<void>;
  onError: (ev: Event) => void;
  /** Rejects the job in flight when the worker crashes. */
  crashed: Promise<never>;
}

export class WorkerBridge<Api> {
  readonly #opts: BridgeOptions<Api>;
  readonly #queue: Job[] = [];
  #running: Running | null = null;
  #busy = false;
  #idle: ReturnType<typeof setTimeout> | undefined;
  /** Workers started so far (1 after the first start; more after crashes or idle terminations). */
  starts = 0;

  constructor(opts: BridgeOptions<Api>) {
    this.#opts = opts;
  }

  /** Whether a worker is currently alive. */
  get alive(): boolean {
    return this.#running !== null;
  }

  /**
   * Queues `fn(remote)` and resolves with its result. Rejects with `signal.reason` when aborted,
   * with WorkerError('WORKER_CRASHED') when the worker dies meanwhile, and with the worker's own
   * error (code kept) when it throws.
   */
  call<T>(fn: (remote: Remote<Api>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    clearTimeout(this.#idle);
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        run: fn as (remote: Remote<unknown>) => Promise<unknown>,
        resolve: resolve as (v: unknown) => void,
        reject,
        signal,
        onAbort: () => {
          const i = this.#queue.indexOf(job);
          if (i >= 0) this.#queue.splice(i, 1);
          reject(signal!.reason);
        },
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.#queue.push(job);
      void this.#pump();
    });
  }

  /** Stops the worker now; queued calls stay queued and start a new worker. */
  terminate(): void {
    clearTimeout(this.#idle);
    const r = this.#running;
    if (!r) return;
    this.#running = null;
    r.worker.removeEventListener('error', r.onError);
    r.worker.terminate();
  }

  #start(): Running {
    if (this.#running) return this.#running;
    const { name, create, init } = this.#opts;
    let worker: WorkerLike;
    try {
      worker = create();
    } catch (cause) {
      throw new WorkerError('WORKER_UNAVAILABLE', `The ${name} worker could not start.`, name, { cause });
    }
    this.starts++;
    const remote = wrap<Api>(worker as unknown as Worker);
    let crash!: (err: unknown) => void;
    const crashed = new Promise<never>((_, reject) => (crash = reject));
    crashed.catch(() => undefined);
    const onError = (ev: Event) => {
      ev.preventDefault?.();
      const detail = (ev as ErrorEvent).message;
      if (this.#running?.worker === worker) this.terminate();
      crash(new WorkerError('WORKER_CRASHED', `The ${name} worker stopped unexpectedly${detail ? `: ${detail}` : ''}.`, name));
    };
    worker.addEventListener('error', onError);
    const ready = init ? Promise.race([this.#wire(init(remote)), crashed]) : Promise.resolve();
    const running: Running = { worker, remote: remote as Remote<unknown>, ready, onError, crashed };
    this.#running = running;
    // A failed init leaves the worker unconfigured: drop it so the next call starts over.
    ready.catch(() => {
      if (this.#running === running) this.terminate();
    });
    return running;
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (let job = this.#queue.shift(); job; job = this.#queue.shift()) {
        job.signal?.removeEventListener('abort', job.onAbort);
        if (job.signal?.aborted) {
          job.reject(job.signal.reason);
          continue;
        }
        try {
          const r = this.#start();
          await r.ready;
          const outcome = Promise.race([this.#wire(job.run(r.remote)), r.crashed]);
          outcome.catch(() => undefined);
          // A running call: an abort stops the wait (the worker finishes on its own, still one job at a time).
          const signal = job.signal;
          const aborted = signal
            ? new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))
            : null;
          aborted?.catch(() => undefined);
          try {
            job.resolve(await (aborted ? Promise.race([outcome, aborted]) : outcome));
          } catch (err) {
            job.reject(err);
          }
          await outcome.catch(() => undefined);
        } catch (err) {
          job.reject(err);
        }
      }
    } finally {
      this.#busy = false;
    }
    if (this.#opts.idleMs !== undefined && this.#running) {
      clearTimeout(this.#idle);
      this.#idle = setTimeout(() => {
        if (!this.#busy && this.#queue.length === 0) this.terminate();
      }, this.#opts.idleMs);
    }
  }

  /** Rebuilds worker errors on this side of the wire. */
  #wire<T>(p: Promise<T>): Promise<T> {
    return p.catch((err: unknown) => {
      if (!isWireError(err)) throw err;
      throw this.#opts.makeError ? this.#opts.makeError(err, this.#opts.name) : new WorkerError(err.code, err.message, this.#opts.name);
    });
  }
}

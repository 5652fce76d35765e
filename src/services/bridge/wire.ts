/**
 * Errors across the worker boundary. Comlink keeps only the message, name and stack of a thrown
 * Error, so a worker's typed error (one with a string `code`) would arrive as a bare message. Each
 * worker exposes its API through `withWireErrors`: anything thrown leaves as a plain `WireError`
 * object carrying the code, and the page's WorkerBridge turns it back into an Error with that code.
 * Plain TypeScript without DOM types, so workers and the page both import it.
 */

/** Codes the bridge itself reports (worker code errors keep their own codes). */
export type BridgeErrorCode =
  /** The worker died (uncaught error, failed to load); the next call starts a new one. */
  | 'WORKER_CRASHED'
  /** Workers are not available in this environment. */
  | 'WORKER_UNAVAILABLE'
  /** The worker threw something without a code. */
  | 'WORKER_INTERNAL';

/** Structured-cloneable form of an error thrown in a worker. */
export interface WireError {
  __wireError: true;
  code: string;
  message: string;
  /** The original error's name (e.g. "MlError", "DataLoadError"). */
  name: string;
}

/** Converts anything thrown into a WireError, keeping a string `code` when the value has one. */
export function toWire(err: unknown): WireError {
  const e = err as { code?: unknown; message?: unknown; name?: unknown } | null;
  return {
    __wireError: true,
    code: e && typeof e.code === 'string' ? e.code : 'WORKER_INTERNAL',
    message: e && typeof e.message === 'string' ? e.message : String(err),
    name: e && typeof e.name === 'string' ? e.name : 'Error',
  };
}

/** True for a WireError value (as received by the page). */
export function isWireError(value: unknown): value is WireError {
  const w = value as Partial<WireError> | null;
  return !!w && typeof w === 'object' && w.__wireError === true && typeof w.code === 'string';
}

type AnyFn = (...args: never[]) => unknown;

/**
 * Wraps every method of a worker API so that anything it throws (sync or async) crosses the wire
 * as a WireError with its code. Non-function members are copied as they are.
 */
export function withWireErrors<T extends object>(api: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(api)) {
    if (typeof value !== 'function') {
      out[key] = value;
      continue;
    }
    const fn = value as AnyFn;
    out[key] = (...args: never[]) => {
      try {
        const r = fn.apply(api, args);
        return r instanceof Promise
          ? r.catch((err: unknown) => {
              throw toWire(err);
            })
          : r;
      } catch (err) {
        throw toWire(err);
      }
    };
  }
  return out as T;
}

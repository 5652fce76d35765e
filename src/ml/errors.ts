/**
 * The one error type the ML worker reports to the page, with a stable `code`. Comlink keeps only
 * message/name/stack of thrown Errors, so errors cross the worker boundary as plain `WireError`
 * objects and are rebuilt with `fromWire` on the page.
 */
import type { SemanticErrorCode } from '../core/semantic/errors';
import type { EmbedderErrorCode } from './embedder';

export type MlErrorCode =
  | EmbedderErrorCode
  | SemanticErrorCode
  /** The data manifest names no encoder (vectors were not built: run `npm run data`). */
  | 'NO_VECTORS'
  /** The manifest names an encoder this build cannot load. */
  | 'UNKNOWN_ENCODER'
  /** A data file could not be fetched. */
  | 'FETCH_FAILED'
  /** A method was called before `init`. */
  | 'NOT_INITIALISED';

/** Error of the ML layer as the page sees it. */
export class MlError extends Error {
  override readonly name = 'MlError';
  constructor(
    readonly code: MlErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Structured-cloneable form of an MlError. */
export interface WireError {
  __mlError: true;
  code: MlErrorCode;
  message: string;
}

/** Converts anything thrown into a WireError, keeping the code of typed errors. */
export function toWire(err: unknown): WireError {
  const e = err as { code?: unknown; message?: unknown } | null;
  const known = e && typeof e.code === 'string' && (err instanceof MlError || (err as Error).name === 'EmbedderError' || (err as Error).name === 'SemanticError');
  return {
    __mlError: true,
    code: known ? (e.code as MlErrorCode) : 'LOAD_FAILED',
    message: typeof e?.message === 'string' ? e.message : String(err),
  };
}

/** Rebuilds an MlError from a WireError; other values pass through unchanged. */
export function fromWire(value: unknown): unknown {
  const w = value as Partial<WireError> | null;
  return w && typeof w === 'object' && w.__mlError === true && typeof w.code === 'string' ? new MlError(w.code, w.message ?? '') : value;
}

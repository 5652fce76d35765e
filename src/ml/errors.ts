/**
 * The one error type the ML worker reports to the page, with a stable `code`. It crosses the
 * worker boundary with its code through the app's worker bridge (src/services/bridge/wire.ts),
 * which rebuilds it as an MlError on the page.
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
  | 'NOT_INITIALISED'
  /** The data manifest is damaged or for another data schema. */
  | 'DATA_SCHEMA';

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

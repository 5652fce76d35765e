/** Typed errors of the semantic core, with stable codes callers can switch on. */

export type SemanticErrorCode =
  /** Bytes are not a RecoStream vectors file, or are truncated. */
  | 'BAD_VECTORS_FILE'
  /** A query or vector has a different dimension than the catalogue vectors. */
  | 'DIM_MISMATCH'
  /** Vectors from one encoder were about to be compared with vectors from another. */
  | 'ENCODER_MISMATCH'
  /** An argument is out of range (negative k, empty encoder id, …). */
  | 'BAD_ARGUMENT';

/** Error thrown by `src/core/semantic`; `code` is stable, `message` is for developers. */
export class SemanticError extends Error {
  override readonly name = 'SemanticError';
  constructor(
    readonly code: SemanticErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

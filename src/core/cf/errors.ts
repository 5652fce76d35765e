/** Typed errors of the collaborative-filtering engine. */

/** Stable codes callers can switch on. */
export type CfErrorCode = 'ERR_CF_INPUT' | 'ERR_CF_OPTIONS' | 'ERR_CF_MODEL';

/** Thrown for malformed ratings, out-of-range options or an incompatible model. */
export class CfError extends Error {
  /** Stable code callers can switch on. */
  readonly code: CfErrorCode;
  constructor(code: CfErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CfError';
    this.code = code;
  }
}

/** Typed errors of the account area, with stable codes callers can `switch` on (like jose's). */

/** Every failure the account services report. */
export type AuthErrorCode =
  | 'ERR_USERNAME_INVALID'
  | 'ERR_USERNAME_TAKEN'
  | 'ERR_UNKNOWN_USER'
  | 'ERR_WEAK_PASSWORD'
  | 'ERR_WRONG_PASSWORD'
  | 'ERR_LOCKED'
  | 'ERR_SESSION_EXPIRED'
  | 'ERR_SESSION_REVOKED'
  | 'ERR_TOKEN_INVALID'
  | 'ERR_TOKEN_REUSED'
  | 'ERR_IMPORT_INVALID'
  | 'ERR_STORAGE'
  /** The profile's data key is not in memory (after a reload): its password opens it. */
  | 'ERR_PROFILE_LOCKED'
  /** The profile's wrapped data key is missing or does not open with the right password. */
  | 'ERR_DATA_KEY'
  /** An encrypted export needs its password, or the one given does not open it. */
  | 'ERR_FILE_PASSWORD';

/** Codes after which the person must sign in again. */
export const SESSION_ENDING_CODES: ReadonlySet<AuthErrorCode> = new Set([
  'ERR_SESSION_EXPIRED',
  'ERR_SESSION_REVOKED',
  'ERR_TOKEN_INVALID',
  'ERR_TOKEN_REUSED',
]);

/** Extra facts some codes carry. */
export interface AuthErrorDetails {
  /** ERR_LOCKED: epoch milliseconds when the next attempt is allowed. */
  retryAt?: number;
  /** ERR_WEAK_PASSWORD / ERR_USERNAME_INVALID: machine-readable rule that failed. */
  rule?: string;
}

/**
 * An account failure. `message` is written for people (safe to show as is); `code` is for code.
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly code: AuthErrorCode;
  readonly details: AuthErrorDetails;

  constructor(code: AuthErrorCode, message: string, options: { cause?: unknown; details?: AuthErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `err` is an AuthError, optionally with one of `codes`. */
export function isAuthError(err: unknown, ...codes: AuthErrorCode[]): err is AuthError {
  return err instanceof AuthError && (codes.length === 0 || codes.includes(err.code));
}

/** True when `err` means the session is over and the person must sign in again. */
export function endsSession(err: unknown): boolean {
  return err instanceof AuthError && SESSION_ENDING_CODES.has(err.code);
}

/** Typed errors of the bandit: callers switch on `code`, the message says what to fix. */

/** Stable codes for everything the bandit refuses. */
export type BanditErrorCode =
  | 'ERR_BANDIT_OPTIONS' // an option is out of range
  | 'ERR_BANDIT_INPUT' // candidates, slots or features do not fit the state
  | 'ERR_BANDIT_STATE'; // a stored state cannot be read (wrong version, shape or numbers)

/** An input or state the bandit cannot work with. */
export class BanditError extends Error {
  constructor(
    readonly code: BanditErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BanditError';
  }
}

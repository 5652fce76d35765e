/** Human messages for failures: specific for known errors, a calm generic line for anything else. */
import { storageMessage } from '../storage-errors';
import { AuthError } from './errors';

/** Fallback shown for unexpected failures; never a stack trace or an internal message. */
export const GENERIC_FAILURE = 'Something went wrong. Please try again.';

/** Whole seconds left until `retryAt`, at least 1 while locked. */
export function secondsUntil(retryAt: number, now: number): number {
  return Math.max(1, Math.ceil((retryAt - now) / 1000));
}

/** The lockout line the UI shows, e.g. "Too many attempts — try again in 30 seconds." */
export function lockedMessage(seconds: number): string {
  return `Too many attempts — try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

/**
 * A message safe to show a person for any thrown value; `now` refreshes lockout countdowns. Storage
 * failures (unavailable, blocked, full, damaged) get their specific message from core/storage-errors.
 */
export function describeError(err: unknown, now?: number): string {
  if (!(err instanceof AuthError) || err.code === 'ERR_STORAGE') return storageMessage(err) ?? (err instanceof AuthError ? err.message : GENERIC_FAILURE);
  if (err.code === 'ERR_LOCKED' && err.details.retryAt !== undefined && now !== undefined) {
    return lockedMessage(secondsUntil(err.details.retryAt, now));
  }
  return err.message;
}

import { describe, expect, it } from 'vitest';
import { AuthError, endsSession, isAuthError } from './errors';
import { GENERIC_FAILURE, describeError, lockedMessage, secondsUntil } from './messages';

describe('describeError', () => {
  it('shows our own messages and hides anything else', () => {
    expect(describeError(new AuthError('ERR_WRONG_PASSWORD', 'Wrong password.'))).toBe('Wrong password.');
    const internal = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(describeError(internal)).toBe(GENERIC_FAILURE);
    expect(describeError('boom')).toBe(GENERIC_FAILURE);
    expect(describeError(undefined)).toBe(GENERIC_FAILURE);
  });

  it('recomputes a lockout countdown from retryAt', () => {
    const e = new AuthError('ERR_LOCKED', lockedMessage(30), { details: { retryAt: 100_000 } });
    expect(describeError(e, 70_000)).toBe('Too many attempts — try again in 30 seconds.');
    expect(describeError(e, 98_500)).toBe('Too many attempts — try again in 2 seconds.');
    expect(describeError(e, 99_500)).toBe('Too many attempts — try again in 1 second.');
    expect(secondsUntil(100_000, 100_000)).toBe(1);
  });

  it('classifies session-ending codes', () => {
    expect(endsSession(new AuthError('ERR_TOKEN_REUSED', 'x'))).toBe(true);
    expect(endsSession(new AuthError('ERR_SESSION_EXPIRED', 'x'))).toBe(true);
    expect(endsSession(new AuthError('ERR_WRONG_PASSWORD', 'x'))).toBe(false);
    expect(endsSession(new Error('x'))).toBe(false);
    expect(isAuthError(new AuthError('ERR_LOCKED', 'x'), 'ERR_LOCKED', 'ERR_WRONG_PASSWORD')).toBe(true);
    expect(isAuthError(new AuthError('ERR_LOCKED', 'x'), 'ERR_WRONG_PASSWORD')).toBe(false);
  });
});

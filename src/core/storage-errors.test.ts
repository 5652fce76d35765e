import { describe, expect, it } from 'vitest';
import { AuthError } from './auth/errors';
import { describeError, GENERIC_FAILURE } from './auth/messages';
import { STORAGE_MESSAGES, storageErrorCode } from './storage-errors';

/** Errors shaped as the browser and Dexie make them (name, inner/cause chains). */
const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${name} happened`), { name }, extra);

describe('storage errors: one mapping from error to code to message', () => {
  it('classifies what IndexedDB and Dexie throw', () => {
    expect(storageErrorCode(named('MissingAPIError'))).toBe('STORAGE_UNAVAILABLE');
    expect(storageErrorCode(named('OpenFailedError', { inner: named('InvalidStateError') }))).toBe('STORAGE_UNAVAILABLE');
    expect(storageErrorCode(named('SecurityError'))).toBe('STORAGE_UNAVAILABLE');
    expect(storageErrorCode(named('QuotaExceededError'))).toBe('STORAGE_QUOTA');
    expect(storageErrorCode(named('AbortError', { inner: named('QuotaExceededError') }))).toBe('STORAGE_QUOTA');
    expect(storageErrorCode(named('BulkError', { failures: [named('QuotaExceededError')] }))).toBe('STORAGE_QUOTA');
    expect(storageErrorCode(named('VersionError'))).toBe('STORAGE_BLOCKED');
    expect(storageErrorCode(named('DatabaseClosedError'))).toBe('STORAGE_BLOCKED');
    expect(storageErrorCode(named('DatabaseClosedError', { inner: named('MissingAPIError') }))).toBe('STORAGE_UNAVAILABLE');
    expect(storageErrorCode(named('StorageBlockedError'))).toBe('STORAGE_BLOCKED');
    expect(storageErrorCode(named('DataError'))).toBe('STORAGE_CORRUPT');
    expect(storageErrorCode(named('BanditError', { code: 'ERR_BANDIT_STATE' }))).toBe('STORAGE_CORRUPT_DISCOVER');
    // Across comlink only name and message survive.
    expect(storageErrorCode(named('BanditError', { message: 'stored bandit state is unusable: dim 0 is invalid' }))).toBe('STORAGE_CORRUPT_DISCOVER');
    expect(storageErrorCode(named('UnknownError'))).toBe('STORAGE_FAILED');
    expect(storageErrorCode(new AuthError('ERR_STORAGE', 'x', { cause: named('MissingAPIError') }))).toBe('STORAGE_UNAVAILABLE');
    expect(storageErrorCode(new TypeError('x is undefined'))).toBeNull();
    expect(storageErrorCode(new AuthError('ERR_WRONG_PASSWORD', 'Wrong password.'))).toBeNull();
  });

  it('gives each case a specific message saying what to do, through describeError', () => {
    expect(describeError(named('QuotaExceededError'))).toBe(STORAGE_MESSAGES.STORAGE_QUOTA);
    expect(STORAGE_MESSAGES.STORAGE_QUOTA).toMatch(/free some space/i);
    expect(STORAGE_MESSAGES.STORAGE_QUOTA).toMatch(/export/i);
    expect(describeError(named('MissingAPIError'))).toMatch(/private browsing/);
    expect(describeError(named('VersionError'))).toMatch(/close the other RecoStream tabs/i);
    expect(describeError(named('DataError'))).toMatch(/export/i);
    expect(describeError(named('BanditError', { code: 'ERR_BANDIT_STATE' }))).toMatch(/Reset what Discover learned/);
    expect(new Set(Object.values(STORAGE_MESSAGES)).size).toBe(Object.keys(STORAGE_MESSAGES).length);
    for (const m of Object.values(STORAGE_MESSAGES)) expect(m).not.toBe(GENERIC_FAILURE);
    expect(describeError(new TypeError('boom'))).toBe(GENERIC_FAILURE);
    expect(describeError(new AuthError('ERR_WRONG_PASSWORD', 'Wrong password.'))).toBe('Wrong password.');
  });
});

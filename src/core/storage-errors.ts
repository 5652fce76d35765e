/**
 * The one mapping from a storage failure to a stable code and a human message saying what to do.
 * Errors arrive as the browser's DOMExceptions, Dexie's wrappers (with `inner`), AuthErrors (with
 * `cause`) or, across a worker boundary, plain { name, message } objects: they are classified by
 * name along the whole chain, never by instanceof.
 */

export type StorageErrorCode =
  | 'STORAGE_UNAVAILABLE'
  | 'STORAGE_BLOCKED'
  | 'STORAGE_QUOTA'
  | 'STORAGE_CORRUPT'
  | 'STORAGE_CORRUPT_DISCOVER'
  | 'STORAGE_FAILED';

export const STORAGE_MESSAGES: Readonly<Record<StorageErrorCode, string>> = {
  STORAGE_UNAVAILABLE:
    'This browser is not letting RecoStream store anything (its storage, IndexedDB, is unavailable — private browsing or blocked site data?), so profiles and likes cannot be saved. Allow site data for this site or leave private browsing, then reload.',
  STORAGE_BLOCKED:
    'RecoStream needs to update its storage, but another RecoStream tab is still using the old version. Close the other RecoStream tabs, then reload this one.',
  STORAGE_QUOTA:
    'Not saved: this device has no storage space left for RecoStream. Free some space (for example, clear other sites’ data), then try again. What you saved before is safe; you can export it from your Account page.',
  STORAGE_CORRUPT:
    'Some data RecoStream saved on this device is damaged and could not be read. Export your data from your Account page to keep what can be read, then reload; if it keeps happening, import the export into a new profile.',
  STORAGE_CORRUPT_DISCOVER:
    'What Discover learned on this device is damaged and could not be read. Your likes and dislikes are safe: use “Reset what Discover learned” in Settings to start Discover again.',
  STORAGE_FAILED: 'Saving on this device failed. Try again; if it keeps failing, export your data from your Account page and reload.',
};

interface Named {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
}

/** The error and everything it wraps (Dexie `inner`, `cause`, BulkError `failures`), up to a small depth. */
function chain(err: unknown, depth = 0): Named[] {
  if (depth > 6 || typeof err !== 'object' || err === null) return [];
  const e = err as Named;
  const failures = Array.isArray(e.failures) ? e.failures.slice(0, 5) : e.failures && typeof e.failures === 'object' ? Object.values(e.failures).slice(0, 5) : [];
  return [e, ...chain(e.inner, depth + 1), ...chain(e.cause, depth + 1), ...failures.flatMap((f) => chain(f, depth + 1))];
}

const UNAVAILABLE = new Set(['MissingAPIError', 'SecurityError', 'InvalidStateError', 'NotAllowedError']);
const BLOCKED = new Set(['VersionError', 'DatabaseClosedError', 'StorageBlockedError']);
const CORRUPT = new Set(['DataError', 'DataCloneError', 'NotReadableError']);

/** The storage failure `err` is, or null when it is not one. */
export function storageErrorCode(err: unknown): StorageErrorCode | null {
  const links = chain(err);
  const names = new Set(links.map((e) => String(e.name ?? '')));
  const discover = links.some((e) => e.code === 'ERR_BANDIT_STATE' || (typeof e.message === 'string' && e.message.startsWith('stored bandit state is unusable')));
  if (names.has('QuotaExceededError')) return 'STORAGE_QUOTA';
  if (discover) return 'STORAGE_CORRUPT_DISCOVER';
  // Dexie reports later calls on a database that failed to open as DatabaseClosedError wrapping the cause: the cause decides.
  if ([...names].some((n) => UNAVAILABLE.has(n))) return 'STORAGE_UNAVAILABLE';
  if ([...names].some((n) => BLOCKED.has(n))) return 'STORAGE_BLOCKED';
  if (names.has('OpenFailedError')) return 'STORAGE_UNAVAILABLE';
  if ([...names].some((n) => CORRUPT.has(n))) return 'STORAGE_CORRUPT';
  if (names.has('UnknownError') || names.has('AbortError') || links.some((e) => e.code === 'ERR_STORAGE')) return 'STORAGE_FAILED';
  return null;
}

/** The message for a storage failure, or null when `err` is not one. */
export function storageMessage(err: unknown): string | null {
  const code = storageErrorCode(err);
  return code === null ? null : STORAGE_MESSAGES[code];
}

/**
 * Shown on Discover when the saved model could not be read and Discover started again from the
 * community prior (it never fails on damaged saved data; see core/engine/discover).
 */
export const DISCOVER_RESTARTED_MESSAGE =
  'What Discover learned on this device was damaged and could not be read, so Discover has started learning again from scratch. Your likes and dislikes are safe.';

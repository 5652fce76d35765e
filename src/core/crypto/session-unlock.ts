/**
 * "Stay unlocked for this session" (an explicit opt-in per profile), the pure parts.
 *
 * The profile's data key, wrapped a second time under a random per-tab *session key*, is split in
 * two halves that are useless alone:
 * - the wrapped blob, in IndexedDB (`unlockSessions`): revocable from any tab — signing out,
 *   locking, turning the option off, a password change and profile deletion delete it;
 * - the session key, in the tab's sessionStorage: gone when the tab (the browser session) ends.
 * The blob's AAD binds it to its profile, sign-in session, tab record and expiry, so it cannot be
 * moved to another profile or session, nor its lifetime extended by editing the row.
 *
 * Pure: the record and tab-entry formats, the AAD and the decision whether a reload may resume.
 * The WebCrypto calls are in src/services/db/vault.ts, the storage in services/auth/auth-service.ts.
 */
import { IV_BYTES, TAG_BYTES } from './envelope';

export const UNLOCK_SESSION_VERSION = 1;
/** The session key: 256 random bits. */
export const SESSION_KEY_BYTES = 32;
/** A wrapped 256-bit key under AES-GCM: 32 bytes of ciphertext and the 16-byte tag. */
export const WRAPPED_SESSION_BYTES = 32 + TAG_BYTES;
/**
 * The longest a tab stays unlocked without the password, even if the browser keeps its session
 * (session restore can keep sessionStorage for days). Enforced by the app, which then deletes the
 * blob; a copy of the storage taken before the expiry is not bound by it (see README).
 */
export const UNLOCK_SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** The sessionStorage key of the tab's half. */
export const TAB_UNLOCK_STORAGE_KEY = 'recostream.unlock';

/** The IndexedDB half: the data key wrapped under the tab's session key (AES-GCM). */
export interface UnlockSessionRecord {
  /** Random id of the tab's record (the tab entry names it). */
  id: string;
  userId: string;
  /** The sign-in session (refresh family) it belongs to: a new sign-in or a password change ends it. */
  sessionId: string;
  v: typeof UNLOCK_SESSION_VERSION;
  iv: Uint8Array;
  wrapped: Uint8Array;
  createdAt: number;
  expiresAt: number;
}

/** The sessionStorage half: which record, and the session key (hex). */
export interface TabUnlockEntry {
  v: typeof UNLOCK_SESSION_VERSION;
  userId: string;
  id: string;
  key: Uint8Array;
}

export class UnlockSessionError extends Error {
  override name = 'UnlockSessionError';
}

const isBytes = (x: unknown): x is Uint8Array => x instanceof Uint8Array || (ArrayBuffer.isView(x) && (x as ArrayBufferView).constructor?.name === 'Uint8Array');
const nonEmpty = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= 200;

/** The unlock record in `x`, checked; throws UnlockSessionError otherwise. */
export function readUnlockRecord(x: unknown): UnlockSessionRecord {
  const bad = (why: string) => new UnlockSessionError(`A stay-unlocked record is damaged (${why}).`);
  if (typeof x !== 'object' || x === null) throw bad('missing');
  const r = x as Partial<UnlockSessionRecord>;
  if (r.v !== UNLOCK_SESSION_VERSION) throw bad(`version ${String(r.v)}`);
  if (!nonEmpty(r.id) || !nonEmpty(r.userId) || !nonEmpty(r.sessionId)) throw bad('ids');
  if (!isBytes(r.iv) || r.iv.length !== IV_BYTES) throw bad('nonce');
  if (!isBytes(r.wrapped) || r.wrapped.length !== WRAPPED_SESSION_BYTES) throw bad('wrapped key');
  if (!Number.isSafeInteger(r.createdAt) || !Number.isSafeInteger(r.expiresAt) || r.expiresAt! <= r.createdAt!) throw bad('times');
  if (r.expiresAt! - r.createdAt! > UNLOCK_SESSION_MAX_AGE_MS) throw bad('lifetime');
  return { id: r.id!, userId: r.userId!, sessionId: r.sessionId!, v: UNLOCK_SESSION_VERSION, iv: r.iv, wrapped: r.wrapped, createdAt: r.createdAt!, expiresAt: r.expiresAt! };
}

/** The AAD of the wrapped blob: everything in the record but the nonce and ciphertext. */
export function unlockAad(r: Pick<UnlockSessionRecord, 'id' | 'userId' | 'sessionId' | 'createdAt' | 'expiresAt'>): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(['recostream-session-unlock', UNLOCK_SESSION_VERSION, r.userId, r.sessionId, r.id, r.createdAt, r.expiresAt]));
}

/** The times of a new record made at `now`. */
export const unlockLifetime = (now: number) => ({ createdAt: now, expiresAt: now + UNLOCK_SESSION_MAX_AGE_MS });

const HEX = /^[0-9a-f]+$/;
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
function fromHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The tab entry as stored in sessionStorage. */
export function encodeTabEntry(e: TabUnlockEntry): string {
  if (e.key.length !== SESSION_KEY_BYTES) throw new RangeError(`a session key has ${SESSION_KEY_BYTES} bytes`);
  return JSON.stringify({ v: e.v, userId: e.userId, id: e.id, key: toHex(e.key) });
}

/** The tab entry read back; null for anything missing or malformed (the tab then stays locked). */
export function parseTabEntry(raw: string | null): TabUnlockEntry | null {
  if (raw === null) return null;
  try {
    const o = JSON.parse(raw) as { v?: unknown; userId?: unknown; id?: unknown; key?: unknown } | null;
    if (!o || o.v !== UNLOCK_SESSION_VERSION || !nonEmpty(o.userId) || !nonEmpty(o.id)) return null;
    if (typeof o.key !== 'string' || o.key.length !== SESSION_KEY_BYTES * 2 || !HEX.test(o.key)) return null;
    return { v: UNLOCK_SESSION_VERSION, userId: o.userId, id: o.id, key: fromHex(o.key) };
  } catch {
    return null;
  }
}

/** Why a tab cannot resume without the password. */
export type ResumeRefusal =
  /** The option is off for this profile. */
  | 'off'
  /** This tab holds no session key (a new tab or browser session, or a copy of the storage without it). */
  | 'no-tab-key'
  /** The tab's key belongs to another profile. */
  | 'other-profile'
  /** The record is gone (locked, turned off, signed out, password changed) or damaged. */
  | 'no-record'
  /** The record belongs to an earlier sign-in session. */
  | 'other-session'
  | 'expired';

export type ResumePlan = { resume: true } | { resume: false; why: ResumeRefusal; deleteRecord: boolean; clearTab: boolean };

/**
 * Whether a locked tab may open its profile with its session key, and what to clean up when not.
 * `record` is undefined when missing or damaged (readUnlockRecord threw).
 */
export function planResume(input: { enabled: boolean; userId: string; sessionId: string; now: number; entry: TabUnlockEntry | null; record: UnlockSessionRecord | undefined }): ResumePlan {
  const { enabled, userId, sessionId, now, entry, record } = input;
  const no = (why: ResumeRefusal, deleteRecord: boolean, clearTab: boolean): ResumePlan => ({ resume: false, why, deleteRecord, clearTab });
  if (!entry) return no(enabled ? 'no-tab-key' : 'off', false, false);
  if (entry.userId !== userId) return no('other-profile', false, true);
  if (!enabled) return no('off', record !== undefined, true);
  if (!record || record.id !== entry.id || record.userId !== userId) return no('no-record', false, true);
  if (record.sessionId !== sessionId) return no('other-session', true, true);
  if (now >= record.expiresAt || now < record.createdAt) return no('expired', true, true);
  return { resume: true };
}

/** Records of `userId` that can no longer be resumed by anyone (another session, expired): deleted whenever one is written. */
export function staleUnlockRecords(records: readonly UnlockSessionRecord[], sessionId: string, now: number): string[] {
  return records.filter((r) => r.sessionId !== sessionId || now >= r.expiresAt || now < r.createdAt).map((r) => r.id);
}

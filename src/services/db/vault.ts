/**
 * Encryption at rest, the WebCrypto half (the formats are pure, in src/core/crypto).
 *
 * Key hierarchy, per profile:
 * - password → PBKDF2-HMAC-SHA256 (600,000 iterations, in the crypto worker) with the key record's
 *   own salt → a key-encryption key (AES-KW, non-extractable). Never the stored verification hash,
 *   which uses another salt.
 * - a random 256-bit data key, stored only wrapped by that key (AES-KW, in `dataKeys`). Unwrapped
 *   as a non-extractable HKDF key, from which two non-extractable keys are derived: AES-GCM-256 for
 *   the records, HMAC-SHA-256 for the opinion index.
 * - the derived keys live in this Vault's memory only, per profile, until sign-out or reload.
 *
 * Records: AES-GCM with a fresh random 96-bit nonce each time, AAD = (table, owner, record id).
 */
import { AuthError } from '../../core/auth/errors';
import { normalisePassword } from '../../core/auth/password-policy';
import { decodeValue, encodeValue } from '../../core/crypto/codec';
import {
  ENVELOPE_VERSION,
  IV_BYTES,
  KEK_SALT_BYTES,
  KEY_RECORD_VERSION,
  readEnvelope,
  readWrappedKey,
  recordAad,
  RecordCryptoError,
  type Envelope,
  type SealedTable,
  type WrappedKeyRecord,
} from '../../core/crypto/envelope';
import { joinRecord, recordId, splitRecord } from '../../core/crypto/layout';
import { SESSION_KEY_BYTES } from '../../core/crypto/session-unlock';
import type { PasswordHasher } from '../auth/hasher';

const subtle = () => globalThis.crypto.subtle;
const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
const RECORDS_INFO = new TextEncoder().encode('recostream/records/v1');
const INDEX_INFO = new TextEncoder().encode('recostream/opinion-index/v1');

/** The unwrapped keys of one profile (all non-extractable). */
export interface ProfileKeys {
  records: CryptoKey;
  index: CryptoKey;
}

/** Derives the key-encryption key from a password (PBKDF2 runs wherever `hasher` runs: the crypto worker in the app). */
export async function deriveKek(hasher: PasswordHasher, password: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const bytes = await hasher.derive(normalisePassword(password), salt, iterations);
  try {
    return await subtle().importKey('raw', new Uint8Array(bytes), 'AES-KW', false, ['wrapKey', 'unwrapKey']);
  } finally {
    bytes.fill(0);
  }
}

async function keysFrom(base: CryptoKey): Promise<ProfileKeys> {
  const hkdf = (info: Uint8Array) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new Uint8Array(info) });
  const [records, index] = await Promise.all([
    subtle().deriveKey(hkdf(RECORDS_INFO), base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    subtle().deriveKey(hkdf(INDEX_INFO), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
  ]);
  return { records, index };
}

/** Opens a wrapped data key; throws AuthError('ERR_DATA_KEY') when `kek` is not the one that wrapped it. */
export async function unwrapKeys(kek: CryptoKey, wrapped: Uint8Array): Promise<ProfileKeys> {
  let base: CryptoKey;
  try {
    base = await subtle().unwrapKey('raw', new Uint8Array(wrapped), kek, 'AES-KW', 'HKDF', false, ['deriveKey']);
  } catch (err) {
    throw new AuthError('ERR_DATA_KEY', 'This password does not open the profile’s encrypted data.', { cause: err });
  }
  return keysFrom(base);
}

/** A fresh random data key, wrapped by `kek`; returns the wrapped bytes and the unwrapped keys. */
export async function newDataKey(kek: CryptoKey): Promise<{ wrapped: Uint8Array; keys: ProfileKeys }> {
  // Extractable only for the moment it takes to wrap it; the keys kept are unwrapped non-extractable.
  const dk = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  const wrapped = new Uint8Array(await subtle().wrapKey('raw', dk, kek, 'AES-KW'));
  return { wrapped, keys: await unwrapKeys(kek, wrapped) };
}

/** The same data key wrapped by `newKek` instead of `oldKek` (a password change: no record is touched). */
export async function rewrapDataKey(oldKek: CryptoKey, newKek: CryptoKey, wrapped: Uint8Array): Promise<Uint8Array> {
  let dk: CryptoKey;
  try {
    dk = await subtle().unwrapKey('raw', new Uint8Array(wrapped), oldKek, 'AES-KW', { name: 'AES-GCM' }, true, ['encrypt']);
  } catch (err) {
    throw new AuthError('ERR_DATA_KEY', 'This password does not open the profile’s encrypted data.', { cause: err });
  }
  return new Uint8Array(await subtle().wrapKey('raw', dk, newKek, 'AES-KW'));
}

/**
 * "Stay unlocked for this session": the data key, opened once more with the password's key,
 * wrapped under a fresh random session key (AES-GCM with `aad`, src/core/crypto/session-unlock.ts).
 * Returns the session key's bytes (for the tab's sessionStorage only) and the blob for IndexedDB.
 * The data key exists as an extractable CryptoKey only for the moment it takes to wrap it.
 */
export async function sessionWrapDataKey(kek: CryptoKey, wrapped: Uint8Array, aad: Uint8Array): Promise<{ sessionKey: Uint8Array; iv: Uint8Array; blob: Uint8Array }> {
  let dk: CryptoKey;
  try {
    dk = await subtle().unwrapKey('raw', new Uint8Array(wrapped), kek, 'AES-KW', { name: 'AES-GCM' }, true, ['encrypt']);
  } catch (err) {
    throw new AuthError('ERR_DATA_KEY', 'This password does not open the profile’s encrypted data.', { cause: err });
  }
  const sessionKey = random(SESSION_KEY_BYTES);
  const wrapping = await subtle().importKey('raw', sessionKey, 'AES-GCM', false, ['wrapKey']);
  const iv = random(IV_BYTES);
  const blob = new Uint8Array(await subtle().wrapKey('raw', dk, wrapping, { name: 'AES-GCM', iv, additionalData: new Uint8Array(aad) }));
  return { sessionKey, iv, blob };
}

/** Opens a blob of sessionWrapDataKey with the tab's session key; throws AuthError('ERR_DATA_KEY') when key, blob or AAD do not match. */
export async function sessionUnwrapKeys(sessionKey: Uint8Array, iv: Uint8Array, blob: Uint8Array, aad: Uint8Array): Promise<ProfileKeys> {
  let base: CryptoKey;
  try {
    const wrapping = await subtle().importKey('raw', new Uint8Array(sessionKey), 'AES-GCM', false, ['unwrapKey']);
    base = await subtle().unwrapKey('raw', new Uint8Array(blob), wrapping, { name: 'AES-GCM', iv: new Uint8Array(iv), additionalData: new Uint8Array(aad) }, 'HKDF', false, ['deriveKey']);
  } catch (err) {
    throw new AuthError('ERR_DATA_KEY', 'This tab’s key no longer opens the profile. Enter its password.', { cause: err });
  }
  return keysFrom(base);
}

/** Key parameters for a new wrapped-key record. */
export const newKekParams = (iterations: number) => ({ salt: random(KEK_SALT_BYTES), iterations });

/** A wrapped-key record for the database. */
export function wrappedKeyRecord(userId: string, params: { salt: Uint8Array; iterations: number }, wrapped: Uint8Array, now: number, createdAt = now): WrappedKeyRecord {
  return readWrappedKey({ userId, v: KEY_RECORD_VERSION, kdf: 'PBKDF2-SHA256', iterations: params.iterations, salt: params.salt, wrap: 'AES-KW', wrapped, createdAt, updatedAt: now });
}

/** A stored row of a sealed table: its clear fields plus the envelope. */
export type SealedRow = Record<string, unknown> & { userId: string; enc: Envelope; ok?: string };

/** The keys of unlocked profiles (this page's memory only) and the record encryption with them. */
export class Vault {
  readonly #keys = new Map<string, ProfileKeys>();

  unlock(userId: string, keys: ProfileKeys): void {
    this.#keys.set(userId, keys);
  }
  /** Forgets a profile's keys (sign-out, deletion). */
  lock(userId: string): void {
    this.#keys.delete(userId);
  }
  /** The profiles whose keys are in memory. */
  unlocked(): string[] {
    return [...this.#keys.keys()];
  }
  isUnlocked(userId: string): boolean {
    return this.#keys.has(userId);
  }

  #keysOf(userId: string): ProfileKeys {
    const k = this.#keys.get(userId);
    if (!k) throw new AuthError('ERR_PROFILE_LOCKED', 'This profile is locked. Enter its password to open it.');
    return k;
  }

  /** The keyed hash standing in for a movie id in the opinion index (equal ids give equal hashes, per profile). */
  async opinionKey(userId: string, movieId: number): Promise<string> {
    const mac = new Uint8Array(await subtle().sign('HMAC', this.#keysOf(userId).index, new TextEncoder().encode(`opinion:${movieId}`)));
    let s = '';
    for (const b of mac.subarray(0, 16)) s += b.toString(16).padStart(2, '0');
    return s;
  }

  /** Encrypts one plaintext record (which must carry its id) into the row to store. */
  async seal(table: SealedTable, userId: string, record: Record<string, unknown>): Promise<SealedRow> {
    const keys = this.#keysOf(userId);
    const { clear, secret, opinionMovie } = splitRecord(table, { ...record, userId });
    const iv = random(IV_BYTES);
    const aad = recordAad(table, userId, recordId(table, clear));
    const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: new Uint8Array(aad) }, keys.records, new Uint8Array(encodeValue(secret))));
    const row: SealedRow = { ...clear, userId, enc: { v: ENVELOPE_VERSION, iv, ct } };
    if (opinionMovie !== undefined) row.ok = await this.opinionKey(userId, opinionMovie);
    return row;
  }

  /**
   * Decrypts one stored row of `userId`'s. Throws RecordCryptoError: ERR_RECORD_FORMAT for a row
   * that is not an envelope, ERR_RECORD_REJECTED when authentication fails (changed, or copied
   * from another profile, table or id).
   */
  async open<T>(table: SealedTable, userId: string, row: unknown): Promise<T> {
    const keys = this.#keysOf(userId);
    const r = row as Record<string, unknown>;
    const env = readEnvelope(r?.enc);
    let plain: ArrayBuffer;
    try {
      if (r.userId !== userId) throw new Error('owner');
      plain = await subtle().decrypt({ name: 'AES-GCM', iv: new Uint8Array(env.iv), additionalData: new Uint8Array(recordAad(table, userId, recordId(table, r))) }, keys.records, new Uint8Array(env.ct));
    } catch (err) {
      throw new RecordCryptoError('ERR_RECORD_REJECTED', `A ${table} record of this profile failed its integrity check.`, { cause: err });
    }
    return joinRecord(table, r, decodeValue(new Uint8Array(plain)) as Record<string, unknown>) as T;
  }
}

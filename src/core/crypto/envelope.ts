/**
 * Encrypted records at rest: the envelope stored in place of a record's personal fields, the
 * additional authenticated data (AAD) binding it to its table, owner and id, and the wrapped
 * per-profile data key. Pure: the WebCrypto calls live in src/services/db/vault.ts.
 */

/** Envelope format version (in every stored envelope, so the format can change later). */
export const ENVELOPE_VERSION = 1;
/** AES-GCM nonce length: 96 bits, fresh and random for every encryption. */
export const IV_BYTES = 12;
/** AES-GCM authentication tag length (bytes), appended to the ciphertext by WebCrypto. */
export const TAG_BYTES = 16;

/** What replaces a record's personal fields in IndexedDB. */
export interface Envelope {
  v: typeof ENVELOPE_VERSION;
  /** 12 random bytes. */
  iv: Uint8Array;
  /** AES-GCM output: ciphertext followed by the 16-byte tag. */
  ct: Uint8Array;
}

/** The per-profile tables whose records carry an envelope. */
export const SEALED_TABLES = ['feedback', 'impressions', 'settings', 'modelState'] as const;
export type SealedTable = (typeof SEALED_TABLES)[number];

export type RecordCryptoCode =
  /** The envelope is not one this app writes (missing or malformed fields). */
  | 'ERR_RECORD_FORMAT'
  /** Authentication failed: the ciphertext was changed, or the record was copied from another profile or position. */
  | 'ERR_RECORD_REJECTED';

export class RecordCryptoError extends Error {
  override name = 'RecordCryptoError';
  constructor(
    readonly code: RecordCryptoCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isRecordCryptoError = (e: unknown, code?: RecordCryptoCode): e is RecordCryptoError =>
  e instanceof RecordCryptoError && (code === undefined || e.code === code);

/** The message a person sees for records that failed to decrypt (counted, never thrown at them). */
export function rejectedMessage(count: number): string {
  const what = count === 1 ? 'One stored record of this profile' : `${count} stored records of this profile`;
  return `${what} could not be decrypted — changed on disk, or copied from another profile or place — and ${count === 1 ? 'was' : 'were'} left out. The rest of your data is intact.`;
}

/**
 * The AAD of a record: format version, table, owner and record id, as a JSON array (unambiguous:
 * no choice of separators can make two different triples equal). A record moved to another
 * table, profile or id fails authentication.
 */
export function recordAad(table: SealedTable, owner: string, id: number | string): Uint8Array {
  if (!SEALED_TABLES.includes(table)) throw new RangeError(`not a sealed table: ${String(table)}`);
  if (typeof owner !== 'string' || !owner) throw new RangeError('a record needs an owner');
  if (typeof id === 'number' ? !Number.isSafeInteger(id) : typeof id !== 'string' || !id) throw new RangeError(`bad record id ${String(id)}`);
  return new TextEncoder().encode(JSON.stringify(['recostream-record', ENVELOPE_VERSION, table, owner, typeof id === 'number' ? id : `s:${id}`]));
}

const isBytes = (x: unknown): x is Uint8Array => x instanceof Uint8Array || (ArrayBuffer.isView(x) && (x as ArrayBufferView).constructor?.name === 'Uint8Array');

/** The envelope in `x`, checked; throws RecordCryptoError('ERR_RECORD_FORMAT') otherwise. */
export function readEnvelope(x: unknown): Envelope {
  const bad = (why: string) => new RecordCryptoError('ERR_RECORD_FORMAT', `A stored record is not in the encrypted format (${why}).`);
  if (typeof x !== 'object' || x === null) throw bad('no envelope');
  const e = x as Partial<Envelope>;
  if (e.v !== ENVELOPE_VERSION) throw bad(`version ${String(e.v)}`);
  if (!isBytes(e.iv) || e.iv.length !== IV_BYTES) throw bad('nonce');
  if (!isBytes(e.ct) || e.ct.length < TAG_BYTES) throw bad('ciphertext');
  return { v: ENVELOPE_VERSION, iv: e.iv, ct: e.ct };
}

/** True when a stored row carries an envelope (encrypted), false for a pre-encryption row. */
export const isSealedRow = (row: unknown): boolean => typeof row === 'object' && row !== null && 'enc' in row && (row as { enc?: unknown }).enc !== undefined;

// ---- the wrapped data key ---------------------------------------------------------------------

export const KEY_RECORD_VERSION = 1;
export const KEK_SALT_BYTES = 16;
/** AES-KW output for a 256-bit key: 32 bytes + 8 bytes of integrity check. */
export const WRAPPED_KEY_BYTES = 40;

/** A profile's data key, wrapped by a key derived from its password (never by the verification hash). */
export interface WrappedKeyRecord {
  userId: string;
  v: typeof KEY_RECORD_VERSION;
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  /** Salt of the key-encryption key, independent of the password hash's salt. */
  salt: Uint8Array;
  wrap: 'AES-KW';
  wrapped: Uint8Array;
  createdAt: number;
  updatedAt: number;
}

/** The record, checked; throws RecordCryptoError('ERR_RECORD_FORMAT') when any field is off. */
export function readWrappedKey(x: unknown): WrappedKeyRecord {
  const bad = (why: string) => new RecordCryptoError('ERR_RECORD_FORMAT', `This profile's key record is damaged (${why}).`);
  if (typeof x !== 'object' || x === null) throw bad('missing');
  const r = x as Partial<WrappedKeyRecord>;
  if (typeof r.userId !== 'string' || !r.userId) throw bad('owner');
  if (r.v !== KEY_RECORD_VERSION) throw bad(`version ${String(r.v)}`);
  if (r.kdf !== 'PBKDF2-SHA256' || !Number.isInteger(r.iterations) || (r.iterations as number) < 1) throw bad('key derivation');
  if (!isBytes(r.salt) || r.salt.length !== KEK_SALT_BYTES) throw bad('salt');
  if (r.wrap !== 'AES-KW' || !isBytes(r.wrapped) || r.wrapped.length !== WRAPPED_KEY_BYTES) throw bad('wrapped key');
  if (typeof r.createdAt !== 'number' || typeof r.updatedAt !== 'number') throw bad('dates');
  return r as WrappedKeyRecord;
}

/**
 * The encrypted export file: the ordinary export JSON, encrypted with AES-GCM under a key derived
 * from a password chosen for the file (PBKDF2-HMAC-SHA256, 600,000 iterations, random salt). The
 * header (everything but the ciphertext) is the AAD, so changing the parameters is detected too.
 * Pure: building and reading the header; the WebCrypto calls are in services/auth/export-crypto.ts.
 */

export const ENCRYPTED_EXPORT_FORMAT = 'recostream-encrypted-export';
export const ENCRYPTED_EXPORT_VERSION = 1;

export interface EncryptedExportHeader {
  format: typeof ENCRYPTED_EXPORT_FORMAT;
  version: typeof ENCRYPTED_EXPORT_VERSION;
  kdf: { name: 'PBKDF2-SHA256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
}

export interface EncryptedExportFile extends EncryptedExportHeader {
  /** base64 of the ciphertext and tag. */
  data: string;
}

export class EncryptedExportError extends Error {
  override name = 'EncryptedExportError';
}

/** Quick check on the raw text: does it claim to be an encrypted export? (No full parse of a plain export.) */
export function looksEncrypted(text: string): boolean {
  return text.length < 64 * 1024 * 1024 && text.slice(0, 200).includes(`"${ENCRYPTED_EXPORT_FORMAT}"`);
}

/** The header for base64 `salt` and `iv` (encoded by the caller). */
export function makeHeader(iterations: number, salt: string, iv: string): EncryptedExportHeader {
  return { format: ENCRYPTED_EXPORT_FORMAT, version: ENCRYPTED_EXPORT_VERSION, kdf: { name: 'PBKDF2-SHA256', iterations, salt }, cipher: { name: 'AES-GCM', iv } };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Decoded length of a valid base64 string. */
const decodedLength = (s: string) => (s.length / 4) * 3 - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);

/** The AAD: the header as canonical JSON (fixed key order). */
export function headerAad(h: EncryptedExportHeader): Uint8Array {
  return new TextEncoder().encode(JSON.stringify([h.format, h.version, h.kdf.name, h.kdf.iterations, h.kdf.salt, h.cipher.name, h.cipher.iv]));
}

/**
 * Parses and checks an encrypted export (fields, ranges, base64 and lengths); throws
 * EncryptedExportError with a message for people. The caller decodes the base64 fields.
 */
export function readEncryptedExport(text: string): { header: EncryptedExportHeader; data: string } {
  const bad = (why: string) => new EncryptedExportError(`This encrypted file cannot be read: ${why}.`);
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    throw bad('it is not valid JSON');
  }
  const f = o as Partial<EncryptedExportFile>;
  if (typeof f !== 'object' || f === null || f.format !== ENCRYPTED_EXPORT_FORMAT) throw bad('it is not an encrypted RecoStream export');
  if (f.version !== ENCRYPTED_EXPORT_VERSION) throw bad(`version ${String(f.version)} is not supported`);
  const k = f.kdf;
  if (!k || k.name !== 'PBKDF2-SHA256' || !Number.isInteger(k.iterations) || k.iterations < 1000 || k.iterations > 10_000_000) throw bad('its key derivation is not one RecoStream uses');
  if (!f.cipher || f.cipher.name !== 'AES-GCM') throw bad('its cipher is not AES-GCM');
  const b64 = (s: unknown, what: string, min: number, max = Infinity): string => {
    if (typeof s !== 'string' || s.length % 4 !== 0 || !BASE64.test(s)) throw bad(`${what} is missing or not base64`);
    const n = decodedLength(s);
    if (n < min || n > max) throw bad(`${what} has the wrong length`);
    return s;
  };
  const salt = b64(k.salt, 'the salt', 16, 64);
  const iv = b64(f.cipher.iv, 'the nonce', 12, 12);
  const data = b64(f.data, 'the data', 16);
  return { header: makeHeader(k.iterations, salt, iv), data };
}

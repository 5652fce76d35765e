/** Encrypting and decrypting export files with a password (the format: src/core/crypto/export-envelope.ts). */
import { AuthError } from '../../core/auth/errors';
import { normalisePassword } from '../../core/auth/password-policy';
import { EncryptedExportError, headerAad, makeHeader, readEncryptedExport, type EncryptedExportFile } from '../../core/crypto/export-envelope';
import { fromBase64, toBase64 } from './base64';
import type { PasswordHasher } from './hasher';

async function fileKey(hasher: PasswordHasher, password: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const bytes = await hasher.derive(normalisePassword(password), salt, iterations);
  try {
    return await crypto.subtle.importKey('raw', new Uint8Array(bytes), 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    bytes.fill(0);
  }
}

/** The export text encrypted under `password` (PBKDF2 `iterations`, fresh salt and nonce), as the file's JSON. */
export async function encryptExport(hasher: PasswordHasher, text: string, password: string, iterations: number): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header = makeHeader(iterations, toBase64(salt), toBase64(iv));
  const key = await fileKey(hasher, password, salt, iterations);
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new Uint8Array(headerAad(header)) }, key, new TextEncoder().encode(text)));
  return JSON.stringify({ ...header, data: toBase64(ct) } satisfies EncryptedExportFile, null, 2);
}

/**
 * The export text inside an encrypted file. A malformed file throws ERR_IMPORT_INVALID; a wrong
 * password (or a changed file: indistinguishable by design) throws ERR_FILE_PASSWORD.
 */
export async function decryptExport(hasher: PasswordHasher, fileText: string, password: string): Promise<string> {
  let parsed: ReturnType<typeof readEncryptedExport>;
  try {
    parsed = readEncryptedExport(fileText);
  } catch (err) {
    if (err instanceof EncryptedExportError) throw new AuthError('ERR_IMPORT_INVALID', err.message);
    throw err;
  }
  const { header, data } = parsed;
  const key = await fileKey(hasher, password, fromBase64(header.kdf.salt), header.kdf.iterations);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(header.cipher.iv), additionalData: new Uint8Array(headerAad(header)) }, key, fromBase64(data));
    return new TextDecoder().decode(plain);
  } catch {
    throw new AuthError('ERR_FILE_PASSWORD', 'This password does not open the file (or the file was changed). Check the password and try again.');
  }
}

/** Password credentials: salted PBKDF2 hashes with their parameters, so they can be upgraded later. */
import { timingSafeEqual } from '../../core/auth/constant-time';
import { normalisePassword } from '../../core/auth/password-policy';
import type { CredentialRecord } from '../db/schema';
import { fromBase64, toBase64 } from './base64';
import type { PasswordHasher } from './hasher';

export const SALT_BYTES = 16;

/** Random bytes source (WebCrypto by default; injectable for tests). */
export type RandomBytes = (n: number) => Uint8Array;

/** Cryptographically random bytes from WebCrypto. */
export const cryptoRandomBytes: RandomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** Hashes `password` (NFKC-normalised) with a fresh 16-byte salt into a stored credential. */
export async function createCredential(
  hasher: PasswordHasher,
  userId: string,
  password: string,
  opts: { iterations: number; now: number; randomBytes?: RandomBytes },
): Promise<CredentialRecord> {
  const salt = (opts.randomBytes ?? cryptoRandomBytes)(SALT_BYTES);
  const hash = await hasher.derive(normalisePassword(password), salt, opts.iterations);
  return { userId, algorithm: 'PBKDF2-SHA256', iterations: opts.iterations, salt: toBase64(salt), hash: toBase64(hash), updatedAt: opts.now };
}

/** True when `password` matches the credential; compares in constant time with its stored parameters. */
export async function verifyCredential(hasher: PasswordHasher, credential: CredentialRecord, password: string): Promise<boolean> {
  if (credential.algorithm !== 'PBKDF2-SHA256') return false;
  const expected = fromBase64(credential.hash);
  const actual = await hasher.derive(normalisePassword(password), fromBase64(credential.salt), credential.iterations);
  return timingSafeEqual(actual, expected);
}

/** True when the credential was made with weaker parameters than today's and should be re-hashed. */
export function needsRehash(credential: CredentialRecord, iterations: number): boolean {
  return credential.algorithm !== 'PBKDF2-SHA256' || credential.iterations < iterations || fromBase64(credential.salt).length < SALT_BYTES;
}

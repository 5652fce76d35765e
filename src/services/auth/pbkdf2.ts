/**
 * PBKDF2-HMAC-SHA256 through WebCrypto (`globalThis.crypto.subtle`), so the same function runs in
 * the crypto worker, on the main thread as a fallback, and in Node tests.
 */

/** Lower bound accepted for new hashes in production (OWASP 2023: 600,000 for PBKDF2-HMAC-SHA256). */
export const PBKDF2_MIN_PRODUCTION_ITERATIONS = 600_000;

/** Derives `lengthBytes` bytes from `password` (UTF-8) and `salt` with `iterations` rounds. */
export async function pbkdf2Sha256(password: string, salt: Uint8Array, iterations: number, lengthBytes = 32): Promise<Uint8Array> {
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`iterations must be a positive integer, got ${iterations}`);
  if (!Number.isInteger(lengthBytes) || lengthBytes < 1) throw new RangeError(`lengthBytes must be a positive integer, got ${lengthBytes}`);
  const subtle = globalThis.crypto.subtle;
  const material = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations }, material, lengthBytes * 8);
  return new Uint8Array(bits);
}

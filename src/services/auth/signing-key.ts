/**
 * The device's JWT signing key: 256 random bits as a non-extractable HMAC-SHA-256 CryptoKey,
 * created on first use and kept in IndexedDB (structured-cloned, never exported as bytes).
 */
import type { RecoStreamDB } from '../db/database';

export const SIGNING_KEY_NAME = 'session-hs256';

/** Loads the signing key, creating and storing it on first run (safe against two tabs racing). */
export async function loadSigningKey(db: RecoStreamDB, now: number): Promise<CryptoKey> {
  const existing = await db.keys.get(SIGNING_KEY_NAME);
  if (existing) return existing.key;
  const key = await globalThis.crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign', 'verify']);
  // Generation is async WebCrypto, so it happens outside the transaction; inside, the first writer wins.
  return db.transaction('rw', db.keys, async () => {
    const raced = await db.keys.get(SIGNING_KEY_NAME);
    if (raced) return raced.key;
    await db.keys.add({ name: SIGNING_KEY_NAME, key, createdAt: now });
    return key;
  });
}

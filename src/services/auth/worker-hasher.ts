/** The app's hasher: PBKDF2 in workers/crypto.worker.ts through comlink, started on first use. */
import { wrap, type Remote } from 'comlink';
import type { CryptoWorkerApi } from '../../../workers/crypto.worker';
import { inThreadHasher, type PasswordHasher } from './hasher';

/** A hasher backed by a module worker; falls back to the calling thread where Workers do not exist. */
export function createWorkerHasher(): PasswordHasher {
  if (typeof Worker === 'undefined') return inThreadHasher;
  let remote: Remote<CryptoWorkerApi> | undefined;
  return {
    derive(password, salt, iterations) {
      remote ??= wrap<CryptoWorkerApi>(new Worker(new URL('../../../workers/crypto.worker.ts', import.meta.url), { type: 'module', name: 'crypto' }));
      return remote.pbkdf2Sha256(password, salt, iterations);
    },
  };
}

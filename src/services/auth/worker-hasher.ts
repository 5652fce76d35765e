/** The app's hasher: PBKDF2 in workers/crypto.worker.ts over the app's one WorkerBridge, started on first use. */
import type { CryptoWorkerApi } from '../../../workers/crypto.worker';
import { WorkerBridge } from '../bridge/bridge';
import { inThreadHasher, type PasswordHasher } from './hasher';

/** A hasher backed by a module worker; falls back to the calling thread where Workers do not exist. */
export function createWorkerHasher(): PasswordHasher {
  if (typeof Worker === 'undefined') return inThreadHasher;
  const bridge = new WorkerBridge<CryptoWorkerApi>({
    name: 'crypto',
    create: () => new Worker(new URL('../../../workers/crypto.worker.ts', import.meta.url), { type: 'module', name: 'crypto' }),
  });
  return {
    derive: (password, salt, iterations) => bridge.call((r) => r.pbkdf2Sha256(password, salt, iterations)),
  };
}

/** The app's auth services, created once per page: IndexedDB, the crypto worker and localStorage. */
import { RecoStreamDB } from '../db/database';
import { AuthService } from './auth-service';
import { sessionTabKeyStore } from './tab-key-store';
import { memoryTokenStore, storageTokenStore, type TokenStore } from './token-store';
import { UserDataService } from './user-data';
import { createWorkerHasher } from './worker-hasher';

export interface AuthRuntime {
  db: RecoStreamDB;
  auth: AuthService;
  data: UserDataService;
  store: TokenStore;
}

let runtime: AuthRuntime | undefined;

function openStore(): TokenStore {
  try {
    const probe = '__recostream_probe__';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return storageTokenStore(localStorage);
  } catch {
    // Storage blocked (some private modes): sessions then last until the tab closes.
    return memoryTokenStore();
  }
}

/** Runs `fn` holding the named Web Lock (shared by every tab of this origin), or directly where there are none. */
function tabLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  return typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks.request(key, fn) as Promise<T>) : fn();
}

/** The page's auth services (created on first call). */
export function authRuntime(): AuthRuntime {
  if (!runtime) {
    const db = new RecoStreamDB();
    const auth = new AuthService(db, { hasher: createWorkerHasher(), serialise: tabLock, tabKeys: sessionTabKeyStore() });
    runtime = { db, auth, data: new UserDataService(db, auth), store: openStore() };
  }
  return runtime;
}

/** Storage events ('blocked', 'ready') of the app's database, for the pages' notices. */
export { storageEvents } from '../db/database';

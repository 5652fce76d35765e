/** The app's auth services, created once per page: IndexedDB, the crypto worker and localStorage. */
import { RecoStreamDB } from '../db/database';
import { AuthService } from './auth-service';
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
let sharedDb: RecoStreamDB | undefined;

/** Uses the app's shared database instance instead of opening a second connection. Call before first use. */
export function useDatabase(db: RecoStreamDB): void {
  if (runtime) throw new Error('useDatabase must be called before the auth services are first used');
  sharedDb = db;
}

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

/** The page's auth services (created on first call). */
export function authRuntime(): AuthRuntime {
  if (!runtime) {
    const db = sharedDb ?? new RecoStreamDB();
    const auth = new AuthService(db, { hasher: createWorkerHasher() });
    runtime = { db, auth, data: new UserDataService(db, auth), store: openStore() };
  }
  return runtime;
}

/**
 * Where a tab keeps its half of "stay unlocked for this session" (the session key, see
 * src/core/crypto/session-unlock.ts): sessionStorage in the app — per tab, gone when the tab or
 * the browser session ends, never shared with other tabs or sent anywhere. Memory in tests.
 */
import { TAB_UNLOCK_STORAGE_KEY } from '../../core/crypto/session-unlock';

export interface TabKeyStore {
  load(): string | null;
  save(value: string): void;
  clear(): void;
}

/** The app's store: the tab's sessionStorage; when storage is blocked, the key lasts as long as the page (as without the option). */
export function sessionTabKeyStore(storage: () => Storage = () => globalThis.sessionStorage, key = TAB_UNLOCK_STORAGE_KEY): TabKeyStore {
  const fallback = memoryTabKeyStore();
  const tryStorage = <T>(fn: (s: Storage) => T, or: () => T): T => {
    try {
      return fn(storage());
    } catch {
      return or();
    }
  };
  return {
    load: () => tryStorage((s) => s.getItem(key), fallback.load),
    save: (v) => tryStorage((s) => s.setItem(key, v), () => fallback.save(v)),
    clear: () => {
      fallback.clear();
      tryStorage((s) => s.removeItem(key), () => undefined);
    },
  };
}

/** A store in memory: tests (a shared one stands for the tab's sessionStorage across a reload). */
export function memoryTabKeyStore(): TabKeyStore {
  let value: string | null = null;
  return {
    load: () => value,
    save: (v) => void (value = v),
    clear: () => void (value = null),
  };
}

/**
 * Where a signed-in tab keeps its tokens. The app uses localStorage (see README "Accounts on this
 * device"): it survives reloads and new windows of the installed app, is shared by tabs (one
 * sign-in, one sign-out), and fires `storage` events so other tabs follow at once. Nothing here
 * is trusted: every guarded operation verifies the access token against the device key.
 */
import type { SessionTokens } from './tokens';

export const TOKEN_STORAGE_KEY = 'recostream.session';

/** Load/save/clear of the current tab's tokens. */
export interface TokenStore {
  load(): SessionTokens | null;
  save(tokens: SessionTokens): void;
  clear(): void;
  /** Calls `listener` when another tab changes the tokens; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Reads a stored value back into tokens; anything malformed is null (and will be treated as signed out). */
export function parseStoredTokens(raw: string | null): SessionTokens | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Partial<SessionTokens> | null;
    return v && typeof v.accessToken === 'string' && typeof v.refreshToken === 'string' ? { accessToken: v.accessToken, refreshToken: v.refreshToken } : null;
  } catch {
    // Not JSON: treat as no session. Verification would refuse it anyway.
    return null;
  }
}

/** The app's store, backed by `localStorage` (or another Storage). */
export function storageTokenStore(storage: Storage = globalThis.localStorage, key = TOKEN_STORAGE_KEY): TokenStore {
  return {
    load: () => parseStoredTokens(storage.getItem(key)),
    save: (tokens) => storage.setItem(key, JSON.stringify(tokens)),
    clear: () => storage.removeItem(key),
    subscribe(listener) {
      if (typeof window === 'undefined') return () => undefined;
      const onStorage = (e: StorageEvent) => {
        if (e.key === key || e.key === null) listener();
      };
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    },
  };
}

/** An in-memory store, for tests and for browsers where storage is blocked. */
export function memoryTokenStore(): TokenStore {
  let tokens: SessionTokens | null = null;
  return {
    load: () => tokens,
    save: (t) => {
      tokens = { ...t };
    },
    clear: () => {
      tokens = null;
    },
    subscribe: () => () => undefined,
  };
}

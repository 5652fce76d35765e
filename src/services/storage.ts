/** Browser storage glue: persistence request, usage estimate, theme and model-prefetch preferences, connection hints. */
import type { ConnectionHints, PrefetchChoice } from '../core/semantic/prefetch';

export interface StorageInfo {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

/** Asks the browser not to evict our data (IndexedDB, caches); resolves to whether it is persistent. */
export async function requestPersistence(): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null;
  try {
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}

export async function storageInfo(): Promise<StorageInfo> {
  const s = navigator.storage;
  if (!s?.estimate) return { persisted: null, usage: null, quota: null };
  const [est, persisted] = await Promise.all([s.estimate(), s.persisted?.() ?? Promise.resolve(null)]);
  return { persisted, usage: est.usage ?? null, quota: est.quota ?? null };
}

export type ThemeChoice = 'system' | 'dark' | 'light';
const THEME_KEY = 'recostream.theme';

export function loadTheme(): ThemeChoice {
  const v = localStorage.getItem(THEME_KEY);
  return v === 'dark' || v === 'light' ? v : 'system';
}

const systemLight = () => typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches;
let following = false;

/**
 * Applies a theme by setting `data-theme` on <html> (the CSS has one palette per value). "system"
 * follows the device's preference, live.
 */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') {
    root.dataset.theme = systemLight() ? 'light' : 'dark';
    localStorage.removeItem(THEME_KEY);
    if (!following && typeof matchMedia === 'function') {
      following = true;
      matchMedia('(prefers-color-scheme: light)').addEventListener('change', () => {
        if (loadTheme() === 'system') root.dataset.theme = systemLight() ? 'light' : 'dark';
      });
    }
  } else {
    root.dataset.theme = choice;
    localStorage.setItem(THEME_KEY, choice);
  }
}

const PREFETCH_KEY = 'recostream.modelPrefetch';

/** Whether the language model may be fetched in the background (this device's setting; default 'auto'). */
export function loadPrefetchChoice(): PrefetchChoice {
  try {
    return localStorage.getItem(PREFETCH_KEY) === 'off' ? 'off' : 'auto';
  } catch {
    return 'auto';
  }
}

export function savePrefetchChoice(choice: PrefetchChoice): void {
  try {
    if (choice === 'off') localStorage.setItem(PREFETCH_KEY, 'off');
    else localStorage.removeItem(PREFETCH_KEY);
  } catch {
    /* storage blocked: the choice lasts for this page only */
  }
}

/** What the browser says about its connection (Network Information API), or null when it says nothing. */
export function connectionHints(): ConnectionHints | null {
  const c = (navigator as Navigator & { connection?: ConnectionHints }).connection;
  if (!c) return null;
  return { saveData: c.saveData, effectiveType: c.effectiveType, type: c.type };
}

/** "12.3 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

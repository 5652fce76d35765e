/** Shared steps for browser tests, and the `test` every spec uses (it fails on any CSP violation). */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export { expect, type Locator, type Page };

export interface Person {
  name: string;
  password: string;
}

/** Console lines Chromium writes for a Content-Security-Policy violation (page or worker). */
const CSP_CONSOLE = /Content Security Policy|CSP violation/i;

export interface CspWatch {
  /** Every violation seen so far in this test (pages and workers of the test's context). */
  readonly violations: string[];
}

/**
 * `test` with an automatic fixture: every page of the context reports `securitypolicyviolation`
 * events to the console, and the test fails at the end if any violation (or Chromium's own CSP
 * console error) was seen. A test that provokes one on purpose takes the `csp` fixture and
 * empties `csp.violations` after checking it.
 */
export const test = base.extend<{ csp: CspWatch; backgroundModel: boolean; backgroundModelSetting: void }>({
  /**
   * Whether the app may download the language model in the background after the first screen (its
   * default on a fast connection, which headless Chromium reports). Off for every spec but the one
   * about it (`test.use({ backgroundModel: true })`), so that each test loads the 32 MB encoder
   * only when it searches by description — the CPU it costs is not spent in tests that never use it.
   */
  backgroundModel: [false, { option: true }],
  backgroundModelSetting: [
    async ({ context, backgroundModel }, use) => {
      if (!backgroundModel) {
        await context.addInitScript(() => {
          try {
            localStorage.setItem('recostream.modelPrefetch', 'off');
          } catch {
            /* storage blocked in this test: nothing to set */
          }
        });
      }
      await use();
    },
    { auto: true },
  ],
  csp: [
    async ({ context }, use, testInfo) => {
      const violations: string[] = [];
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
        });
      });
      const watch = (page: Page) => {
        page.on('console', (msg) => {
          if (msg.type() === 'error' && CSP_CONSOLE.test(msg.text())) violations.push(msg.text());
        });
        page.on('worker', (w) => {
          w.on('console', (msg) => {
            if (msg.type() === 'error' && CSP_CONSOLE.test(msg.text())) violations.push(`worker ${w.url()}: ${msg.text()}`);
          });
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use({ violations });
      if (testInfo.status === testInfo.expectedStatus) expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

/** Creates a profile through the sign-up form and waits until it is signed in. */
export async function signUp(page: Page, who: Person): Promise<void> {
  await page.goto('./#/signup');
  await page.getByLabel('Profile name').fill(who.name);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Create profile' }).click();
  // PBKDF2 at 600,000 iterations: seconds on a loaded machine.
  await expect(page.getByRole('link', { name: `Account: ${who.name}` })).toBeVisible({ timeout: 90_000 });
}

export type Opinion = 'like' | 'dislike';

/**
 * Likes or dislikes `title` with its button inside `scope` (a row, a list or the whole page) and
 * waits until the opinion shows (aria-pressed) and is stored (no longer aria-busy).
 */
export async function rate(scope: Page | Locator, opinion: Opinion, title: string): Promise<void> {
  await scope.getByRole('button', { name: `${opinion === 'like' ? 'Like' : 'Dislike'} ${title}`, exact: true }).click();
  const done = scope.getByRole('button', { name: `Remove ${opinion} from ${title}`, exact: true });
  await expect(done).toHaveAttribute('aria-pressed', 'true');
  await expect(done).not.toHaveAttribute('aria-busy', 'true');
}

/**
 * Goes to Home by hash navigation (the same page: a full load would lock the profile) and rates
 * movies of the "Popular on RecoStream" row, in order; returns the row.
 */
export async function rateOnHome(page: Page, ratings: readonly (readonly [Opinion, string])[]): Promise<Locator> {
  await page.goto('./#/');
  const popular = page.getByRole('region', { name: 'Popular on RecoStream' });
  for (const [opinion, title] of ratings) await rate(popular, opinion, title);
  return popular;
}

/** Waits until the service worker controls the page (everything precached). */
export async function waitForOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/**
 * After a reload (or in a new tab) a signed-in profile is locked: its data key lives in one page's
 * memory only. Enters the password in the Unlock page and waits until the profile is open.
 */
export async function unlock(page: Page, who: Person): Promise<void> {
  const form = page.getByTestId('unlock-form');
  await form.getByLabel('Password', { exact: true }).fill(who.password);
  await form.getByRole('button', { name: 'Unlock' }).click();
  // PBKDF2 at 600,000 iterations (twice: the hash and the key's wrapping key): seconds under load.
  await expect(form).toBeHidden({ timeout: 90_000 });
  await expect(page.getByRole('link', { name: `Account: ${who.name}` })).toBeVisible();
}

/**
 * Every record of the app's IndexedDB, read with the raw IndexedDB API (no app code), as text:
 * keys, strings and numbers as written, bytes as Latin-1 (so plaintext inside them would show).
 */
export async function rawIndexedDbDump(page: Page): Promise<{ text: string; stores: Record<string, number>; fieldNames: Record<string, string[]> }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('recostream');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const parts: string[] = [];
    const stores: Record<string, number> = {};
    const fieldNames: Record<string, string[]> = {};
    const walk = (v: unknown): void => {
      if (v instanceof Uint8Array || v instanceof ArrayBuffer) {
        const b = v instanceof ArrayBuffer ? new Uint8Array(v) : v;
        let s = '';
        for (const x of b) s += String.fromCharCode(x);
        parts.push(s);
      } else if (ArrayBuffer.isView(v)) walk(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object' && !(v instanceof CryptoKey)) {
        for (const [k, x] of Object.entries(v)) {
          parts.push(k);
          walk(x);
        }
      } else parts.push(String(v));
    };
    for (const name of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const r = db.transaction(name, 'readonly').objectStore(name).getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      stores[name] = rows.length;
      const names = new Set<string>();
      for (const row of rows) {
        if (row && typeof row === 'object') Object.keys(row).forEach((k) => names.add(k));
        parts.push(`[${name}]`);
        walk(row);
      }
      fieldNames[name] = [...names].sort();
    }
    db.close();
    return { text: parts.join(' '), stores, fieldNames };
  });
}

/** Shared steps for browser tests, and the `test` every spec uses (it fails on any CSP violation). */
import { test as base, expect, type Page } from '@playwright/test';

export { expect, type Page };

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
export const test = base.extend<{ csp: CspWatch }>({
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

/** Waits until the service worker controls the page (everything precached). */
export async function waitForOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/** Shared steps for browser tests. */
import { expect, type Page } from '@playwright/test';

export interface Person {
  name: string;
  password: string;
}

/** Creates a profile through the sign-up form and waits until it is signed in. */
export async function signUp(page: Page, who: Person): Promise<void> {
  await page.goto('./#/signup');
  await page.getByLabel('Profile name').fill(who.name);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('link', { name: `Account: ${who.name}` })).toBeVisible();
}

/** Waits until the service worker controls the page (everything precached). */
export async function waitForOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

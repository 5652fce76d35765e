/**
 * The language model's background download (src/core/semantic/prefetch.ts decides): after the first
 * screen, on a fast connection, it is fetched before any search; with Save-Data (emulated through
 * the DevTools protocol, as a browser's data saver sets it) nothing of it is requested before the
 * first search by description; nor on a slow connection; and Settings can turn it off.
 */
import { expect, test, type Page } from './helpers';
import type { BrowserContext } from '@playwright/test';

test.describe.configure({ timeout: 300_000 });
// The background download is what this spec is about (the other specs turn it off: helpers.ts).
test.use({ backgroundModel: true });

/** Every request for the encoder's files (page, workers and service worker), in order. */
function modelRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('request', (r) => {
    if (new URL(r.url()).pathname.includes('/models/')) seen.push(r.url());
  });
  return seen;
}

async function topPicksShown(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'Top picks for you' }).getByRole('article').first()).toBeVisible({ timeout: 120_000 });
}

test('with Save-Data on, no part of the model is requested before the first search; the search then downloads it', async ({ page, context }) => {
  const requested = modelRequests(context);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDataSaverOverride', { dataSaverEnabled: true });
  await page.goto('./');
  expect(await page.evaluate(() => (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData)).toBe(true);
  await topPicksShown(page);
  // Typing in the home page's box (searched on Enter only) prepares the ranking, but does not fetch the model.
  await page.locator('#q').fill('a feel-good sci-fi movie');
  // The decision was made (Settings shows it), and it was not to download.
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await expect(page.getByTestId('model-prefetch')).toHaveText('Not downloaded in the background: your browser asks sites to save data.');
  await expect(page.getByRole('status', { name: 'Background download' })).toHaveCount(0);
  expect(requested).toEqual([]);
  // The first search by description downloads it (with its progress), as before.
  await page.getByRole('banner').getByRole('searchbox').fill('a feel-good sci-fi movie');
  await page.getByRole('banner').getByRole('searchbox').press('Enter');
  await expect(page.getByTestId('ranking-kind')).toHaveText(/^Ranked by meaning/, { timeout: 180_000 });
  expect(requested.length).toBeGreaterThan(0);
});

test('on a slow connection (3g) the model is not fetched in the background, and Settings says why', async ({ page, context }) => {
  const requested = modelRequests(context);
  // 300 ms round trips make the browser call the connection "3g" (desktop Chromium exposes no
  // connection type, so a metered link shows only through Save-Data or its speed).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: -1, uploadThroughput: -1 });
  await page.goto('./');
  expect(await page.evaluate(() => (navigator as Navigator & { connection?: { effectiveType?: string } }).connection?.effectiveType)).toBe('3g');
  await topPicksShown(page);
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await expect(page.getByTestId('model-prefetch')).toHaveText('Not downloaded in the background: this connection is slow.', { timeout: 60_000 });
  await expect(page.getByRole('status', { name: 'Background download' })).toHaveCount(0);
  expect(requested).toEqual([]);
});

test('on a fast connection the model is fetched in the background before any search, saying so; Settings turns it off', async ({ page, context }) => {
  const requested = modelRequests(context);
  await page.goto('./');
  expect(await page.evaluate(() => (navigator as Navigator & { connection?: { effectiveType?: string } }).connection?.effectiveType)).toBe('4g');
  await topPicksShown(page);
  // Downloading without any search, with what and how much shown plainly.
  await expect.poll(() => requested.length, { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(page.getByRole('status', { name: 'Background download' })).toContainText(/For search by description: Downloading the language model… [\d.]+ [KM]B of 3\d(\.\d)? MB/);
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await expect(page.getByTestId('model-prefetch')).toHaveText('This visit fetches it in the background after the page loaded: the connection is fast and not metered.');
  // Warm when it finishes: the first search needs no download.
  await expect(page.getByRole('status', { name: 'Background download' })).toHaveCount(0, { timeout: 180_000 });
  await expect(page.getByTestId('model-stored')).toContainText('Stored on this device', { timeout: 60_000 });

  // Off: a later visit does not load it (not even from this device's copy) until a search asks.
  await page.getByRole('radio', { name: /^Never: download it when I first search by description/ }).check();
  const before = requested.length;
  await page.goto('./');
  await page.reload();
  await topPicksShown(page);
  await page.goto('./#/settings');
  await expect(page.getByTestId('model-prefetch')).toHaveText('Background download is off: it downloads when you first search by description.');
  await expect(page.getByRole('radio', { name: /^Never/ })).toBeChecked();
  expect(requested.length).toBe(before);
});

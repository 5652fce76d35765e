/**
 * Encryption at rest in the built app: after likes, clicks and a search, a raw dump of IndexedDB
 * (and of localStorage and Cache Storage) holds none of the liked movies' ids or titles or the query
 * text; after a reload the profile is locked until its password is entered, a wrong one is refused
 * with a message, and the right one brings every like back.
 */
import { chromium } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, rate, rateOnHome, rawIndexedDbDump, signUp, test, unlock, type Page } from './helpers';

const EVE = { name: 'Eve', password: 'copper kettle under snow' };
const QUERY = 'zanzibar lighthouse keeper';
/** A title search whose text is kept with the like made from its results. */
const SEARCHED = 'the matrx';

test('a raw dump after activity holds no liked title, movie id or query; a reload locks the profile until its password is given', async ({ page }) => {
  await signUp(page, EVE);
  // Hash navigations only: a full load would lock the profile (tested below).
  await rateOnHome(page, [
    ['like', 'Forrest Gump'],
    ['dislike', 'Pulp Fiction'],
  ]);
  // A search, and a like and a click from its results: the query text is kept with them.
  await page.goto(`./#/search?q=${encodeURIComponent(`${QUERY} the matrix`)}`);
  await page.goto('./#/movie/2571');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('The Matrix');
  await rate(page, 'like', 'The Matrix');
  await page.goto('./#/feedback');
  await expect(page.getByText('2 liked · 1 disliked', { exact: false })).toBeVisible();

  const dump = await rawIndexedDbDump(page);
  expect(dump.stores.feedback).toBeGreaterThanOrEqual(3);
  expect(dump.stores.dataKeys).toBe(1);
  // Only index fields and the envelope are stored; no movie id, kind, list or query field.
  expect(dump.fieldNames.feedback!.filter((f) => !['id', 'userId', 'at', 'imp', 'ok', 'enc'].includes(f))).toEqual([]);
  expect(dump.fieldNames.impressions!.filter((f) => !['id', 'userId', 'at', 'enc'].includes(f))).toEqual([]);
  for (const secret of ['Forrest Gump', 'Pulp Fiction', 'The Matrix', 'zanzibar', 'movieId', 'like', 'dislike']) expect(dump.text, secret).not.toContain(secret);
  // The liked movies' ids (Forrest Gump 356, Pulp Fiction 296, The Matrix 2571) appear nowhere as text.
  for (const id of ['356', '296', '2571']) expect(dump.text).not.toMatch(new RegExp(`(^|[^0-9])${id}([^0-9]|$)`));
  // localStorage holds the session tokens and the theme only; Cache Storage holds the app and public data.
  const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  for (const secret of ['Forrest', 'Matrix', 'zanzibar']) expect(local).not.toContain(secret);

  // A reload: the session is still valid, but the data key is gone from memory.
  await page.reload();
  const form = page.getByTestId('unlock-form');
  await expect(form).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'Unlock Eve' })).toBeVisible();
  await form.getByLabel('Password', { exact: true }).fill('not my password at all');
  await form.getByRole('button', { name: 'Unlock' }).click();
  await expect(form.getByRole('alert')).toContainText('Wrong password', { timeout: 90_000 });
  await unlock(page, EVE);
  await page.goto('./#/feedback');
  await expect(page.getByText('2 liked · 1 disliked', { exact: false })).toBeVisible();
  await page.goto('./#/movie/2571');
  await expect(page.getByRole('button', { name: 'Remove like from The Matrix', exact: true })).toHaveAttribute('aria-pressed', 'true');
});

// A name long enough that random ciphertext (or its base64) cannot contain it by chance ('Fay' did, 1 run in ~10).
const FAY = { name: 'Fayette', password: 'lanterns drift past the quay' };
const GUS = { name: 'Gus', password: 'walnut ferry at low tide' };
const FILE_PASSWORD = 'seven herons over the marsh';

/** Exports through the Account page (encrypted with `password` when given) and returns the file's text. */
async function exportFile(page: Page, password?: string): Promise<string> {
  await page.goto('./#/account');
  const encrypt = page.getByRole('checkbox', { name: 'Encrypt the file with a password' });
  if (password) {
    await encrypt.check();
    await page.getByLabel('Password for the file', { exact: true }).fill(password);
    await page.getByLabel('Repeat the password for the file', { exact: true }).fill(password);
  } else await encrypt.uncheck();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: 'Export my data' }).click()]);
  return readFileSync(await download.path(), 'utf8');
}

test('an encrypted export holds no liked title, id or query in the clear; it imports with its password only, and a wrong one changes nothing', async ({ page }) => {
  test.setTimeout(300_000);
  await signUp(page, FAY);
  await rateOnHome(page, [
    ['like', 'Forrest Gump'],
    ['dislike', 'Pulp Fiction'],
  ]);
  // A like from search results keeps the query text with it.
  await page.goto(`./#/search?q=${encodeURIComponent(SEARCHED)}`);
  await rate(page.getByRole('region', { name: `Titles matching “${SEARCHED}”` }), 'like', 'The Matrix');
  await page.goto('./#/feedback');
  await expect(page.getByText('2 liked · 1 disliked', { exact: false })).toBeVisible();

  // The readable export (the default) shows what the encrypted one must hide: the check can fail.
  const plain = await exportFile(page);
  expect(plain).toContain(SEARCHED);
  for (const id of ['356', '296', '2571']) expect(plain).toMatch(new RegExp(`"movieId": ${id}\\b`));

  // Two different passwords for the file: refused before anything is written.
  await page.getByRole('checkbox', { name: 'Encrypt the file with a password' }).check();
  await page.getByLabel('Password for the file', { exact: true }).fill(FILE_PASSWORD);
  await page.getByLabel('Repeat the password for the file', { exact: true }).fill(`${FILE_PASSWORD}!`);
  await page.getByRole('button', { name: 'Export my data' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'differ' })).toHaveText('The two file passwords differ. Type the same password in both fields.');

  const sealed = await exportFile(page, FILE_PASSWORD);
  await expect(page.getByText('Exported 3 ratings and clicks', { exact: false })).toContainText('encrypted with your file password');
  const header = JSON.parse(sealed) as { format: string; kdf: { name: string; iterations: number }; cipher: { name: string }; data: string };
  expect(header.format).toBe('recostream-encrypted-export');
  expect(header.kdf).toMatchObject({ name: 'PBKDF2-SHA256', iterations: 600_000 });
  expect(header.cipher.name).toBe('AES-GCM');
  expect(Object.keys(header).sort()).toEqual(['cipher', 'data', 'format', 'kdf', 'version']);
  // Neither the file's text nor its decoded ciphertext bytes show any of it.
  const bytes = Buffer.from(header.data, 'base64').toString('latin1');
  for (const secret of ['Forrest Gump', 'Pulp Fiction', 'The Matrix', SEARCHED, 'zanzibar', 'movieId', 'feedback', FAY.name]) {
    expect(sealed, secret).not.toContain(secret);
    expect(bytes, secret).not.toContain(secret);
  }
  // The ids as the readable export writes them; a bare 3-digit number in random bytes would match by chance.
  for (const id of ['356', '296', '2571']) {
    expect(sealed).not.toMatch(new RegExp(`(^|[^0-9A-Za-z+/])${id}([^0-9A-Za-z+/]|$)`));
    expect(bytes).not.toMatch(new RegExp(`"movieId":\\s*${id}\\b`));
  }

  // Into a new profile that already has a like of its own.
  await page.goto('./#/account');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await signUp(page, GUS);
  await page.goto('./#/movie/1');
  await rate(page, 'like', 'Toy Story');
  await page.goto('./#/account');
  await page.getByLabel('Import from a file').setInputFiles({ name: 'fay.encrypted.json', mimeType: 'application/json', buffer: Buffer.from(sealed) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const status = page.locator('#data-error');
  await expect(status).toHaveText('This file is encrypted. Enter the password it was exported with, then choose Import again. Nothing was changed.');
  const filePassword = page.getByLabel('Password of the encrypted file', { exact: true });
  await expect(filePassword).toBeFocused();
  // A wrong password: a clear message, and nothing lost.
  await filePassword.fill('not the file password');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(status).toHaveText('This password does not open the file (or the file was changed). Check the password and try again. Nothing was changed.', { timeout: 90_000 });
  await page.goto('./#/feedback');
  await expect(page.getByText('1 liked · 0 disliked', { exact: false })).toBeVisible();
  await page.goto('./#/movie/1');
  await expect(page.getByRole('button', { name: 'Remove like from Toy Story', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // The right password (Enter in the field imports): Fay's likes replace Gus's.
  await page.goto('./#/account');
  await page.getByLabel('Import from a file').setInputFiles({ name: 'fay.encrypted.json', mimeType: 'application/json', buffer: Buffer.from(sealed) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(filePassword).toBeFocused();
  await filePassword.fill(FILE_PASSWORD);
  await filePassword.press('Enter');
  await expect(page.getByText(/^Imported 3 ratings and clicks/)).toBeVisible({ timeout: 90_000 });
  await expect(filePassword).toHaveCount(0);
  await page.goto('./#/feedback');
  await expect(page.getByText('2 liked · 1 disliked', { exact: false })).toBeVisible();
  await page.goto('./#/movie/2571');
  await expect(page.getByRole('button', { name: 'Remove like from The Matrix', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('./#/movie/1');
  await expect(page.getByRole('button', { name: 'Like Toy Story', exact: true })).toHaveAttribute('aria-pressed', 'false');
});

const HAL = { name: 'Hal', password: 'brass compass in the attic' };

/** Rows of one IndexedDB store of the app, read with the bare IndexedDB API. */
function storeCount(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const r = indexedDB.open('recostream');
        r.onerror = () => reject(r.error);
        r.onsuccess = () => {
          const q = r.result.transaction(name, 'readonly').objectStore(name).count();
          q.onsuccess = () => (r.result.close(), resolve(q.result));
          q.onerror = () => reject(q.error);
        };
      }),
    store,
  );
}
const tabKey = (page: Page) => page.evaluate(() => sessionStorage.getItem('recostream.unlock'));

/** Turns "stay unlocked for this session" on from the Account page. */
async function stayUnlocked(page: Page, who: { password: string }): Promise<void> {
  await page.goto('./#/account');
  await expect(page.getByTestId('stay-unlocked-state')).toHaveText('Off: a reload asks for the password.');
  await page.getByLabel('Enter your password to stay unlocked', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Stay unlocked', exact: true }).click();
  await expect(page.getByTestId('stay-unlocked-state')).toHaveText(/^On for /, { timeout: 90_000 });
}

test('stay unlocked (opt-in): a reload keeps the profile open; locking or turning it off makes the next reload ask for the password', async ({ page }) => {
  test.setTimeout(300_000);
  await signUp(page, HAL);
  await rateOnHome(page, [['like', 'Forrest Gump']]);
  await page.goto('./#/account');
  await expect(page.getByText('Anyone who copies this browser’s files meanwhile could read your likes')).toBeVisible();
  // A wrong password turns nothing on.
  await page.getByLabel('Enter your password to stay unlocked', { exact: true }).fill('not my password at all');
  await page.getByRole('button', { name: 'Stay unlocked', exact: true }).click();
  await expect(page.locator('#stay-status')).toContainText('Wrong password', { timeout: 90_000 });
  expect(await storeCount(page, 'unlockSessions')).toBe(0);
  expect(await tabKey(page)).toBeNull();

  await stayUnlocked(page, HAL);
  expect(await storeCount(page, 'unlockSessions')).toBe(1);
  expect(await tabKey(page)).toMatch(/"key":"[0-9a-f]{64}"/);
  // The stored half holds no plaintext either.
  const dump = await rawIndexedDbDump(page);
  for (const secret of ['Forrest Gump', 'movieId']) expect(dump.text).not.toContain(secret);

  // A reload: open without the password, the like still there.
  await page.reload();
  await expect(page.getByRole('link', { name: 'Account: Hal' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('unlock-form')).toHaveCount(0);
  await page.goto('./#/feedback');
  await expect(page.getByText('1 liked · 0 disliked', { exact: false })).toBeVisible();
  // A new tab has no session storage of its own: it asks for the password.
  const other = await page.context().newPage();
  await other.goto('./#/feedback');
  await expect(other.getByRole('heading', { name: 'Unlock Hal' })).toBeVisible({ timeout: 60_000 });
  await other.close();

  // Lock now: the Unlock page, and this tab's key and record are gone, so a reload stays locked.
  await page.goto('./#/account');
  await page.getByRole('button', { name: 'Lock now' }).click();
  await expect(page.getByTestId('unlock-form')).toBeVisible();
  expect(await storeCount(page, 'unlockSessions')).toBe(0);
  expect(await tabKey(page)).toBeNull();
  await page.reload();
  await expect(page.getByTestId('unlock-form')).toBeVisible({ timeout: 60_000 });

  // Still opted in: unlocking with the password keeps this tab open across reloads again.
  await unlock(page, HAL);
  await expect.poll(() => storeCount(page, 'unlockSessions')).toBe(1);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Account: Hal' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('unlock-form')).toHaveCount(0);

  // Turned off: every record goes, and the next reload asks for the password.
  await page.goto('./#/account');
  await expect(page.getByTestId('stay-unlocked-state')).toHaveText('On for Hal.');
  await page.getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByTestId('stay-unlocked-state')).toHaveText('Off: a reload asks for the password.');
  expect(await storeCount(page, 'unlockSessions')).toBe(0);
  expect(await tabKey(page)).toBeNull();
  await page.reload();
  await expect(page.getByTestId('unlock-form')).toBeVisible({ timeout: 60_000 });
  await unlock(page, HAL);

  // Signing out ends it too.
  await stayUnlocked(page, HAL);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  expect(await storeCount(page, 'unlockSessions')).toBe(0);
  expect(await tabKey(page)).toBeNull();
});

test("stay unlocked: a copy of the browser's files without the tab's session storage (a new browser) cannot unlock", async ({ browserName }, testInfo) => {
  test.setTimeout(300_000);
  expect(browserName).toBe('chromium');
  const { launchOptions, baseURL } = testInfo.project.use;
  const original = mkdtempSync(join(tmpdir(), 'recostream-profile-'));
  const copy = `${original}-copy`;
  const open = async (dir: string) => {
    const ctx = await chromium.launchPersistentContext(dir, { ...launchOptions, baseURL });
    await ctx.addInitScript(() => localStorage.setItem('recostream.modelPrefetch', 'off'));
    return ctx;
  };
  try {
    const first = await open(original);
    const page = first.pages()[0] ?? (await first.newPage());
    await signUp(page, HAL);
    await rateOnHome(page, [['like', 'Forrest Gump']]);
    await stayUnlocked(page, HAL);
    // Within the tab's session the halves work together.
    await page.reload();
    await expect(page.getByRole('link', { name: 'Account: Hal' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('unlock-form')).toHaveCount(0);
    await first.close();

    // The whole browser profile copied (IndexedDB with the wrapped key and its record, localStorage
    // with the session) and opened as a new browser: no tab session storage, so no session key.
    cpSync(original, copy, { recursive: true });
    const second = await open(copy);
    const thief = second.pages()[0] ?? (await second.newPage());
    await thief.goto('./#/');
    await expect(thief.getByRole('heading', { name: 'Unlock Hal' })).toBeVisible({ timeout: 60_000 });
    expect(await storeCount(thief, 'unlockSessions')).toBe(1);
    expect(await tabKey(thief)).toBeNull();
    // And a reload there does not change that.
    await thief.reload();
    await expect(thief.getByTestId('unlock-form')).toBeVisible({ timeout: 60_000 });
    await second.close();
  } finally {
    rmSync(original, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  }
});

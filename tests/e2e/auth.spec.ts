import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, unlock, type Page } from './helpers';

const ADA = { name: 'Ada', password: 'plum tree valley at dusk' };
const BOB = { name: 'Bob', password: 'orange river delta noon' };
const FIXTURE = fileURLToPath(new URL('../fixtures/auth/export-valid.json', import.meta.url));

/** Waits for a state reached after a password hash (PBKDF2, 600,000 iterations: seconds on a loaded machine). */
const HASHED = { timeout: 90_000 };
// Several hashes per test: an upper bound for a loaded machine, not a wait.
test.describe.configure({ timeout: 240_000 });

const accountLink = (page: Page, name: string) => page.getByRole('link', { name: `Account: ${name}` });

async function signUp(page: Page, who: { name: string; password: string }) {
  await page.goto('./#/signup');
  await page.getByLabel('Profile name').fill(who.name);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(accountLink(page, who.name)).toBeVisible(HASHED);
}

async function signOut(page: Page) {
  await page.goto('./#/account');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
}

/** Exports the signed-in profile's data through the account page and returns the parsed file. */
async function exportData(page: Page): Promise<{ profile: { username: string }; feedback: unknown[]; settings: unknown[]; modelState: unknown[] }> {
  await page.goto('./#/account');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export my data' }).click()]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

test('sign up, stay signed in across a reload, sign out', async ({ page }) => {
  await signUp(page, ADA);
  // PBKDF2 ran in the crypto worker, not on the page's thread.
  expect(page.workers().some((w) => w.url().includes('crypto'))).toBe(true);
  // The session survives the reload; the data key (memory only) does not: the password unlocks it.
  await page.reload();
  await unlock(page, ADA);
  await expect(accountLink(page, 'Ada')).toBeVisible();
  await signOut(page);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  // Signed out, the account page sends you to sign-in and back afterwards.
  await page.goto('./#/account');
  await expect(page).toHaveURL(/#\/login\?next=%23%2Faccount/);
  await page.getByLabel('Profile name').fill('ada');
  await page.getByLabel('Password', { exact: true }).fill(ADA.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Ada', level: 1 })).toBeVisible(HASHED);
});

test('clear messages: weak password, name taken, wrong password, lockout', async ({ page }) => {
  await page.goto('./#/signup');
  await page.getByLabel('Profile name').fill('Ada');
  await page.getByLabel('Password', { exact: true }).fill('password1');
  await expect(page.getByText(/on a list of commonly used passwords/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('alert')).toContainText('commonly used passwords');

  await signUp(page, ADA);
  await signOut(page);
  await page.goto('./#/signup');
  await page.getByLabel('Profile name').fill('ADA');
  await page.getByLabel('Password', { exact: true }).fill('another long phrase');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('alert')).toHaveText('The name “ADA” is already used on this device. Pick another one.');

  await page.goto('./#/login?user=Ada');
  const password = page.getByLabel('Password', { exact: true });
  const submit = page.getByRole('button', { name: 'Sign in' });
  await password.fill('not my password');
  await submit.click();
  await expect(page.getByRole('alert')).toHaveText('Wrong password. 4 tries left before a 30-second pause.', HASHED);
  // Each try waits for its own answer (each check runs PBKDF2, slow on a loaded machine).
  for (const [i, answer] of [
    'Wrong password. 3 tries left before a 30-second pause.',
    'Wrong password. 2 tries left before a 30-second pause.',
    'Wrong password. One more wrong try and this profile pauses for 30 seconds.',
    /Too many attempts — try again in \d+ seconds?\./,
  ].entries()) {
    await password.fill(`still wrong ${i}`);
    await submit.click();
    await expect(page.getByRole('alert')).toHaveText(answer, HASHED);
  }
  // The countdown starts at 30 s; how far it has run by now depends on the machine's load.
  const left = Number(/in (\d+) second/.exec((await page.getByRole('alert').textContent()) ?? '')?.[1]);
  expect(left).toBeGreaterThanOrEqual(1);
  expect(left).toBeLessThanOrEqual(30);
  await expect(submit).toBeDisabled();
  // The lock is in IndexedDB: a reload does not lift it.
  await page.reload();
  await expect(page.getByRole('alert')).toContainText(/Too many attempts — try again in \d+ seconds/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
});

test("who's watching: two profiles on one device cannot see each other's data", async ({ page }) => {
  await signUp(page, ADA);
  await page.goto('./#/account');
  await page.getByLabel('Import from a file').setInputFiles(FIXTURE);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported 2 ratings and clicks, 2 impressions, 1 settings and 3 models.')).toBeVisible();
  await signOut(page);

  await signUp(page, BOB);
  const bob = await exportData(page);
  expect(bob.profile.username).toBe('Bob');
  expect([bob.feedback.length, bob.settings.length, bob.modelState.length]).toEqual([0, 0, 0]);
  await signOut(page);

  // The picker lists both; choosing one asks for that profile's password.
  await page.getByRole('link', { name: 'Ada' }).click();
  await expect(page.getByLabel('Profile name')).toHaveValue('Ada');
  await page.getByLabel('Password', { exact: true }).fill(ADA.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(accountLink(page, 'Ada')).toBeVisible(HASHED);
  const ada = await exportData(page);
  expect([ada.feedback.length, ada.settings.length, ada.modelState.length]).toEqual([2, 1, 3]);
});

test('a bad import file changes nothing and says why', async ({ page }) => {
  await signUp(page, ADA);
  await page.goto('./#/account');
  await page.getByLabel('Import from a file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something-else"}') });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be imported' })).toHaveText(
    'This file cannot be imported: it is not a RecoStream export (no "format": "recostream-export").',
  );
  const after = await exportData(page);
  expect(after.feedback).toEqual([]);
});

test('a token edited in storage is refused', async ({ page }) => {
  await signUp(page, ADA);
  const adaId = await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('recostream.session') ?? '{}') as { accessToken: string };
    return JSON.parse(atob(s.accessToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sub as string;
  });
  await signOut(page);
  await signUp(page, BOB);
  // Bob edits his stored access token to claim Ada's id (keeping his signature).
  await page.evaluate((target) => {
    const s = JSON.parse(localStorage.getItem('recostream.session') ?? '{}') as { accessToken: string; refreshToken: string };
    const [h, p, sig] = s.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/')));
    claims.sub = target;
    const edited = btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    localStorage.setItem('recostream.session', JSON.stringify({ ...s, accessToken: `${h}.${edited}.${sig}` }));
  }, adaId);
  // Reload first, so the edited token meets the app's start-up check (not a check already under way).
  await page.reload();
  await page.goto('./#/account');
  await expect(page).toHaveURL(/#\/login/);
  await expect(page.getByText('Your session token is not valid. Please sign in again.')).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('recostream.session'))).toBeNull();
});

test('an expired session goes back to sign-in and returns to the page afterwards', async ({ page }) => {
  await page.clock.install();
  await signUp(page, ADA);
  await page.goto('./#/movie/1');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Toy Story');
  // Past the 30-day session maximum: the next check finds the refresh token expired.
  await page.clock.fastForward(31 * 24 * 60 * 60 * 1000);
  await page.clock.runFor(61_000);
  await expect(page).toHaveURL(/#\/login\?next=%23%2Fmovie%2F1&user=Ada/);
  await expect(page.getByText('Your session has expired. Please sign in again.')).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(ADA.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/#\/movie\/1$/, HASHED);
  await expect(accountLink(page, 'Ada')).toBeVisible();
});

test('account pages have no serious accessibility violations', async ({ page }) => {
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
  await page.goto('./#/signup');
  await expect(page.getByRole('heading', { name: 'Create a profile' })).toBeVisible();
  expect(await serious()).toEqual([]);
  await signUp(page, ADA);
  await page.goto('./#/account');
  await expect(page.getByRole('heading', { name: 'Ada', level: 1 })).toBeVisible();
  expect(await serious()).toEqual([]);
  await signOut(page);
  expect(await serious()).toEqual([]);
  await page.goto('./#/login?user=Ada');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await serious()).toEqual([]);
});

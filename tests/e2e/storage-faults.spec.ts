/**
 * Fault injection: each storage failure gives its specific message with what to do, and nothing
 * the person did is lost silently (a like that could not be saved says so on its button and can be
 * retried). Faults are injected in the page (IndexedDB hidden, writes failing with the browser's
 * QuotaExceededError) or made real (another tab holding the old database version, a damaged record).
 */
import { expect, signUp, test, unlock, type Page } from './helpers';

const NAME = { name: 'Gus', password: 'lantern moss over the quay' };
const HASHED = { timeout: 90_000 };
test.describe.configure({ timeout: 240_000 });

test('IndexedDB unavailable: the pages say so and what to do, not "Something went wrong"', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { configurable: true, get: () => undefined });
  });
  await page.goto('./#/profiles');
  await expect(page.getByRole('alert').filter({ hasText: 'This browser is not letting RecoStream store anything' })).toContainText('leave private browsing, then reload');
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
  await page.goto('./#/signup');
  await page.getByLabel('Profile name').fill(NAME.name);
  await page.getByLabel('Password', { exact: true }).fill(NAME.password);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.locator('main').getByRole('alert').filter({ hasText: 'This browser is not letting RecoStream store anything' })).toBeVisible(HASHED);
});

test('blocked upgrade: another tab holding the old version is named, and the page recovers once it closes', async ({ page, context }) => {
  // A tab of the same site holds the database open at an older version and ignores requests to close.
  const old = await context.newPage();
  await old.goto('./manifest.webmanifest');
  await old.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('recostream', 1);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          (window as unknown as { held: IDBDatabase }).held = req.result;
          resolve();
        };
      }),
  );
  await page.goto('./#/profiles');
  const notice = page.getByRole('alert').filter({ hasText: 'another RecoStream tab is still using the old version' });
  await expect(notice).toContainText('Close the other RecoStream tabs, then reload this one.');
  await old.close();
  await expect(notice).toHaveCount(0);
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await expect(page.getByText('No profiles on this device yet.')).toBeVisible();
});

/** Makes every IndexedDB write fail as a full disk does, until `fullDisk(page, false)`. */
async function fullDisk(page: Page, on: boolean): Promise<void> {
  await page.evaluate((full) => {
    (window as unknown as { diskFull: boolean }).diskFull = full;
  }, on);
}

test('quota exceeded: a like that cannot be saved says so on its button, and Retry saves it', async ({ page }) => {
  await page.addInitScript(() => {
    for (const method of ['add', 'put'] as const) {
      const real = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<typeof real>) {
        if ((window as unknown as { diskFull?: boolean }).diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return real.apply(this, args);
      } as typeof real;
    }
  });
  await signUp(page, NAME);
  await page.goto('./#/');
  const popular = page.getByRole('region', { name: 'Popular on RecoStream' });
  const like = popular.getByRole('button', { name: 'Like Forrest Gump', exact: true });
  await expect(like).toBeVisible();
  // Every value the like button's aria-pressed takes, in order (the button shows a like at once,
  // before the write is attempted, and reverts when it fails).
  await like.evaluate((b) => {
    const log: string[] = [];
    (window as unknown as { pressedLog: string[] }).pressedLog = log;
    new MutationObserver(() => log.push(b.getAttribute('aria-pressed') ?? '')).observe(b, { attributes: true, attributeFilter: ['aria-pressed'] });
  });
  const pressedLog = () => page.evaluate(() => (window as unknown as { pressedLog: string[] }).pressedLog.join(','));
  await fullDisk(page, true);
  await like.click();
  const group = popular.getByRole('group', { name: 'Your opinion of Forrest Gump' }).first();
  const failure = /^Not saved: this device has no storage space left for RecoStream\. Free some space .*export it from your Account page\.$/;
  await expect(group.getByRole('alert')).toHaveText(failure);
  await expect(like).toHaveAttribute('aria-pressed', 'false');
  await expect(like).toHaveAttribute('aria-describedby', /fb-failed-/);
  expect(await pressedLog()).toBe('true,false');
  // Retry while the disk is still full: shown again at once, reverted again, the same message.
  const retry = group.getByRole('button', { name: 'Retry saving your opinion of Forrest Gump' });
  await retry.click();
  await expect.poll(pressedLog).toBe('true,false,true,false');
  await expect(group.getByRole('alert')).toHaveText(failure);
  await expect(like).toHaveAttribute('aria-pressed', 'false');
  await fullDisk(page, false);
  await retry.click();
  await expect(popular.getByRole('button', { name: 'Remove like from Forrest Gump', exact: true }).first()).toHaveAttribute('aria-pressed', 'true');
  await expect(popular.getByRole('button', { name: 'Remove like from Forrest Gump', exact: true }).first()).not.toHaveAttribute('aria-busy', 'true');
  await expect(group.getByRole('alert')).toHaveCount(0);
  expect(await pressedLog()).toBe('true,false,true,false,true');
  await page.goto('./#/feedback');
  await expect(page.getByText('1 liked · 0 disliked · 0 opened')).toBeVisible();
});

test('a damaged saved Discover model: Discover starts again and says so, not "Something went wrong"', async ({ page }) => {
  await signUp(page, NAME);
  const userId = await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('recostream.session') ?? '{}') as { accessToken: string };
    return JSON.parse(atob(s.accessToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sub as string;
  });
  // The stored record is damaged (as by a crash mid-write or a bad edit): a current-format state with unusable weights.
  await page.evaluate(
    (uid) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('recostream');
        open.onsuccess = () => {
          const tx = open.result.transaction('modelState', 'readwrite');
          tx.objectStore('modelState').put({ userId: uid, model: 'bandit', version: 1, updatedAt: Date.now(), state: { state: { format: 'recostream-bandit', version: 2, mean: 'garbage' }, pending: [] } });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    userId,
  );
  // Written in the clear, as a pre-encryption record: the reload locks the profile and unlocking
  // encrypts the row (the migration), so Discover meets a damaged record that decrypts fine.
  await page.reload();
  await unlock(page, NAME);
  await page.goto('./#/discover');
  await expect(page.getByTestId('discover-notice')).toHaveText(/^What Discover learned on this device was damaged and could not be read, so Discover has started learning again/);
  await expect(page.getByRole('list', { name: 'Discover picks' }).getByRole('article').first()).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
});

/**
 * Encryption at rest in the built app: after likes, clicks and a search, a raw dump of IndexedDB
 * (and of localStorage and Cache Storage) holds none of the liked movies' ids or titles or the query
 * text; after a reload the profile is locked until its password is entered, a wrong one is refused
 * with a message, and the right one brings every like back.
 */
import { expect, rawIndexedDbDump, signUp, test, unlock } from './helpers';

const EVE = { name: 'Eve', password: 'copper kettle under snow' };
const QUERY = 'zanzibar lighthouse keeper';

test('a raw dump after activity holds no liked title, movie id or query; a reload locks the profile until its password is given', async ({ page }) => {
  await signUp(page, EVE);
  // Hash navigations only: a full load would lock the profile (tested below).
  await page.goto('./#/');
  const popular = page.getByRole('region', { name: 'Popular on RecoStream' });
  await popular.getByRole('button', { name: 'Like Forrest Gump', exact: true }).click();
  await expect(popular.getByRole('button', { name: 'Remove like from Forrest Gump', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await popular.getByRole('button', { name: 'Dislike Pulp Fiction', exact: true }).click();
  await expect(popular.getByRole('button', { name: 'Remove dislike from Pulp Fiction', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // A search, and a like and a click from its results: the query text is kept with them.
  await page.goto(`./#/search?q=${encodeURIComponent(`${QUERY} the matrix`)}`);
  await page.goto('./#/movie/2571');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('The Matrix');
  await page.getByRole('button', { name: 'Like The Matrix', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Remove like from The Matrix', exact: true })).toHaveAttribute('aria-pressed', 'true');
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

import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext } from '@playwright/test';
import { expect, test, unlock, type Page } from './helpers';
import { GENRES } from '../../src/core/catalogue/types';

// Day buckets are in the browser's time zone; pin it so the expected rows are exact.
test.use({ timezoneId: 'UTC' });

const IRIS = { name: 'Iris', password: 'maple lantern over quiet water' };

interface Seeded {
  movieId: number;
  kind: 'like' | 'dislike' | 'click';
  at: number;
}

/** The built catalogue, column-wise as shipped. */
interface CatalogueFile {
  id: number[];
  title: string[];
  year: (number | null)[];
  genres: number[];
  n: number[];
}

const bit = (g: (typeof GENRES)[number]) => 1 << GENRES.indexOf(g);

/**
 * 50 events over 5 days (UTC), 10 a day: 4 likes, 2 dislikes, 4 clicks. Likes: the 10 most rated
 * sci-fi films without comedy or horror and the 10 most rated comedies without sci-fi or horror (so
 * each genre is 50 % of the likes, horror 0 %); dislikes: the 10 most rated horror films with neither;
 * clicks: the liked sci-fi films, twice.
 */
function plan(cat: CatalogueFile) {
  const rows = cat.id.map((id, i) => ({ id, mask: cat.genres[i]!, n: cat.n[i]! })).sort((a, b) => b.n - a.n);
  const pick = (want: number, not: number) =>
    rows
      .filter((r) => r.mask & want && !(r.mask & not))
      .slice(0, 10)
      .map((r) => r.id);
  const sciFi = pick(bit('Sci-Fi'), bit('Comedy') | bit('Horror'));
  const comedy = pick(bit('Comedy'), bit('Sci-Fi') | bit('Horror'));
  const horror = pick(bit('Horror'), bit('Sci-Fi') | bit('Comedy'));
  const likes = [...sciFi, ...comedy];
  const clicks = [...sciFi, ...sciFi];
  const events: Seeded[] = [];
  for (let d = 0; d < 5; d++) {
    const at = (h: number) => Date.UTC(2024, 2, 1 + d, h, 30);
    likes.slice(d * 4, d * 4 + 4).forEach((movieId, i) => events.push({ movieId, kind: 'like', at: at(9 + i) }));
    horror.slice(d * 2, d * 2 + 2).forEach((movieId, i) => events.push({ movieId, kind: 'dislike', at: at(14 + i) }));
    clicks.slice(d * 4, d * 4 + 4).forEach((movieId, i) => events.push({ movieId, kind: 'click', at: at(18 + i) }));
  }
  // Community share of ratings per genre, computed here independently of the app.
  const total = cat.n.reduce((s, x) => s + x, 0);
  const share = (g: (typeof GENRES)[number]) => Math.round((100 * cat.n.reduce((s, x, i) => s + (cat.genres[i]! & bit(g) ? x : 0), 0)) / total);
  const top = rows[0]!;
  const topIndex = cat.id.indexOf(top.id);
  return { events, share, topMovie: { title: cat.title[topIndex]!, year: cat.year[topIndex], n: top.n } };
}

async function loadCatalogue(request: APIRequestContext): Promise<CatalogueFile> {
  const res = await request.get('./data/catalogue.json');
  expect(res.ok()).toBe(true);
  return res.json();
}

async function signUp(page: Page) {
  await page.goto('./#/signup');
  await page.getByLabel('Profile name').fill(IRIS.name);
  await page.getByLabel('Password', { exact: true }).fill(IRIS.password);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('link', { name: `Account: ${IRIS.name}` })).toBeVisible();
}

/** Writes the events for the signed-in profile straight into IndexedDB ('recostream' → 'feedback'). */
async function seed(page: Page, events: Seeded[]) {
  await page.evaluate(
    async ({ username, events }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('recostream');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const users = await new Promise<{ id: string; usernameKey: string }[]>((resolve, reject) => {
        const req = db.transaction('users').objectStore('users').getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const user = users.find((u) => u.usernameKey === username);
      if (!user) throw new Error(`no profile ${username}`);
      const tx = db.transaction('feedback', 'readwrite');
      for (const e of events) tx.objectStore('feedback').add({ ...e, userId: user.id, surface: 'home-row' });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { username: IRIS.name.toLowerCase(), events },
  );
  // Dexie caches live queries in the page; a reload reads the new rows. The reload locks the
  // profile; unlocking encrypts the rows written here in the clear (as it migrates old profiles).
  await page.reload();
  await unlock(page, IRIS);
  await expect(page.getByRole('link', { name: `Account: ${IRIS.name}` })).toBeVisible();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const card = (page: Page, title: string) => page.getByRole('region', { name: title });

/** Opens a card's data table and returns it. */
async function table(page: Page, title: string) {
  const c = card(page, title);
  const details = c.locator('details');
  if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) await c.getByText('Show the data as a table').click();
  return c.getByRole('table');
}

async function expectInsights(page: Page, expected: ReturnType<typeof plan>) {
  await expect(page.locator('[data-insights-ready]')).toBeAttached({ timeout: 90_000 });
  await expect(page.getByRole('heading', { name: 'Your insights', level: 1 })).toBeVisible();
  await expect(page.getByText('Based on 20 likes, 10 dislikes and 20 clicks on this device.')).toBeVisible();

  // Feedback over time: one bar per day, and the numbers behind it.
  const timeline = card(page, 'Your feedback over time');
  await expect(timeline.getByRole('img')).toHaveAttribute(
    'aria-label',
    /^Stacked bar chart of your feedback per day from 2024-03-01 to 2024-03-05: 20 likes, 10 dislikes and 20 clicks\./,
  );
  const days = await table(page, 'Your feedback over time');
  await expect(days.getByRole('row')).toHaveCount(1 + 5 + 1);
  for (const d of ['2024-03-01', '2024-03-03', '2024-03-05']) await expect(days.getByRole('row', { name: `${d} 4 2 4` })).toBeVisible();
  await expect(days.getByRole('row', { name: 'Total 20 10 20' })).toBeVisible();

  // Genres: half the likes are sci-fi, half comedy; community shares as computed from the catalogue.
  await expect(card(page, 'Your genres vs the community').getByRole('img')).toHaveAttribute('aria-label', /^Grouped bar chart of genres\. Your likes lean most towards /);
  const genres = await table(page, 'Your genres vs the community');
  await expect(genres.getByRole('row', { name: `Sci-Fi 10 50% ${expected.share('Sci-Fi')}%` })).toBeVisible();
  await expect(genres.getByRole('row', { name: `Comedy 10 50% ${expected.share('Comedy')}%` })).toBeVisible();
  await expect(genres.getByRole('row', { name: `Horror 0 0% ${expected.share('Horror')}%` })).toBeVisible();

  // Moods of liked vs disliked movies: the disliked horror films are the scarier ones.
  await expect(card(page, 'The moods of what you like').getByRole('img')).toHaveAttribute('aria-label', /^Grouped bar chart of mood scores: movies you liked are most .+; movies you disliked are most /);
  const moods = await table(page, 'The moods of what you like');
  const scary = (await moods.getByRole('row', { name: /^Scary / }).getByRole('cell').allTextContents()).map(Number);
  expect(scary).toHaveLength(2);
  expect(scary[1]!).toBeGreaterThan(scary[0]!);

  // The community charts.
  await expect(card(page, 'Most rated genres in the community').getByRole('img')).toHaveAttribute('aria-label', new RegExp(`^Bar chart: Drama is the most rated genre \\(${expected.share('Drama')}% of community ratings\\)`));
  const top = expected.topMovie;
  const topTitle = escapeRegExp(`${top.title}${top.year ? ` (${top.year})` : ''}`);
  await expect(card(page, 'Most rated movies in the community').getByRole('img')).toHaveAttribute('aria-label', new RegExp(`^Bar chart: the most rated movie is ${topTitle} with ${top.n} ratings`));
  // Every chart is a canvas with role img and a summary, or a sentence saying what is missing.
  const canvases = page.locator('canvas[role="img"]');
  expect(await canvases.count()).toBeGreaterThanOrEqual(5);
  for (const c of await canvases.all()) expect(((await c.getAttribute('aria-label')) ?? '').length).toBeGreaterThan(20);

  // The taste cluster, with explained "people like you also liked" picks that exclude rated movies.
  const taste = page.getByRole('region', { name: 'Your taste cluster' });
  await expect(taste.getByText(/^You are among the .+ fans\.$/)).toBeVisible();
  const picks = taste.getByRole('region', { name: 'People like you also liked' }).getByRole('article');
  await expect(picks.nth(3)).toBeVisible(); // at least 4 picks, waiting for them to render
  await expect(picks.first()).toContainText(/Loved by .+ fans\./);
  const rated = new Set(expected.events.filter((e) => e.kind !== 'click').map((e) => e.movieId));
  for (const href of await picks.locator('a.poster').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(rated.has(Number(href?.split('/').pop()))).toBe(false);
  }
  await taste.getByText(/How the \d+ taste clusters were found/).click();
  await expect(taste.getByRole('table').getByRole('row', { name: /\(chosen\)/ })).toHaveCount(1);
}

test('insights: charts of real feedback with tables, taste cluster, theme redraw, lazy Chart.js, offline', async ({ page, context, request }) => {
  const expected = plan(await loadCatalogue(request));
  await signUp(page);
  await seed(page, expected.events);

  // Chart.js is not part of the app's start: no chart chunk before the Insights page.
  const chartChunks = () => page.evaluate(() => performance.getEntriesByType('resource').filter((r) => /chart-kit/.test(r.name)).length);
  expect(await chartChunks()).toBe(0);

  await page.goto('./#/insights');
  await expectInsights(page, expected);
  expect(await chartChunks()).toBeGreaterThan(0);

  // Switching the theme redraws the charts in the new colours.
  const canvas = card(page, 'Most rated genres in the community').getByRole('img');
  const before = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  const dark = await page.evaluate(() => document.documentElement.dataset.theme !== 'dark');
  await page.evaluate((d) => (document.documentElement.dataset.theme = d ? 'dark' : 'light'), dark);
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(before);
  await page.evaluate(() => delete document.documentElement.dataset.theme);

  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
  expect(serious).toEqual([]);

  // Offline: once the service worker controls the page, the Insights page still renders from cache.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await unlock(page, IRIS);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await unlock(page, IRIS);
  await expectInsights(page, expected);
  await context.setOffline(false);
});

test('insights: signed out shows the community, and a new profile gets helpful empty states', async ({ page }) => {
  await page.goto('./#/insights');
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  await expect(card(page, 'Most rated genres in the community').getByRole('img')).toHaveAttribute('aria-label', /^Bar chart: Drama is the most rated genre/);
  await expect(card(page, 'Your feedback over time')).toHaveCount(0);

  await signUp(page);
  await page.goto('./#/insights');
  await expect(page.locator('[data-insights-ready]')).toBeAttached({ timeout: 90_000 });
  await expect(card(page, 'Your feedback over time')).toContainText('No feedback yet. Like, dislike or open a few movies');
  await expect(card(page, 'Your genres vs the community')).toContainText('Like a few movies to compare');
  await expect(card(page, 'Your feedback over time').locator('canvas')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Your taste cluster' })).toContainText('Like or dislike at least 3 movies to find your taste cluster (so far: 0).');
});

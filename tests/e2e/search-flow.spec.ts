import { expect, test, type Page } from '@playwright/test';

/**
 * Records every distinct state of the search results the page renders (heading, stale marker,
 * the query the list belongs to, titles in order), from the first frame on, with a MutationObserver.
 */
async function record(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Snap = { heading: string; stale: string; query: string; titles: string; kind: string };
    const w = window as unknown as { __snaps: Snap[] };
    w.__snaps = [];
    const snap = (): Snap | null => {
      const list = document.querySelector('ol[aria-label="Recommendations"]');
      const heading = document.getElementById('recs-h')?.textContent ?? '';
      const kind = document.querySelector('[data-testid="ranking-kind"]')?.textContent?.trim() ?? '';
      if (!list) return heading ? { heading, stale: 'none', query: '', titles: '', kind } : null;
      const titles = Array.from(list.querySelectorAll('article')).map((a) => a.getAttribute('aria-label') ?? '').join(' | ');
      return { heading, stale: list.getAttribute('data-stale') ?? '', query: list.getAttribute('data-query') ?? '', titles, kind };
    };
    const push = () => {
      const s = snap();
      if (!s) return;
      const last = w.__snaps[w.__snaps.length - 1];
      if (!last || last.heading !== s.heading || last.stale !== s.stale || last.titles !== s.titles || last.query !== s.query || last.kind !== s.kind) w.__snaps.push(s);
    };
    new MutationObserver(push).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const snaps = (page: Page) => page.evaluate(() => (window as unknown as { __snaps: { heading: string; stale: string; query: string; titles: string; kind: string }[] }).__snaps);
const results = (page: Page) => page.locator('ol[aria-label="Recommendations"]');

async function ask(page: Page, text: string): Promise<void> {
  const box = page.getByRole('banner').getByRole('searchbox');
  await box.fill(text);
  await box.press('Enter');
}

/** Waits for the final (not stale) list of `text`. */
async function settled(page: Page, text: string, timeout = 60_000): Promise<string> {
  await expect(results(page)).toHaveAttribute('data-query', text, { timeout });
  await expect(results(page)).toHaveAttribute('data-stale', 'false', { timeout });
  await expect(results(page)).toHaveAttribute('aria-busy', 'false', { timeout });
  return (await snaps(page)).at(-1)!.titles;
}

test('no flash of wrong results: a stale list keeps its own heading, no generic list, no reordering once shown, "Ranked by meaning" only with its ranking', async ({ page }) => {
  test.setTimeout(240_000);
  await record(page);
  await page.goto('./');
  await ask(page, 'Tom Hanks movies');
  const hanks = await settled(page, 'Tom Hanks movies');
  expect(hanks.split(' | ')).toHaveLength(20);

  // A structured query: its list replaces the previous one, which is marked stale meanwhile.
  await ask(page, 'a Nolan film');
  const nolan = await settled(page, 'a Nolan film');
  // A descriptive query: only the encoder can rank it, so nothing but the stale list or its final list may show.
  await ask(page, 'a lonely robot left alone to clean up the earth');
  const robot = await settled(page, 'a lonely robot left alone to clean up the earth', 180_000);
  // Let any late update land before reading the record.
  await expect.poll(async () => (await snaps(page)).at(-1)!.titles).toBe(robot);

  const all = await snaps(page);
  const finals: Record<string, string> = { 'Tom Hanks movies': hanks, 'a Nolan film': nolan, 'a lonely robot left alone to clean up the earth': robot };
  const headingOf = (q: string) => `Recommended for “${q}”`;
  // Every list is under the heading of its own query: a previous list waiting to be replaced keeps
  // its heading (dimmed, with a line saying what is being looked for), never the new one's.
  for (const s of all.filter((x) => x.stale !== 'none')) expect(s.heading, `list of “${s.query}” (stale: ${s.stale})`).toBe(headingOf(s.query));
  // "Ranked by meaning" is shown only with the list ranked by meaning: fresh, the final list of its own query.
  const meaning = all.filter((s) => s.kind.startsWith('Ranked by meaning'));
  expect(meaning.length).toBeGreaterThan(0);
  for (const s of meaning) {
    expect(s.stale).toBe('false');
    expect(s.titles, `“Ranked by meaning” over the list of “${s.query}”`).toBe(finals[s.query]);
  }
  for (const [q, final, before] of [
    ['a Nolan film', nolan, hanks],
    ['a lonely robot left alone to clean up the earth', robot, nolan],
  ] as const) {
    // The only fresh list of a query is its final one (no generic or intermediate list, no reordering)…
    const fresh = all.filter((s) => s.query === q && s.stale === 'false');
    expect(fresh.length, `${q}: rendered states`).toBeGreaterThan(0);
    for (const s of fresh) expect(s.titles, `${q}: the only fresh list is the final one`).toBe(final);
    // …and until it came, what showed was the previous list, stale, saying what is being looked for.
    const until = all.findIndex((s) => s.query === q);
    for (const s of all.slice(0, until).filter((x) => x.stale === 'true' && x.titles === before)) expect(s.kind).toMatch(/^Finding movies for/);
    expect(all.slice(0, until).filter((s) => s.stale !== 'none').at(-1)?.titles).toBe(before);
  }
  // The descriptive query was ranked by meaning; the structured ones were not.
  expect(all.filter((s) => s.query === 'a lonely robot left alone to clean up the earth' && s.stale === 'false').every((s) => s.kind.startsWith('Ranked by meaning'))).toBe(true);
  expect(all.filter((s) => s.query === 'Tom Hanks movies' && s.stale === 'false').every((s) => s.kind.startsWith('Ranked by genre'))).toBe(true);
  // The descriptive query's list is not the popularity list of an empty query.
  expect(robot).not.toBe(hanks);
  expect(robot.split(' | ').slice(0, 3)).not.toEqual(['The Shawshank Redemption', 'Forrest Gump', 'Pulp Fiction']);
});

test('"movies like Toy Story": the heading names it, Toy Story is not among the results, and people link to more', async ({ page }) => {
  test.setTimeout(180_000);
  await record(page);
  await page.goto('./#/search?q=' + encodeURIComponent('movies like Toy Story'));
  await expect(page.getByRole('heading', { name: 'Because you asked for movies like Toy Story' })).toBeVisible({ timeout: 60_000 });
  await settled(page, 'movies like Toy Story', 150_000);
  const titles = await results(page).getByRole('article').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(titles).not.toContain('Toy Story');
  await expect(results(page).locator('.reason').first()).toContainText('Like Toy Story');

  await page.goto('./#/movie/1');
  await expect(page.getByRole('heading', { name: 'Cast and director' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Tom Hanks' }).click();
  await settled(page, 'with Tom Hanks');
  await expect(page.getByRole('button', { name: 'Remove person Tom Hanks' })).toBeVisible();
  await expect(results(page).locator('.reason').first()).toContainText('With Tom Hanks');
});

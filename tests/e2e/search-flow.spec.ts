import { expect, test, type Page } from '@playwright/test';

/**
 * Records every distinct state of the search results the page renders (heading, stale marker,
 * the query the list belongs to, titles in order), from the first frame on, with a MutationObserver.
 */
async function record(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Snap = { heading: string; stale: string; query: string; titles: string };
    const w = window as unknown as { __snaps: Snap[] };
    w.__snaps = [];
    const snap = (): Snap | null => {
      const list = document.querySelector('ol[aria-label="Recommendations"]');
      const heading = document.getElementById('recs-h')?.textContent ?? '';
      if (!list) return heading ? { heading, stale: 'none', query: '', titles: '' } : null;
      const titles = Array.from(list.querySelectorAll('article')).map((a) => a.getAttribute('aria-label') ?? '').join(' | ');
      return { heading, stale: list.getAttribute('data-stale') ?? '', query: list.getAttribute('data-query') ?? '', titles };
    };
    const push = () => {
      const s = snap();
      if (!s) return;
      const last = w.__snaps[w.__snaps.length - 1];
      if (!last || last.heading !== s.heading || last.stale !== s.stale || last.titles !== s.titles || last.query !== s.query) w.__snaps.push(s);
    };
    new MutationObserver(push).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const snaps = (page: Page) => page.evaluate(() => (window as unknown as { __snaps: { heading: string; stale: string; query: string; titles: string }[] }).__snaps);
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

test('no flash of wrong results: stale lists are marked, no generic list, no reordering once shown', async ({ page }) => {
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
  const under = (h: string) => all.filter((s) => s.heading === `Recommended for “${h}”` && s.stale !== 'none');
  for (const [q, final, before] of [
    ['a Nolan film', nolan, hanks],
    ['a lonely robot left alone to clean up the earth', robot, nolan],
  ] as const) {
    const seq = under(q);
    expect(seq.length, `${q}: rendered states`).toBeGreaterThan(0);
    for (const s of seq) {
      // Under the new heading: either the previous list, visibly stale, or the final list.
      if (s.stale === 'true') expect(s.titles, `${q}: a stale list is the previous results`).toBe(before);
      else expect(s.titles, `${q}: the only fresh list is the final one (no generic or intermediate list)`).toBe(final);
    }
    // Once the final list is shown, it never changes order.
    const first = seq.findIndex((s) => s.stale === 'false');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(seq.slice(first).every((s) => s.titles === final && s.stale === 'false')).toBe(true);
  }
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

/**
 * Phone layout (390 × 844): cumulative layout shift, measured with the Layout Instability API
 * from the first paint until the page's content is complete, stays under 0.1 ("good" in Web
 * Vitals) on home and search; cards' touch targets are at least 44 px; titles break between words.
 */
import { expect, test, type Page } from '@playwright/test';
import { signUp } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

declare global {
  interface Window {
    __cls: number;
    __shifts: { value: number; sources: string[] }[];
  }
}

/** Sums layout-shift entries not caused by input, from the very start of the page. */
async function watchLayoutShift(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__cls = 0;
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] })[]) {
        if (e.hadRecentInput) continue;
        window.__cls += e.value;
        window.__shifts.push({ value: e.value, sources: (e.sources ?? []).map((s) => (s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : String(s.node?.nodeName))) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const cls = (page: Page) => page.evaluate(() => ({ total: window.__cls, shifts: window.__shifts }));

test('home: the personal rows arrive in place (CLS < 0.1), targets ≥ 44 px, titles wrap between words', async ({ page }) => {
  await watchLayoutShift(page);
  await page.goto('./');
  await expect(page.getByRole('region', { name: 'Popular on RecoStream' }).getByRole('article').first()).toBeVisible();
  // Placeholders first, then the real Top picks (a fresh browser trains the CF model first).
  await expect(page.getByRole('region', { name: 'Top picks for you' }).getByRole('article').first()).toBeVisible({ timeout: 90_000 });
  const { total, shifts } = await cls(page);
  test.info().annotations.push({ type: 'CLS home', description: total.toFixed(4) });
  expect(total, JSON.stringify(shifts)).toBeLessThan(0.1);

  const like = page.getByRole('region', { name: 'Top picks for you' }).getByRole('button', { name: /^Like / }).first();
  const box = (await like.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(box.height).toBeGreaterThanOrEqual(44);

  // No word of a poster title is split across lines when it fits on a line of its own.
  const broken = await page.locator('.ptitle').evaluateAll((els) =>
    els.flatMap((el) => {
      const range = document.createRange();
      const text = el.firstChild;
      if (!text || !text.textContent) return [];
      const words: string[] = [];
      let offset = 0;
      for (const word of text.textContent.split(' ')) {
        range.setStart(text, offset);
        range.setEnd(text, offset + word.length);
        offset += word.length + 1;
        // A word drawn on two lines has two client rects; only a word wider than the card may break.
        const rects = Array.from(range.getClientRects());
        const width = rects.reduce((w, r) => w + r.width, 0);
        if (rects.length > 1 && width < el.clientWidth) words.push(`${word} (${Math.round(width)} of ${el.clientWidth} px)`);
      }
      return words;
    }),
  );
  expect(broken).toEqual([]);
});

test('search: ranking and refining the results moves nothing already shown (CLS < 0.1)', async ({ page }) => {
  await watchLayoutShift(page);
  await page.goto('./#/search?q=a%20feel-good%20space%20adventure');
  const results = page.getByRole('list', { name: 'Recommendations' });
  await expect(results.getByRole('article').first()).toBeVisible({ timeout: 90_000 });
  // Wait for the language model's refinement too (or its clear absence).
  await expect(page.getByTestId('ranking-kind').or(page.getByText(/search by description is off|could not/))).toContainText(/Ranked by meaning|off|could not/, { timeout: 120_000 });
  const { total, shifts } = await cls(page);
  test.info().annotations.push({ type: 'CLS search', description: total.toFixed(4) });
  expect(total, JSON.stringify(shifts)).toBeLessThan(0.1);
});

test('home: each strip renders its off-screen cards when idle; a like inside a browsed Top picks strip leaves it where it was', async ({ page }) => {
  test.setTimeout(300_000);
  await signUp(page, { name: 'Strip', password: 'a strip of film by the sea' });
  await page.goto('./#/');
  await page.locator('[data-reco="ready"]').waitFor({ timeout: 120_000 });
  // A phone shows two or three cards of a row; the first paint renders those (and a few more), the
  // other cards of each row (20) follow once the browser is idle.
  const popular = page.getByRole('region', { name: 'Popular on RecoStream' });
  await expect(popular.getByRole('listitem')).toHaveCount(20);
  const picks = page.getByRole('region', { name: 'Top picks for you' });
  await expect(picks.getByRole('listitem')).toHaveCount(20);
  // Browse the Top picks strip, then like the card that is in view: Top picks change (the liked
  // movie leaves), and the strip keeps every card and its scroll position.
  const strip = picks.getByRole('list');
  await strip.evaluate((el) => el.scrollTo({ left: 700, behavior: 'instant' }));
  await expect.poll(() => strip.evaluate((el) => el.scrollLeft)).toBeGreaterThan(500);
  const before = await strip.evaluate((el) => el.scrollLeft);
  const card = picks.getByRole('listitem').nth(5);
  const title = (await card.getByRole('article').getAttribute('aria-label'))!;
  await card.getByRole('button', { name: `Like ${title}`, exact: true }).click();
  await expect(page.getByRole('region', { name: `Because you liked ${title}` })).toBeVisible({ timeout: 60_000 });
  await expect(picks.getByRole('article', { name: title, exact: true })).toHaveCount(0);
  await expect(picks.getByRole('listitem')).toHaveCount(20);
  expect(Math.abs((await strip.evaluate((el) => el.scrollLeft)) - before)).toBeLessThanOrEqual(1);
});

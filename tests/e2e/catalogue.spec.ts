import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './helpers';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

test('home renders rows from the real catalogue', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'What do you feel like watching?' })).toBeVisible();
  const popular = page.getByRole('region', { name: 'Popular on RecoStream' });
  await expect(popular.getByRole('article')).toHaveCount(20);
  // Forrest Gump is the most-rated movie of MovieLens latest-small (329 ratings).
  await expect(popular.getByRole('article').first()).toHaveAttribute('aria-label', 'Forrest Gump');
  await expect(page.getByRole('region', { name: 'Top rated' }).getByRole('article')).toHaveCount(20);
  await expect(page.getByRole('region', { name: 'Top Sci-Fi' })).toBeVisible();
});

test('search finds Toy Story and opens its page with the plot and attribution', async ({ page }) => {
  await page.goto('./');
  // Instant search from the header: results appear while typing.
  await page.getByRole('banner').getByRole('searchbox').pressSequentially('toy story');
  await expect(page.getByRole('banner').getByRole('searchbox')).toBeFocused();
  const first = page.getByRole('region', { name: /Titles matching/ }).getByRole('article').first();
  await expect(first).toHaveAttribute('aria-label', 'Toy Story');
  await first.getByRole('link', { name: 'Toy Story' }).last().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Toy Story');
  await expect(page.getByText(/Toy Story is a 1995 American computer-animated/)).toBeVisible();
  const wiki = page.getByRole('link', { name: 'read the article' });
  await expect(wiki).toHaveAttribute('href', /^https:\/\/en\.wikipedia\.org\/wiki\/Toy_Story/);
  await expect(page.getByText('From Wikipedia, CC BY-SA')).toBeVisible();
});

test('bad addresses and empty searches get a clear message', async ({ page }) => {
  await page.goto('./#/movie/99999999');
  await expect(page.getByRole('heading', { name: 'Movie not found' })).toBeVisible();
  await page.goto('./#/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.goto('./#/search?q=' + encodeURIComponent('zzqqxx'));
  await expect(page.getByText('No title matches “zzqqxx”.')).toBeVisible();
});

test('the About page credits MovieLens and Wikipedia', async ({ page }) => {
  await page.goto('./#/about');
  await expect(page.getByRole('heading', { name: 'About RecoStream' })).toBeVisible();
  await expect(page.getByText(/GroupLens Research/).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'CC BY-SA 4.0' })).toBeVisible();
});

/** Each page, and the state in which it is fully rendered (checked before the audit, instead of a fixed pause). */
const PAGES: [path: string, ready: (page: Page) => Promise<void>][] = [
  ['./', (page) => expect(page.getByRole('region', { name: 'Popular on RecoStream' }).getByRole('article')).toHaveCount(20)],
  ['./#/movie/1', (page) => expect(page.getByText(/Toy Story is a 1995 American computer-animated/)).toBeVisible()],
  ['./#/search?q=toy', (page) => expect(page.getByRole('region', { name: /Titles matching/ }).getByRole('article').first()).toBeVisible()],
  ['./#/about', (page) => expect(page.getByRole('heading', { name: 'About RecoStream' })).toBeVisible()],
  ['./#/settings', (page) => expect(page.getByRole('heading', { name: 'Storage on this device' })).toBeVisible()],
];

// One test per page and scheme: an axe audit of a full page takes over a minute on a loaded machine.
for (const scheme of ['dark', 'light'] as const) {
  for (const [path, ready] of PAGES) {
    test(`no serious accessibility violations: ${path} (${scheme})`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeAttached();
      await ready(page);
      // No transition or animation half-way (colours mid-fade would be audited otherwise).
      await expect.poll(() => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length)).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

test('phone-sized screens get no horizontal page scroll', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('./#/movie/1');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Toy Story');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('makes no request to any other origin', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
  });
  await page.goto('./');
  await expect(page.getByRole('region', { name: 'Popular on RecoStream' })).toBeVisible();
  await page.goto('./#/movie/1');
  await expect(page.getByText('From Wikipedia, CC BY-SA')).toBeVisible();
  expect(foreign).toEqual([]);
});

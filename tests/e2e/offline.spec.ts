import { expect, test } from './helpers';

test('works offline after the first visit, including reloads and deep links', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByRole('region', { name: 'Popular on RecoStream' })).toBeVisible();
  // Wait until the service worker has installed (precached everything) and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Popular on RecoStream' }).getByRole('article')).toHaveCount(20);
  await page.goto('./#/movie/1');
  await expect(page.getByText(/Toy Story is a 1995 American computer-animated/)).toBeVisible();
  await page.getByRole('banner').getByRole('searchbox').fill('matrix');
  await page.getByRole('banner').getByRole('searchbox').press('Enter');
  await expect(page.getByRole('region', { name: /Titles matching/ }).getByRole('article').first()).toHaveAttribute('aria-label', 'The Matrix');
  await context.setOffline(false);
});

test('the web app manifest is installable', async ({ request }) => {
  const res = await request.get('./manifest.webmanifest');
  expect(res.ok()).toBe(true);
  const m = await res.json();
  expect(m).toMatchObject({ name: expect.stringContaining('RecoStream'), short_name: 'RecoStream', display: 'standalone', start_url: './' });
  const sizes = m.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes}:${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']));
  for (const icon of m.icons) expect((await request.get(icon.src)).headers()['content-type']).toBe('image/png');
});

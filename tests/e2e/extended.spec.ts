/**
 * The extended catalogue in the browser without building one (CI must not embed 28,000 texts): the
 * test serves the default build's data with three content-only films appended, exactly as
 * `npm run data -- --catalogue extended` lays them out — `catalogue-extended.json` listed in the
 * manifest, every aligned file (details, people, content, moods, vectors) one row longer per film —
 * using the app's own codecs. The service worker is blocked so every data request reaches the route.
 */
import { readFileSync } from 'node:fs';
import type { Route } from '@playwright/test';
import { encodeCatalogueIndex } from '../../src/core/catalogue/codec';
import { extendedId } from '../../src/core/catalogue/extended';
import type { DataManifest, MovieIndexEntry } from '../../src/core/catalogue/types';
import { decodeMoods, encodeMoods } from '../../src/core/mood/codec';
import { decodeVectorsFile, encodeVectorsFile } from '../../src/core/semantic/vectors-file';
import { expect, signUp, test, unlock, type Page } from './helpers';

const NELL = { name: 'Nell', password: 'walking the long road west' };

test.use({ serviceWorkers: 'block' });

const FILMS: (MovieIndexEntry & { extract: string; href: string; cast: string[] })[] = [
  {
    id: extendedId('Nomadland'),
    title: 'Nomadland',
    year: 2020,
    genres: ['Drama'],
    n: 0,
    mean: 0,
    href: 'Nomadland',
    cast: ['Frances McDormand'],
    extract: 'Nomadland is a 2020 American drama film written and directed by Chloé Zhao, about a woman who leaves her small town to travel around the American West.',
  },
  {
    id: extendedId('Tenet_(film)'),
    title: 'Tenet',
    year: 2020,
    genres: ['Action', 'Sci-Fi', 'Thriller'],
    n: 0,
    mean: 0,
    href: 'Tenet_(film)',
    cast: ['John David Washington'],
    extract: 'Tenet is a 2020 science fiction action thriller film written and directed by Christopher Nolan.',
  },
  {
    id: extendedId('Soul_(2020_film)'),
    title: 'Soul',
    year: 2020,
    genres: ['Animation', 'Children', 'Comedy'],
    n: 0,
    mean: 0,
    href: 'Soul_(2020_film)',
    cast: ['Jamie Foxx'],
    extract: 'Soul is a 2020 American computer-animated fantasy comedy-drama film.',
  },
  // Enough other 2020 films for a 2020 year range to hold (below 10 matching films it is relaxed).
  ...Array.from({ length: 9 }, (_, k) => ({
    id: extendedId(`Quiet_Drama_${k}`),
    title: `Quiet Drama ${k}`,
    year: 2020,
    genres: ['Drama' as const],
    n: 0,
    mean: 0,
    href: `Quiet_Drama_${k}`,
    cast: [],
    extract: `Quiet Drama ${k} is a 2020 American drama film.`,
  })),
];

/** Serves data/* from the build with the films appended (same layout as an extended build). */
async function serveExtended(page: Page): Promise<void> {
  const body = async (route: Route) => Buffer.from(await (await route.fetch()).body());
  await page.route(/\/data\/([^/?]+)(\?.*)?$/, async (route) => {
    const name = /\/data\/([^/?]+)/.exec(route.request().url())![1]!;
    const json = async () => JSON.parse((await body(route)).toString('utf8'));
    const reply = (b: string | Uint8Array, type = 'application/octet-stream') => route.fulfill({ status: 200, contentType: type, body: Buffer.from(b) });
    switch (name) {
      case 'manifest.json': {
        const m = (await json()) as DataManifest;
        m.counts.movies += FILMS.length;
        m.counts.extended = FILMS.length;
        m.files['catalogue-extended.json'] = { sha256: 'test', bytes: 1 };
        return reply(JSON.stringify(m), 'application/json');
      }
      case 'catalogue-extended.json':
        return reply(JSON.stringify(encodeCatalogueIndex(FILMS, 1)), 'application/json');
      case 'details.json': {
        const d = await json();
        for (const f of FILMS) {
          d.extract.push(f.extract);
          d.wiki.push(f.href);
          d.tags.push([]);
        }
        return reply(JSON.stringify(d), 'application/json');
      }
      case 'people.json': {
        const p = await json();
        for (const f of FILMS) {
          p.cast.push(f.cast.map((c) => p.names.push(c) - 1));
          p.directors.push([]);
        }
        return reply(JSON.stringify(p), 'application/json');
      }
      case 'content.json': {
        const c = await json();
        for (let t = 0; t < FILMS.length; t++) c.levels.push('0'.repeat(c.dims.length)); // no content notes
        return reply(JSON.stringify(c), 'application/json');
      }
      case 'moods.bin': {
        const m = decodeMoods(await body(route));
        const k = m.moods.length;
        const scores = new Float32Array((m.nMovies + FILMS.length) * k);
        scores.set(m.scores);
        return reply(encodeMoods({ ...m, nMovies: m.nMovies + FILMS.length, scores }));
      }
      default:
        if (name.startsWith('vectors-')) {
          const v = decodeVectorsFile(await body(route));
          const data = new Int8Array((v.count + FILMS.length) * v.dim);
          data.set(v.data);
          const scales = new Float32Array(v.count + FILMS.length);
          scales.set(v.scales);
          // Each film borrows the vector of movie 0 (any unit vector will do for the layout).
          for (let t = 0; t < FILMS.length; t++) {
            data.set(v.data.subarray(0, v.dim), (v.count + t) * v.dim);
            scales[v.count + t] = v.scales[0]!;
          }
          return reply(encodeVectorsFile({ ...v, count: v.count + FILMS.length, data, scales }));
        }
        return route.fallback();
    }
  });
}

test('content-only films: found by title and year, marked "no community ratings yet", kept out of Top rated, liked across reload and export/import', async ({ page }) => {
  // Two password hashes, the people index and a ranking: an upper bound for a loaded machine, not a wait.
  test.setTimeout(300_000);
  await serveExtended(page);
  await signUp(page, NELL);
  // A hash navigation: a full load would lock the profile (its key lives in page memory only).
  await page.goto('./#/');
  // Rating-based rows never show them.
  const topRated = page.getByRole('region', { name: 'Top rated' });
  await expect(topRated.getByRole('article')).toHaveCount(20);
  await expect(topRated.locator('[data-content-only]')).toHaveCount(0);

  // Title search (typo-tolerant) reaches a film MovieLens does not have; its card says it has no ratings.
  await page.getByRole('banner').getByRole('searchbox').pressSequentially('nomadlan');
  const hit = page.getByRole('region', { name: /Titles matching/ }).getByRole('article').first();
  await expect(hit).toHaveAttribute('aria-label', 'Nomadland');
  await expect(hit).toHaveAttribute('data-content-only', 'true');
  await expect(hit.getByText('No community ratings yet')).toBeVisible();

  // Its page: the same mark, the Wikipedia plot, and "More like this" by content.
  await page.goto(`./#/movie/${FILMS[0]!.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Nomadland');
  await expect(page.getByLabel('Community rating')).toContainText('No community ratings yet');
  await expect(page.getByText(/written and directed by Chloé Zhao/)).toBeVisible();
  // The people index loads after first paint and the extended entries (slow on a loaded machine).
  await expect(page.getByText('Frances McDormand')).toBeVisible({ timeout: 90_000 });

  // A search by year finds the 2020 films (MovieLens stops in 2018).
  await page.goto('./#/search?q=' + encodeURIComponent('sci-fi from 2020'));
  const results = page.getByRole('region', { name: 'Recommended for “sci-fi from 2020”' }).getByRole('article');
  await expect(results.first()).toHaveAttribute('aria-label', 'Tenet', { timeout: 60_000 });
  await expect(results.first()).toHaveAttribute('data-content-only', 'true');

  // A like on one is stored: it survives a reload and travels through export and import.
  await page.goto(`./#/movie/${FILMS[1]!.id}`);
  await page.getByRole('button', { name: 'Like Tenet', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Remove like from Tenet', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // Stored (no longer busy) before the reload: a write still in flight would be lost with the page.
  await expect(page.getByRole('button', { name: 'Remove like from Tenet', exact: true })).not.toHaveAttribute('aria-busy', 'true');
  await page.reload();
  await unlock(page, NELL);
  await expect(page.getByRole('button', { name: 'Remove like from Tenet', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('./#/account');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export my data' }).click()]);
  const file = readFileSync(await download.path());
  const exported = JSON.parse(file.toString('utf8')) as { feedback: { movieId: number; kind: string }[] };
  expect(exported.feedback).toContainEqual(expect.objectContaining({ movieId: FILMS[1]!.id, kind: 'like' }));

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await signUp(page, { name: 'Otto', password: 'a second pair of eyes today' });
  await page.goto('./#/account');
  await page.getByLabel('Import from a file').setInputFiles({ name: 'nell.json', mimeType: 'application/json', buffer: file });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/^Imported \d+ ratings and clicks/)).toBeVisible();
  await page.goto(`./#/movie/${FILMS[1]!.id}`);
  await expect(page.getByRole('button', { name: 'Remove like from Tenet', exact: true })).toHaveAttribute('aria-pressed', 'true');
});

/**
 * Browser half of `npm run bench:semantic -- --browser`: builds a one-page harness around the real
 * MlClient with Vite (public/ of the project, so public/data/ must hold the vectors), serves it with
 * `vite preview` on 127.0.0.1, and measures in headless Chromium: init (model + vectors fetched
 * from the local server, wasm compiled) and warm search round trips (embed + score + top-k +
 * comlink). CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { ROOT } from '../paths';

interface BenchResult {
  error?: string;
  initMs?: number;
  info?: { encoderId: string; count: number };
  median?: number;
  p95?: number;
  firstMs?: number;
  /** Final search ranking in the reco worker (warm): compute inside the worker, and the round trip. */
  rank?: { median: number; p95: number; tripMedian: number; tripP95: number; n: number; parseMedian: number; parseP95: number };
}

const PAGE = (client: string) => `
import { mlClient } from ${JSON.stringify(client)};
import * as Comlink from ${JSON.stringify(join(ROOT, 'node_modules', 'comlink', 'dist', 'esm', 'comlink.mjs'))};
import RecoWorker from ${JSON.stringify(join(ROOT, 'workers', 'reco.worker.ts') + '?worker')};
import { createCatalogue } from ${JSON.stringify(join(ROOT, 'src', 'core', 'catalogue', 'catalogue.ts'))};
import { PeopleIndex } from ${JSON.stringify(join(ROOT, 'src', 'core', 'people', 'people.ts'))};
import { parseQuery } from ${JSON.stringify(join(ROOT, 'src', 'core', 'query', 'parse.ts'))};
import { encoderText, needsEncoder } from ${JSON.stringify(join(ROOT, 'src', 'core', 'query', 'plan.ts'))};
import { priorWeights } from ${JSON.stringify(join(ROOT, 'src', 'core', 'hybrid', 'weights.ts'))};
import { loadCatalogueIndex, loadPeople, setDataBaseUrl } from ${JSON.stringify(join(ROOT, 'src', 'services', 'data.ts'))};
const rankQueries = ['I want a feel-good sci-fi movie', 'something scary but not gory from the 80s', 'Tom Hanks movies', 'movies like Toy Story', 'a heist movie with a twist', 'classic film noir from the 1940s', 'dark psychological thriller with a twist ending', 'a family movie for kids'];
async function benchRank(out, c) {
  const dataUrl = new URL('data/', document.baseURI).href;
  setDataBaseUrl(dataUrl);
  const cat = createCatalogue(await loadCatalogueIndex());
  const file = await loadPeople(cat.movies.length);
  const people = file ? new PeopleIndex(file, cat) : undefined;
  const reco = Comlink.wrap(new RecoWorker());
  await reco.setDataBase(dataUrl);
  await reco.start(null, []);
  const prepared = [];
  const parseTimes = [];
  for (const q of rankQueries) {
    for (let r = 0; r < 20; r++) {
      const t = performance.now();
      parseQuery(q, { latestYear: cat.latestYear, context: { catalogue: cat, people } });
      parseTimes.push(performance.now() - t);
    }
    const intent = parseQuery(q, { latestYear: cat.latestYear, context: { catalogue: cat, people } });
    const text = encoderText(intent);
    prepared.push({ intent, scores: needsEncoder(intent) && text ? await c.scores(text) : null });
  }
  for (const p of prepared) await reco.searchPage(p.intent, p.scores, priorWeights(), 20);
  const ms = [];
  const trip = [];
  for (let i = 0; i < 80; i++) {
    const p = prepared[i % prepared.length];
    const t = performance.now();
    const a = await reco.searchPage(p.intent, p.scores, priorWeights(), 20);
    trip.push(performance.now() - t);
    ms.push(a.ms);
  }
  const q = (xs, f) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(f * xs.length))];
  out.rank = { median: q(ms, 0.5), p95: q(ms, 0.95), tripMedian: q(trip, 0.5), tripP95: q(trip, 0.95), n: ms.length, parseMedian: q(parseTimes, 0.5), parseP95: q(parseTimes, 0.95) };
}
const queries = ['a spaceship travels to a distant galaxy', 'funny movie about a wedding', 'dark psychological thriller with a twist ending', 'animated film for kids with talking animals', 'war drama'];
const out = {};
window.__bench = out;
(async () => {
  try {
    const c = mlClient();
    let t = performance.now();
    out.info = await c.init();
    out.initMs = performance.now() - t;
    t = performance.now();
    await c.search(queries[0], 50);
    out.firstMs = performance.now() - t;
    for (let i = 0; i < 10; i++) await c.search(queries[i % queries.length], 50);
    const lat = [];
    for (let i = 0; i < 100; i++) {
      t = performance.now();
      await c.search(queries[i % queries.length], 50);
      lat.push(performance.now() - t);
    }
    lat.sort((a, b) => a - b);
    out.median = lat[50];
    out.p95 = lat[95];
    await benchRank(out, c);
  } catch (e) {
    out.error = (e && (e.code ? e.code + ': ' : '') + e.message) || String(e);
  }
  out.done = true;
})();
`;

/** Runs the browser bench and prints rows with `row(name, value)`. */
export async function benchBrowser(row: (name: string, value: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-semantic-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="./main.js"></script>');
  writeFileSync(join(dir, 'main.js'), PAGE(join(ROOT, 'src', 'services', 'ml-client.ts')));
  const config = { root: dir, configFile: false as const, logLevel: 'warn' as const, publicDir: join(ROOT, 'public'), worker: { format: 'es' as const } };
  const server = await (async () => {
    await build({ ...config, build: { outDir: join(dir, 'dist'), emptyOutDir: true } });
    return preview({ ...config, build: { outDir: join(dir, 'dist') }, preview: { host: '127.0.0.1', port: 0 } });
  })();
  const url = server.resolvedUrls?.local[0];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  try {
    if (!url) throw new Error('vite preview did not report a URL');
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(url)) external.push(r.url());
    });
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __bench?: { done?: boolean } }).__bench?.done === true, null, { timeout: 300_000 });
    const r = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as BenchResult;
    if (r.error) throw new Error(`browser bench failed: ${r.error}`);
    row('browser: init (model + vectors)', `${r.initMs!.toFixed(0)} ms (${r.info!.encoderId}, ${r.info!.count} vectors)`);
    row('browser: first search', `${r.firstMs!.toFixed(1)} ms`);
    row('browser: search round trip (warm)', `median ${r.median!.toFixed(1)} ms, p95 ${r.p95!.toFixed(1)} ms (embed + score + top-50 + comlink)`);
    if (r.rank) {
      row('browser: query understanding (parseQuery, 8 queries × 20)', `median ${r.rank.parseMedian.toFixed(2)} ms, p95 ${r.rank.parseP95.toFixed(2)} ms (main thread)`);
      row('browser: final search ranking in the reco worker (warm)', `compute median ${r.rank.median.toFixed(1)} ms, p95 ${r.rank.p95.toFixed(1)} ms; round trip median ${r.rank.tripMedian.toFixed(1)} ms (${r.rank.n} runs, 8 queries)`);
    }
    row('browser: requests off this server', external.length ? external.join(', ') : 'none');
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
}

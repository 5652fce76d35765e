/**
 * `npm run bench:ui [-- --runs 5 --port 4181 --only cold,search,personal --dist dist]`: what a person waits for, measured
 * on the production build (`npm run build` first) in headless Chromium at phone size (390×844,
 * touch). A benchmark, not a test: it prints figures, it asserts nothing.
 *
 * Every time is taken to the painted frame: a MutationObserver sees the DOM change, then a
 * requestAnimationFrame callback (before that frame's paint) posts a message, which runs after the
 * frame has been produced; that moment is recorded with performance.now(). Page-load moments count
 * from navigation start; interaction moments from the input event (keydown / pointerdown) handled in
 * the page.
 *
 * Moments (median and range over --runs):
 *   cold      first visit (new browser context, no service worker, empty storage) → first card painted;
 *             → "Top picks for you" painted; cumulative layout shift (no recent input) until the page
 *             settles; longest main-thread task before Top picks
 *             repeat visits in new tabs (service worker installed) → first card: while the first tab still
 *             downloads the language model in the background, after that download settled, and offline
 *   search    warm search (model loaded): Enter in the home page's box → first list of the new query
 *             (its own list: the previous one, still shown stale meanwhile, does not count), → final
 *             list ("Ranked by meaning"); typing in the header box → the typed text's list, from the
 *             last key (the build's typing pause included, and printed); for each, the stages from
 *             the search state's User Timing measures: encoder and ranking round trips with the
 *             workers' own compute time, request → list in state ("ready"), state → painted ("render")
 *   like      signed-in profile, recommender ready (first-visit training done): like on a Home card →
 *             button shown pressed; → personal rows repainted
 *   personal  a profile with three likes, reloaded (locked): Unlock pressed → its personal Top picks painted
 *   first     first descriptive search ever (fresh context) → final list, and MB downloaded after Enter:
 *             background download off / default but searching at once / after the background download
 *
 * The machine's load average is printed with the figures: on a busy machine every figure grows.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './paths';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    port: { type: 'string', default: '4181' },
    only: { type: 'string' },
    /** Another build directory to serve (e.g. a copy of the build before a change, to compare back to back). */
    dist: { type: 'string', default: 'dist' },
  },
});
const RUNS = Math.max(1, Number(args.runs));
const PORT = Number(args.port);
const BASE = `http://localhost:${PORT}/`;
const DIST = resolve(ROOT, args.dist);
const only = args.only ? new Set(args.only.split(',')) : null;
const want = (group: string) => !only || only.has(group);

/** Selectors in one place: the bench follows what a user sees. */
const SEL = {
  card: 'article.card',
  topPicksHeading: 'h2:text-is("Top picks for you")',
  results: 'ol[aria-label="Recommendations"]',
  rankingKind: '[data-testid="ranking-kind"]',
};

/**
 * Installed before any page script: paint-time recorder, layout shifts, long tasks. Plain
 * JavaScript in a string, so the TypeScript loader's helpers never reach the page.
 */
const INIT = `(() => {
  const afterPaint = (cb) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => cb(performance.now());
    ch.port2.postMessage(null);
  });
  const b = { marks: {}, watches: [], cls: 0, longTasks: [], since: 0 };
  const check = () => {
    if (!b.watches.length) return;
    const hit = b.watches.filter((x) => { try { return x.test(); } catch { return false; } });
    if (!hit.length) return;
    b.watches = b.watches.filter((x) => !hit.includes(x));
    afterPaint((t) => { for (const x of hit) b.marks[x.name] = t; });
  };
  b.watch = (name, test) => { delete b.marks[name]; b.watches.push({ name, test }); check(); };
  window.__bench = b;
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) b.cls += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  for (const type of ['keydown', 'pointerdown']) addEventListener(type, () => (b.since = performance.now()), { capture: true });
})();`;

function startServer(): Promise<ChildProcess> {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error(`bench:ui: no production build in ${DIST} — run \`npm run build\` first.`);
    process.exit(1);
  }
  // Vite itself, not through npx: killing an npx wrapper leaves its vite child serving the port.
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const server = spawn(process.execPath, [vite, 'preview', '--port', String(PORT), '--strictPort', '--outDir', DIST], { cwd: ROOT, stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const poll = async () => {
      try {
        if ((await fetch(BASE)).ok) return resolve(server);
      } catch {
        /* not up yet */
      }
      if (Date.now() - t0 > 60_000) return reject(new Error('vite preview did not start within 60 s'));
      setTimeout(poll, 200);
    };
    void poll();
  });
}

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true } as const;

/** A fresh context (empty storage) with the recorder, and watches armed on every page load. */
async function newContext(browser: Browser, onLoad: Record<string, string> = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ ...PHONE, baseURL: BASE });
  const arm = Object.entries(onLoad)
    .map(([name, body]) => `window.__bench.watch(${JSON.stringify(name)}, new Function(${JSON.stringify(body)}));`)
    .join('\n');
  await ctx.addInitScript({ content: `${INIT}\n${arm}` });
  return ctx;
}

/** Waits (up to `ms`) for a named mark and returns its time, or NaN. */
async function mark(page: Page, name: string, ms = 60_000): Promise<number> {
  try {
    const h = await page.waitForFunction((n) => (window as unknown as { __bench: { marks: Record<string, number> } }).__bench.marks[n], name, {
      timeout: ms,
      polling: 50,
    });
    return Number(await h.jsonValue());
  } catch {
    return Number.NaN;
  }
}

/** Registers in-page watches by name; each test is a function body evaluated in the page. */
async function watch(page: Page, watches: Record<string, string>): Promise<void> {
  await page.evaluate((ws) => {
    const b = (window as unknown as { __bench: { watch: (n: string, t: () => boolean) => void } }).__bench;
    for (const [name, body] of Object.entries(ws)) b.watch(name, new Function(body) as () => boolean);
  }, watches);
}

const since = (page: Page) => page.evaluate(() => (window as unknown as { __bench: { since: number } }).__bench.since);

type Series = Map<string, number[]>;
const record = (s: Series, name: string, v: number) => {
  if (!s.has(name)) s.set(name, []);
  s.get(name)!.push(v);
};

const firstCardTest = `return !!document.querySelector(${JSON.stringify(SEL.card)})`;
const topPicksTest = `const h=[...document.querySelectorAll('h2')].find(e=>e.textContent.trim()==='Top picks for you');return !!h && !!h.closest('section')?.querySelector(${JSON.stringify(SEL.card)})`;

/** Records every finished request's end time (epoch ms) and bytes (headers + body), the workers' included. */
function countBytes(ctx: BrowserContext): () => Promise<{ end: number; bytes: number }[]> {
  const seen: Promise<{ end: number; bytes: number }>[] = [];
  ctx.on('requestfinished', (r) => {
    const t = r.timing();
    seen.push(
      r.sizes().then(
        (z) => ({ end: t.startTime + t.responseEnd, bytes: z.responseBodySize + z.responseHeadersSize }),
        () => ({ end: 0, bytes: 0 }),
      ),
    );
  });
  return () => Promise.all(seen);
}

/**
 * Waits (up to `ms`) for a named page-load mark without Playwright's injected helper script: the
 * first `waitForFunction` on a page evaluates that script (~40–60 ms on this machine) on the page's
 * main thread, which, during a load, delays the message that records the painted frame.
 */
async function loadMark(page: Page, name: string, ms = 60_000): Promise<number> {
  // A string, so the TypeScript loader's helpers never reach the page (see INIT).
  const wait = `new Promise((resolve) => {
    const t0 = performance.now();
    const poll = () => {
      const v = window.__bench.marks[${JSON.stringify(name)}];
      if (v) resolve(v);
      else if (performance.now() - t0 > ${ms}) resolve(null);
      else setTimeout(poll, 50);
    };
    poll();
  })`;
  return page.evaluate(wait).then(
    (v) => (typeof v === 'number' ? v : Number.NaN),
    () => Number.NaN,
  );
}

/** The status bar the page shows while it downloads the language model in the background. */
const backgroundBar = (page: Page) => page.getByRole('status', { name: 'Background download' });

/**
 * A first visit, then repeat visits in new tabs of the same browser (service worker installed):
 * one while the first tab still downloads the language model in the background (its service worker,
 * disk and CPU are shared with the new tab), then, once that download has finished, one online and
 * one offline.
 */
async function cold(browser: Browser, s: Series): Promise<void> {
  const ctx = await newContext(browser, { firstCard: firstCardTest, topPicks: topPicksTest });
  const requests = countBytes(ctx);
  const page = await ctx.newPage();
  await page.goto('./');
  const first = await loadMark(page, 'firstCard');
  const picks = await loadMark(page, 'topPicks', 90_000);
  // Bytes downloaded (page and workers) before Top picks were painted: the page's clock counts from timeOrigin.
  const origin = await page.evaluate(() => performance.timeOrigin);
  const before = (await requests()).filter((r) => r.end > 0 && r.end <= origin + picks).reduce((sum, r) => sum + r.bytes, 0);
  // Let late inserts and footer shifts happen, then read the totals.
  await page.waitForTimeout(1500);
  const { cls, longest } = await page.evaluate((until) => {
    const b = (window as unknown as { __bench: { cls: number; longTasks: { start: number; duration: number }[] } }).__bench;
    const tasks = b.longTasks.filter((t) => t.start < until);
    return { cls: b.cls, longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0) };
  }, Number.isFinite(picks) ? picks : 1e12);
  record(s, 'cold → first card (ms)', first);
  record(s, 'cold → Top picks painted (ms)', picks);
  record(s, 'cold: layout shift (CLS)', cls);
  record(s, 'cold: longest main-thread task before Top picks (ms)', longest);
  record(s, 'cold: KB downloaded before Top picks painted', Number.isFinite(picks) ? before / 1000 : Number.NaN);
  // Repeat visits: the service worker installed during the first one.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const visit = async (label: string) => {
    const p = await ctx.newPage();
    await p.goto('./');
    record(s, label, await loadMark(p, 'firstCard'));
    await p.close();
  };
  // During: the first tab's background download has started (its bar shows) and not finished.
  const bar = backgroundBar(page);
  const downloading = await bar.waitFor({ state: 'visible', timeout: 60_000 }).then(
    () => true,
    () => false,
  );
  if (downloading) await visit('repeat visit, during the background download → first card (ms)');
  else record(s, 'repeat visit, during the background download → first card (ms)', Number.NaN);
  // Settled: the download is over and the first tab is idle.
  await bar.waitFor({ state: 'detached', timeout: 300_000 });
  await page.waitForTimeout(1000);
  await visit('repeat visit, after it settled → first card (ms)');
  await ctx.setOffline(true);
  await visit('offline visit (after it settled) → first card (ms)');
  await ctx.close();
}

/** The results list of `q` itself: not the previous query's, which stays on screen marked stale until it is replaced. */
const listOf = (q: string) =>
  `const l=document.querySelector(${JSON.stringify(SEL.results)});` +
  `const ok=!!l && l.getAttribute('data-query')===${JSON.stringify(q)} && l.getAttribute('data-stale')==='false' && !!l.querySelector(${JSON.stringify(SEL.card)});`;
/** Waits until the search for `q` shows its final ("Ranked by meaning") list. */
const finalFor = (q: string) =>
  `${listOf(q)}const k=document.querySelector(${JSON.stringify(SEL.rankingKind)});return ok && !!k && k.textContent.startsWith('Ranked by meaning')`;
/** The first list painted for `q` (for a descriptive query, one that waits for the encoder, the final one). */
const firstFor = (q: string) => `${listOf(q)}return ok`;

const QUERIES = ['a feel-good sci-fi movie', 'a tense thriller with a twist', 'funny animated film for the family', 'a sad war drama', 'a romantic comedy in new york', 'space exploration and aliens', 'a heist movie'];

/** The search state's User Timing measures (src/state/search.svelte.ts SEARCH_MEASURES), cleared before each interaction. */
const clearMeasures = (page: Page) => page.evaluate(() => performance.clearMeasures());
type StageDetail = { query?: string; embedMs?: number; scoreMs?: number; workerMs?: number };
/** Per-stage durations of the search for `q`: page round trips, the workers' compute, state → painted frame. */
async function stages(page: Page, q: string, prefix: string, s: Series): Promise<void> {
  // The render measure is taken after the painted frame: wait for it (older builds have none).
  await page
    .waitForFunction((query) => performance.getEntriesByName('search: render').some((e) => ((e as PerformanceMeasure).detail as StageDetail | null)?.query === query), q, { timeout: 2000 })
    .catch(() => undefined);
  const ms = await page.evaluate((query) => {
    const out: Record<string, number> = {};
    for (const e of performance.getEntriesByType('measure') as PerformanceMeasure[]) {
      const d = (e.detail ?? {}) as StageDetail;
      if (!e.name.startsWith('search: ') || d.query !== query) continue;
      const name = e.name.slice('search: '.length);
      out[name] = e.duration;
      if (d.embedMs !== undefined) out['encoder: worker embeds the query'] = d.embedMs;
      if (d.scoreMs !== undefined) out['encoder: worker scores 9,742 movies'] = d.scoreMs;
      if (d.workerMs !== undefined) out['rank: worker ranks'] = d.workerMs;
    }
    return out;
  }, q);
  for (const [k, v] of Object.entries(ms)) record(s, `${prefix} stage ${k} (ms)`, v);
}

async function search(browser: Browser, s: Series): Promise<void> {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  // Warm up: model and vectors loaded, one query ranked.
  await page.goto(`./#/search?q=${encodeURIComponent('space adventure')}`);
  await watch(page, { warm: finalFor('space adventure') });
  if (!Number.isFinite(await mark(page, 'warm', 180_000))) throw new Error('the search page never showed a refined list');
  let pause = '';
  for (let i = 0; i < RUNS; i++) {
    // Enter in the Home page's search box (it searches on submit only).
    const q = QUERIES[i % QUERIES.length]!;
    await page.goto('./#/');
    await clearMeasures(page);
    const hero = page.locator('#q');
    await hero.fill(q);
    await watch(page, { first: firstFor(q), final: finalFor(q) });
    await hero.press('Enter');
    const start = await since(page);
    const first = await mark(page, 'first');
    const fin = await mark(page, 'final');
    record(s, 'warm search: Enter → first list of the query (ms)', first - start);
    record(s, 'warm search: Enter → final list (ms)', fin - start);
    await stages(page, q, '  Enter:', s);
    // Typing in the header box, which searches as you type: measured from the last key.
    const q2 = `${QUERIES[(i + 3) % QUERIES.length]!} ${i}`;
    const header = page.locator('#header-q');
    await header.fill('');
    await clearMeasures(page);
    pause ||= (await header.evaluate((el) => el.closest('form')?.getAttribute('data-pause-ms'))) ?? '';
    await watch(page, { typed: firstFor(q2) });
    await header.pressSequentially(q2, { delay: 60 });
    const lastKey = await since(page);
    const typed = await mark(page, 'typed');
    record(s, `typing → list of the typed text, from the last key (incl. the ${pause ? `${pause} ms` : "build's"} typing pause) (ms)`, typed - lastKey);
    await stages(page, q2, '  typing:', s);
  }
  await ctx.close();
}

async function like(browser: Browser, s: Series): Promise<void> {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto('./#/signup');
  await page.getByLabel('Profile name').fill(`bench${Date.now() % 100000}`);
  await page.getByLabel('Password', { exact: true }).fill('a long bench passphrase 42');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.waitForSelector('a[aria-label^="Account:"]', { timeout: 60_000 });
  await page.goto('./#/'); // a hash navigation: a full load would lock the profile (its key lives in memory only)
  await watch(page, { picks: topPicksTest });
  await mark(page, 'picks', 90_000);
  // A first visit's Top picks come before the community models are trained (~1.6 s of CPU); a like
  // meanwhile shows at once but its rows wait for the training. The moment measured is the like
  // itself, so it starts once the recommender is ready.
  await page.waitForSelector('[data-reco="ready"]', { timeout: 120_000 });
  const liked: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Like the i-th card of "Popular on RecoStream" that is not liked yet.
    const row = page.locator('section', { has: page.locator('h2:text-is("Popular on RecoStream")') });
    const button = row.getByRole('button', { name: /^Like / }).nth(i);
    const label = (await button.getAttribute('aria-label'))!.replace(/^Like /, '');
    liked.push(label);
    await watch(page, {
      pressed: `return [...document.querySelectorAll('button[aria-pressed="true"]')].some(b=>b.getAttribute('aria-label')===${JSON.stringify(`Remove like from ${label}`)})`,
      rows: `return [...document.querySelectorAll('h2')].some(h=>h.textContent.trim()===${JSON.stringify(`Because you liked ${label}`)})`,
    });
    await button.click();
    const start = await since(page);
    const pressed = await mark(page, 'pressed');
    const rows = await mark(page, 'rows');
    record(s, 'like → button shown pressed (ms)', pressed - start);
    record(s, 'like → "Because you liked" row painted (ms)', rows - start);
  }
  await ctx.close();
}

/**
 * A returning profile with feedback: three likes, then each run reloads the page (the profile is
 * locked: its key lives in one page's memory) and, 3 s later (typing the password), unlocks it;
 * measured from the Unlock press to its personal Top picks painted (two PBKDF2 derivations, the
 * feedback decrypted and folded in, the rows).
 */
async function personal(browser: Browser, s: Series): Promise<void> {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  const password = 'a long bench passphrase 42';
  await page.goto('./#/signup');
  await page.getByLabel('Profile name').fill(`bench${Date.now() % 100000}`);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.waitForSelector('a[aria-label^="Account:"]', { timeout: 90_000 });
  await page.goto('./#/');
  const popular = page.locator('section', { has: page.locator('h2:text-is("Popular on RecoStream")') });
  for (let i = 0; i < 3; i++) {
    const button = popular.getByRole('button', { name: /^Like / }).nth(i);
    const label = (await button.getAttribute('aria-label'))!.replace(/^Like /, '');
    await button.click();
    await page.locator(`h2:text-is(${JSON.stringify(`Because you liked ${label}`)})`).waitFor({ timeout: 120_000 });
  }
  const personalPicks = `const h=[...document.querySelectorAll('h2')].find(e=>e.textContent.trim()==='Top picks for you');const sec=h&&h.closest('section');return !!sec && sec.textContent.includes('From your likes') && !!sec.querySelector(${JSON.stringify(SEL.card)})`;
  for (let i = 0; i < RUNS; i++) {
    await page.reload();
    const form = page.getByTestId('unlock-form');
    await form.getByLabel('Password', { exact: true }).fill(password);
    // The time a person takes to type a password: the locked page has finished starting up.
    await page.waitForTimeout(3000);
    await watch(page, { personal: personalPicks });
    await form.getByRole('button', { name: 'Unlock' }).click();
    const start = await since(page);
    record(s, 'reload, Unlock → personal Top picks painted (ms)', (await mark(page, 'personal', 120_000)) - start);
  }
  await ctx.close();
}

/**
 * The first search by description in a fresh browser, three ways: with the background download
 * turned off in Settings (the model downloads on Enter), with the default setting but searching as
 * soon as the first card shows (before the background download starts), and with the default
 * setting after the background download has finished (the person looked around first).
 */
async function firstSearch(browser: Browser, s: Series): Promise<void> {
  const variants = [
    ['background download off', 'off'],
    ['default, searching at the first card', 'early'],
    ['after the background download', 'after'],
  ] as const;
  for (let i = 0; i < RUNS; i++) {
    for (const [label, how] of variants) {
      const ctx = await newContext(browser);
      if (how === 'off') await ctx.addInitScript({ content: `localStorage.setItem('recostream.modelPrefetch', 'off');` });
      let bytes = 0;
      ctx.on('requestfinished', (r) => {
        void r
          .sizes()
          .then((z) => (bytes += z.responseBodySize + z.responseHeadersSize))
          .catch(() => undefined);
      });
      const page = await ctx.newPage();
      await page.goto('./');
      await watch(page, { card: firstCardTest });
      await mark(page, 'card');
      if (how === 'after') {
        // The background download's bar appears, then goes when the model is ready.
        const bar = page.getByRole('status', { name: 'Background download' });
        await bar.waitFor({ state: 'visible', timeout: 120_000 });
        await bar.waitFor({ state: 'detached', timeout: 300_000 });
      }
      const q = 'a feel-good sci-fi movie';
      const box = page.locator('#q');
      await box.fill(q);
      await watch(page, { final: finalFor(q) });
      const before = bytes;
      await box.press('Enter');
      const start = await since(page);
      const fin = await mark(page, 'final', 180_000);
      record(s, `first search ever (${label}): Enter → final list (ms)`, fin - start);
      record(s, `first search ever (${label}): MB downloaded after Enter`, (bytes - before) / 1e6);
      await ctx.close();
    }
  }
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  return Math.abs(v) < 10 ? v.toFixed(3) : v.toFixed(0);
}

function report(s: Series): void {
  const rows = [...s].map(([name, vs]) => {
    const ok = vs.filter(Number.isFinite).sort((a, b) => a - b);
    const med = ok.length ? (ok.length % 2 ? ok[(ok.length - 1) / 2]! : (ok[ok.length / 2 - 1]! + ok[ok.length / 2]!) / 2) : Number.NaN;
    const missing = vs.length - ok.length;
    return [name, fmt(med), ok.length ? `${fmt(ok[0]!)}–${fmt(ok[ok.length - 1]!)}` : 'n/a', `${ok.length}${missing ? ` (+${missing} never)` : ''}`];
  });
  const w = [0, 1, 2, 3].map((c) => Math.max(...[['moment', 'median', 'range', 'runs'], ...rows].map((r) => r[c]!.length)));
  const line = (r: string[]) => `${r[0]!.padEnd(w[0]!)}  ${r[1]!.padStart(w[1]!)}  ${r[2]!.padStart(w[2]!)}  ${r[3]!.padStart(w[3]!)}`;
  console.log(line(['moment', 'median', 'range', 'runs']));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const before = loadavg();
  const server = await startServer();
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  const s: Series = new Map();
  try {
    if (want('cold')) for (let i = 0; i < RUNS; i++) await cold(browser, s);
    if (want('search')) await search(browser, s);
    if (want('like')) await like(browser, s);
    if (want('personal')) await personal(browser, s);
    if (want('first')) await firstSearch(browser, s);
  } finally {
    await browser.close();
    server.kill();
  }
  const after = loadavg();
  console.log(`bench:ui — production build, headless Chromium, 390×844 touch, ${RUNS} runs each`);
  console.log(`load average before ${before.map((x) => x.toFixed(2)).join(' ')}, after ${after.map((x) => x.toFixed(2)).join(' ')} (2 cores: above 2 the figures are inflated)\n`);
  report(s);
}

main().catch((err: unknown) => {
  console.error(`bench:ui: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

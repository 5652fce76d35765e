/**
 * Benchmark of the Insights page (npm run bench:insights).
 *
 * 1. Node: the core computations for a profile of 500 synthetic-but-realistic feedback events —
 *    aggregation (computeAnalytics), the community taste model (taste vectors, k-means for each k,
 *    silhouette selection, descriptions, per-cluster statistics) and the assignment of the profile
 *    with its "people like you also liked" list. Median / min / max over --runs after one warm-up.
 *    Also prints the silhouette table and the clusters found on the real data (with and without moods).
 * 2. With --browser: the page itself in headless Chromium against `vite preview` of the build
 *    (`npm run build` must have run, and `#/insights` must be wired): sign up, seed the same 500
 *    events into IndexedDB, then time until every chart is drawn and until the taste cluster is shown.
 *
 * Events are drawn from one real MovieLens member's ratings (seeded): rated ≥ 4 → like, ≤ 2.5 →
 * dislike, otherwise a click; more clicks on their and on popular movies; spread over 90 days.
 * Options: --events N (500), --runs N (7), --seed N (1), --browser, --port N (4179), --loads N (3).
 * Numbers are wall-clock on a shared machine: treat them as indicative.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { computeAnalytics, type FeedbackEvent, type RewardPoint, type WeightSnapshot } from '../src/core/analytics';
import { createCatalogue, type Catalogue } from '../src/core/catalogue/catalogue';
import { decodeCatalogueIndex, decodeRatings } from '../src/core/catalogue/codec';
import type { RatingsCOO } from '../src/core/catalogue/types';
import { assignTaste, buildTasteModel, type TasteModel } from '../src/core/clusters';
import { priorWeights } from '../src/core/hybrid/weights';
import { decodeMoods } from '../src/core/mood/codec';
import type { MoodMatrix } from '../src/core/mood/profile';
import { createRng, type Rng } from '../src/core/random';
import { OUT_DIR, ROOT } from './paths';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '500' },
    runs: { type: 'string', default: '7' },
    seed: { type: 'string', default: '1' },
    browser: { type: 'boolean', default: false },
    port: { type: 'string', default: '4179' },
    loads: { type: 'string', default: '3' },
  },
});
const N_EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const SEED = Number(args.seed);

const DAY = 86_400_000;
/** A fixed "now" so the events (and their day buckets) are the same on every run. */
const END = Date.UTC(2024, 5, 30, 22, 0, 0);

function readData(): { cat: Catalogue; ratings: RatingsCOO; moods: MoodMatrix | null } {
  const file = (name: string) => join(OUT_DIR, name);
  if (!existsSync(file('catalogue.json')) || !existsSync(file('ratings.bin'))) {
    throw new Error(`No data in ${OUT_DIR}: run \`npm run data\` first.`);
  }
  const cat = createCatalogue(decodeCatalogueIndex(JSON.parse(readFileSync(file('catalogue.json'), 'utf8'))));
  const ratings = decodeRatings(readFileSync(file('ratings.bin')));
  const moods = existsSync(file('moods.bin')) ? decodeMoods(readFileSync(file('moods.bin')), { nMovies: cat.movies.length }) : null;
  return { cat, ratings, moods };
}

/** A timestamp in the 90 days before END, evening-heavy and a little busier at weekends. */
function when(rng: Rng): number {
  for (;;) {
    const day = Math.floor(rng() * 90);
    const t = END - day * DAY - Math.floor(rng() * DAY);
    const weekend = [0, 6].includes(new Date(t).getUTCDay());
    const hour = new Date(t).getUTCHours();
    if (rng() < (weekend ? 1 : 0.7) * (hour >= 18 || hour < 1 ? 1 : 0.5)) return t;
  }
}

/** Synthetic events drawn from one real member's ratings (see the header). */
export function syntheticEvents(cat: Catalogue, ratings: RatingsCOO, n: number, seed: number): { events: FeedbackEvent[]; persona: number } {
  const rng = createRng(seed);
  const perUser = new Map<number, { item: number; rating: number }[]>();
  for (let k = 0; k < ratings.rating.length; k++) {
    const u = ratings.user[k]!;
    if (!perUser.has(u)) perUser.set(u, []);
    perUser.get(u)!.push({ item: ratings.item[k]!, rating: ratings.rating[k]! });
  }
  const heavy = [...perUser.entries()].filter(([, r]) => r.length >= 300).map(([u]) => u);
  const persona = heavy[Math.floor(rng() * heavy.length)]!;
  const rated = [...perUser.get(persona)!];
  for (let i = rated.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [rated[i], rated[j]] = [rated[j]!, rated[i]!];
  }
  const popular = [...cat.movies.keys()].sort((a, b) => cat.movies[b]!.n - cat.movies[a]!.n).slice(0, 500);
  const events: FeedbackEvent[] = [];
  const id = (item: number) => cat.movies[item]!.id;
  // About 55 % opinions (one per movie), the rest clicks.
  for (const r of rated) {
    if (events.length >= Math.round(n * 0.55)) break;
    const kind = r.rating >= 4 ? 'like' : r.rating <= 2.5 ? 'dislike' : 'click';
    events.push({ movieId: id(r.item), kind, at: when(rng) });
  }
  while (events.length < n) {
    const item = rng() < 0.7 ? rated[Math.floor(rng() * rated.length)]!.item : popular[Math.floor(rng() * popular.length)]!;
    events.push({ movieId: id(item), kind: 'click', at: when(rng) });
  }
  return { events: events.sort((a, b) => a.at - b.at), persona };
}

/** A plausible learning history: 200 weight snapshots drifting from the priors, 500 bandit rounds. */
function syntheticHistory(rng: Rng): { weights: WeightSnapshot[]; rewards: RewardPoint[] } {
  const w = priorWeights();
  const weights: WeightSnapshot[] = [];
  for (let i = 0; i < 200; i++) {
    for (const f of Object.keys(w.w) as (keyof typeof w.w)[]) w.w[f] = Math.max(0, w.w[f] + (rng() - 0.5) * 0.05);
    w.updates = i + 1;
    weights.push({ at: END - (200 - i) * 3_600_000, weights: { ...w, w: { ...w.w } } });
  }
  const rewards = Array.from({ length: 500 }, (_, i) => ({ at: END - (500 - i) * 600_000, reward: rng() < 0.3 + i / 2000 ? 1 : 0, explored: rng() < 0.1 }));
  return { weights, rewards };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${ms(s[Math.floor(s.length / 2)]!)}  (min ${ms(s[0]!)}, max ${ms(s[s.length - 1]!)})`;
}

function printModel(model: TasteModel, title: string): void {
  console.log(`\n${title}`);
  console.log('  k   silhouette   inertia   iterations');
  for (const s of model.scores) {
    console.log(`  ${String(s.k).padStart(2)}  ${s.silhouette.toFixed(4).padStart(9)}  ${s.inertia.toFixed(1).padStart(8)}  ${String(s.iterations).padStart(6)}${s.k === model.k ? '   ← chosen' : ''}`);
  }
  for (const c of model.clusters) console.log(`  [${c.id}] ${c.title} (${model.sizes[c.id]} members) — ${c.summary}`);
}

function nodeBench(): { events: FeedbackEvent[] } {
  let t = performance.now();
  const { cat, ratings, moods } = readData();
  console.log(`Data: ${cat.movies.length} movies, ${ratings.rating.length} ratings, ${ratings.nUsers} members, moods ${moods ? 'yes' : 'NO (genre-only vectors)'}; decoded in ${ms(performance.now() - t)}`);
  const { events, persona } = syntheticEvents(cat, ratings, N_EVENTS, SEED);
  const history = syntheticHistory(createRng(SEED + 1));
  const kinds = events.reduce((m, e) => ((m[e.kind] = (m[e.kind] ?? 0) + 1), m), {} as Record<string, number>);
  console.log(`Profile: ${events.length} events from member #${persona}: ${JSON.stringify(kinds)}; history: ${history.weights.length} weight snapshots, ${history.rewards.length} bandit rounds`);

  const times = { analytics: [] as number[], model: [] as number[], assign: [] as number[], total: [] as number[] };
  let model: TasteModel | undefined;
  for (let r = 0; r <= RUNS; r++) {
    t = performance.now();
    computeAnalytics(cat, moods, { events, ...history });
    const a = performance.now() - t;
    t = performance.now();
    model = buildTasteModel({ movies: cat.movies, ratings, moods });
    const b = performance.now() - t;
    t = performance.now();
    assignTaste(model, cat.movies, events);
    const c = performance.now() - t;
    if (r === 0) continue; // warm-up
    times.analytics.push(a);
    times.model.push(b);
    times.assign.push(c);
    times.total.push(a + b + c);
  }
  console.log(`\nNode ${process.version}, ${RUNS} runs after a warm-up:`);
  console.log(`  aggregation (computeAnalytics)        ${stats(times.analytics)}`);
  console.log(`  community taste model (cold build)    ${stats(times.model)}`);
  console.log(`  assignment + cluster recommendations  ${stats(times.assign)}`);
  console.log(`  total                                 ${stats(times.total)}`);

  printModel(model!, `Taste clusters on the real data (${model!.features.genres.length} genre + ${model!.features.moods.length} mood dimensions):`);
  const a = assignTaste(model!, cat.movies, events);
  if (a.status === 'assigned') {
    const titles = a.recommendations.slice(0, 5).map((p) => cat.movies[cat.indexOf.get(p.movieId)!]!.title);
    console.log(`\nThe synthetic profile (member #${persona}) → "${a.title}", cosine ${a.similarity.toFixed(2)}; member #${persona} is in "${model!.clusters[model!.labels[persona]!]!.title}" in the community fit.`);
    console.log(`  People like you also liked: ${titles.join('; ')}`);
  }
  console.log(`\nLocal vs community vectors: ${agreement(model!, cat, ratings)}`);
  if (moods) printModel(buildTasteModel({ movies: cat.movies, ratings, moods: null }), 'For comparison, genre-only taste vectors:');
  return { events };
}

/**
 * Checks that local profiles land where their owners would: each member's ratings are replayed as
 * app feedback (≥ 4 like, ≤ 2.5 dislike, otherwise a click) and placed with assignTaste; the share
 * placed in the member's own community cluster is reported.
 */
function agreement(model: TasteModel, cat: Catalogue, ratings: RatingsCOO): string {
  const perUser: FeedbackEvent[][] = Array.from({ length: ratings.nUsers }, () => []);
  for (let k = 0; k < ratings.rating.length; k++) {
    const r = ratings.rating[k]!;
    perUser[ratings.user[k]!]!.push({ movieId: cat.movies[ratings.item[k]!]!.id, kind: r >= 4 ? 'like' : r <= 2.5 ? 'dislike' : 'click', at: ratings.time[k]! * 1000 });
  }
  let same = 0;
  let placed = 0;
  const t = performance.now();
  perUser.forEach((events, u) => {
    const a = assignTaste(model, cat.movies, events);
    if (a.status !== 'assigned') return;
    placed++;
    if (a.cluster === model.labels[u]) same++;
  });
  return `${same} of ${placed} members (${((100 * same) / placed).toFixed(1)} %) replayed as likes/dislikes/clicks land in their own community cluster (${ms((performance.now() - t) / placed)} per assignment)`;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

async function browserBench(events: FeedbackEvent[]): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) {
    console.log('\nBrowser: skipped (no dist/: run `npm run build` first).');
    return;
  }
  const { chromium } = await import('@playwright/test');
  const port = Number(args.port);
  const base = `http://localhost:${port}/`;
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { cwd: ROOT, stdio: 'ignore', detached: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  try {
    await waitForHttp(base, 30_000);
    const context = await browser.newContext({ timezoneId: 'UTC', viewport: { width: 1280, height: 900 } });
    // Record, relative to navigation start, when all charts are drawn and when the cluster is shown.
    await context.addInitScript(() => {
      const w = window as unknown as { __insights: { charts?: number; all?: number } };
      w.__insights = {};
      new MutationObserver(() => {
        const now = performance.now();
        if (w.__insights.charts === undefined && document.querySelector('[data-charts-ready]')) w.__insights.charts = now;
        if (w.__insights.all === undefined && document.querySelector('[data-insights-ready]')) w.__insights.all = now;
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const page = await context.newPage();
    await page.goto(`${base}#/signup`);
    await page.getByLabel('Profile name').fill('Bench');
    await page.getByLabel('Password', { exact: true }).fill('quiet harbour lantern morning');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('link', { name: 'Account: Bench' }).waitFor();
    const stored = await page.evaluate(seedFeedback, { username: 'bench', events });
    console.log(`\nBrowser: Chromium ${browser.version()}, ${stored} events seeded into IndexedDB`);

    const probe = await page.goto(`${base}#/insights`).then(() => page.locator('h1').first().textContent());
    if (!/insights/i.test(probe ?? '')) {
      console.log(`  skipped: #/insights is not wired to the Insights page in this build (h1 = "${probe}")`);
      return;
    }
    const unlock = async () => {
      const form = page.getByTestId('unlock-form');
      await form.waitFor({ timeout: 60_000 });
      await form.getByLabel('Password', { exact: true }).fill('quiet harbour lantern morning');
      await form.getByRole('button', { name: 'Unlock' }).click();
    };
    const read = () => page.evaluate(() => (window as unknown as { __insights: { charts?: number; all?: number } }).__insights);
    const full: { charts: number; all: number }[] = [];
    const inApp: { charts: number; all: number }[] = [];
    const warm: { charts: number; all: number }[] = [];
    for (let i = 0; i < Number(args.loads); i++) {
      // Full load straight into #/insights: app boot, catalogue, session, worker start, data, model.
      await page.goto(`${base}#/insights`);
      await page.reload();
      // A reload locks the profile (its data key lives in page memory only): this figure includes unlocking it.
      await unlock();
      await page.locator('[data-insights-ready]').waitFor({ timeout: 60_000 });
      const f = await read();
      full.push({ charts: f.charts!, all: f.all! });
      // In-app navigation from a freshly loaded home page (worker not started yet), then again (worker warm).
      for (const bucket of [inApp, warm]) {
        await page.evaluate(() => (location.hash = '#/'));
        await page.locator('[data-insights-ready]').waitFor({ state: 'detached' });
        if (bucket === inApp) {
          await page.reload();
          await unlock();
          await page.getByRole('link', { name: 'Account: Bench' }).waitFor();
        }
        bucket.push(
          await page.evaluate(
            () =>
              new Promise<{ charts: number; all: number }>((resolve) => {
                const t0 = performance.now();
                let charts: number | undefined;
                const obs = new MutationObserver(() => {
                  if (charts === undefined && document.querySelector('[data-charts-ready]')) charts = performance.now() - t0;
                  if (document.querySelector('[data-insights-ready]')) {
                    obs.disconnect();
                    resolve({ charts: charts ?? performance.now() - t0, all: performance.now() - t0 });
                  }
                });
                obs.observe(document, { subtree: true, childList: true, attributes: true });
                location.hash = '#/insights';
              }),
          ),
        );
      }
    }
    const line = (name: string, xs: { charts: number; all: number }[]) =>
      console.log(`  ${name.padEnd(44)} charts drawn ${stats(xs.map((x) => x.charts))}\n  ${''.padEnd(44)} + taste cluster ${stats(xs.map((x) => x.all))}`);
    console.log(`  ${args.loads} rounds:`);
    line('full page load of #/insights', full);
    line('in-app navigation, fresh worker', inApp);
    line('in-app navigation again, worker warm', warm);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

/** Runs in the page: writes the events for `username` straight into IndexedDB (recostream → feedback). */
async function seedFeedback({ username, events }: { username: string; events: FeedbackEvent[] }): Promise<number> {
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
  for (const e of events) tx.objectStore('feedback').add({ userId: user.id, movieId: e.movieId, kind: e.kind, at: e.at, surface: 'home-row' });
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return events.length;
}

const { events } = nodeBench();
if (args.browser) await browserBench(events);

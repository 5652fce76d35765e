/**
 * `npm run bench:semantic`: figures of the semantic layer in Node (one wasm thread) — USE-lite load
 * time, query embedding latency, scoring + top-k over the catalogue vectors, catalogue embedding
 * time (last `embed-catalogue` run, else measured on a sample) and bytes to download. Numbers on a
 * shared machine are noisy; run twice before comparing. `--browser` adds the same in Chromium.
 * Then the catalogue's costs (scripts/ml/bench-catalogue.ts): download before/after first paint,
 * precache, vectors, memory, warm search latency; `--data DIR` for another build's data folder
 * (an extended catalogue), `--costs-only` for that section alone.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { searchVectors } from '../src/core/semantic/search';
import { decodeVectorsFile, quantizeVectors, type VectorSet } from '../src/core/semantic/vectors-file';
import { l2Normalize } from '../src/core/semantic/vector';
import { createRng } from '../src/core/random';
import { loadUseLiteNode, tfjsWasmPathsNode, useLiteModelDir } from '../src/ml/node/use-lite';
import { USE_LITE_DIM, USE_LITE_FILES, USE_LITE_ID } from '../src/ml/use-lite/model';
import { benchCatalogue } from './ml/bench-catalogue';
import { catalogueTextsFrom } from './ml/catalogue-texts';
import { CACHE_DIR, OUT_DIR } from './paths';
import { readManifest } from './pipeline/write';

const { values: args } = parseArgs({
  options: { browser: { type: 'boolean', default: false }, queries: { type: 'string', default: '200' }, data: { type: 'string' }, 'costs-only': { type: 'boolean', default: false } },
});

const QUERIES = [
  'a spaceship travels to a distant galaxy',
  'funny movie about a wedding',
  'dark psychological thriller with a twist ending',
  'animated film for kids with talking animals',
  'war drama',
  'heist',
  'romantic comedy set in new york',
  'time travel paradox',
  'feel good sports underdog story',
  'scary haunted house',
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const row = (name: string, value: string) => console.log(`  ${name.padEnd(34)} ${value}`);

function catalogueVectors(): { set: VectorSet; source: string } {
  const m = readManifest(OUT_DIR);
  if (m?.encoder && existsSync(join(OUT_DIR, m.encoder.file))) {
    return { set: decodeVectorsFile(readFileSync(join(OUT_DIR, m.encoder.file))), source: m.encoder.file };
  }
  // No built vectors: random unit vectors of the catalogue's size (scoring cost does not depend on values).
  const rand = createRng(1);
  const count = m?.counts.movies ?? 9742;
  const vecs = Array.from({ length: count }, () => l2Normalize(Float32Array.from({ length: USE_LITE_DIM }, () => rand() - 0.5)));
  return { set: quantizeVectors(USE_LITE_ID, vecs, USE_LITE_DIM), source: `${count} random vectors (run npm run data for real ones)` };
}

async function main(): Promise<void> {
  console.log(`bench:semantic — Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (shared machine: figures are noisy)`);
  if (args['costs-only']) {
    benchCatalogue(row, args.data ? resolve(args.data) : OUT_DIR);
    return;
  }
  const t0 = performance.now();
  const embedder = await loadUseLiteNode();
  const loadMs = performance.now() - t0;
  row('USE-lite load (Node, from disk)', `${fmt(loadMs)} ms`);

  for (const q of QUERIES) await embedder.embed([q]); // warm-up: first calls compile kernels
  const n = Number(args.queries);
  const lat: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await embedder.embed([QUERIES[i % QUERIES.length]!]);
    lat.push(performance.now() - t);
  }
  row('query embed (warm)', `median ${fmt(pct(lat, 0.5))} ms, p95 ${fmt(pct(lat, 0.95))} ms (${n} queries)`);

  const { set, source } = catalogueVectors();
  const [qv] = await embedder.embed([QUERIES[0]!]);
  const st: number[] = [];
  for (let i = 0; i < 220; i++) {
    const t = performance.now();
    searchVectors(set, qv!, 50);
    if (i >= 20) st.push(performance.now() - t);
  }
  row(`score + top-50 over ${set.count}`, `median ${fmt(pct(st, 0.5))} ms, p95 ${fmt(pct(st, 0.95))} ms (${source})`);

  const statsPath = join(CACHE_DIR, 'embed-stats.json');
  if (existsSync(statsPath)) {
    const s = JSON.parse(readFileSync(statsPath, 'utf8')) as { texts: number; embedded: number; wallMs: number; cpuMs: number; threads: number; at: string };
    row('catalogue embedding (last run)', `${s.embedded} texts in ${(s.wallMs / 1000).toFixed(1)} s wall on ${s.threads} threads, ${(s.cpuMs / 1000).toFixed(1)} s CPU (${(s.cpuMs / s.embedded).toFixed(1)} ms CPU/text) at ${s.at}`);
  } else {
    const texts = catalogueTextsFrom(OUT_DIR);
    const rand = createRng(2);
    const sample = Array.from({ length: 100 }, () => texts[Math.floor(rand() * texts.length)]!);
    const t = performance.now();
    await embedder.embed(sample);
    const per = (performance.now() - t) / sample.length;
    const cores = availableParallelism();
    row('catalogue embedding (estimate)', `${fmt(per)} ms/text on 1 thread (100-text sample) → ~${((per * texts.length) / cores / 1000).toFixed(0)} s for ${texts.length} on ${cores} threads`);
  }
  embedder.dispose();

  const dir = useLiteModelDir();
  const modelBytes = [USE_LITE_FILES.model, USE_LITE_FILES.vocab, ...USE_LITE_FILES.shards].reduce((s, f) => s + statSync(join(dir, f)).size, 0);
  const wasm = tfjsWasmPathsNode()['tfjs-backend-wasm-simd.wasm'];
  row('USE-lite model bytes', `${(modelBytes / 1e6).toFixed(1)} MB (+ tfjs SIMD wasm ${(statSync(wasm).size / 1e6).toFixed(2)} MB)`);
  row('catalogue vectors bytes', `${((set.count * (set.dim + 4)) / 1e6).toFixed(2)} MB (int8 + scale)`);

  benchCatalogue(row, args.data ? resolve(args.data) : OUT_DIR);

  if (args.browser) {
    const { benchBrowser } = await import('./ml/bench-browser');
    await benchBrowser(row);
  }
}

void main();

/**
 * The catalogue's costs for `npm run bench:semantic` (issue #14): bytes before first paint, after
 * it and precached in all (gzip level 9, as a static host would serve them), the vectors' size,
 * warm search latency over the whole catalogue in Node (title search, vector scoring, parse +
 * hybrid ranking in the engine) and the memory the catalogue data takes. `--data DIR` measures
 * another build's data folder (e.g. an extended one: `RECOSTREAM_OUT_DIR=/tmp/ext npm run data --
 * --catalogue extended`); the app shell comes from dist/ (`npm run build`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createCatalogue } from '../../src/core/catalogue/catalogue';
import { decodeCatalogueDetails, decodeRatings } from '../../src/core/catalogue/codec';
import { widenRatings } from '../../src/core/catalogue/extended';
import { searchTitles } from '../../src/core/catalogue/search';
import type { DataManifest } from '../../src/core/catalogue/types';
import { decodeContentData } from '../../src/core/content/limits';
import { RecoEngine } from '../../src/core/engine/engine';
import { trainRecoModels } from '../../src/core/engine/models';
import { priorWeights } from '../../src/core/hybrid/weights';
import { decodeMoods } from '../../src/core/mood/codec';
import { decodePeople, PeopleIndex } from '../../src/core/people/people';
import { parseQuery } from '../../src/core/query/parse';
import { createRng } from '../../src/core/random';
import { searchVectors } from '../../src/core/semantic/search';
import { l2Normalize } from '../../src/core/semantic/vector';
import { decodeVectorsFile, quantizeVectors, type VectorSet } from '../../src/core/semantic/vectors-file';
import { USE_LITE_DIM, USE_LITE_ID } from '../../src/ml/use-lite/model';
import { ROOT } from '../paths';
import { readFullIndex } from '../pipeline/read-index';
import { readManifest } from '../pipeline/write';

type Row = (name: string, value: string) => void;

const gz = (bytes: Uint8Array | string) => gzipSync(bytes, { level: 9 }).byteLength;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))]!;
/** Milliseconds of CPU (this process) for `fn`. */
function cpuMs(fn: () => void): number {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

/** Data files the page fetches before first paint (the rest come after it or with the first search). */
const FIRST_PAINT_DATA = ['manifest.json', 'catalogue.json'];

/** Gzip bytes of the app shell the first paint needs: index.html and the scripts and styles it links. */
function shellBytes(dist: string): { first: number; files: string[] } | null {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return null;
  const html = readFileSync(index, 'utf8');
  const files = ['index.html'];
  for (const m of html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)) files.push(m[1]!);
  return { first: files.reduce((s, f) => s + gz(readFileSync(join(dist, f))), 0), files };
}

/** Gzip bytes of everything the service worker precaches outside data/ (vite.config.ts globPatterns). */
function precachedShell(dist: string): number {
  let total = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const rel = relative(dist, p);
      if (statSync(p).isDirectory()) {
        if (rel !== 'models' && rel !== 'data') walk(p);
      } else if (/\.(js|css|html|png|svg|woff2|json|bin)$/.test(name) && !/(^|\/)ort-.*\.mjs$/.test(rel)) total += gz(readFileSync(p));
    }
  };
  walk(dist);
  return total;
}

export function benchCatalogue(row: Row, dataDir: string): void {
  const manifest = readManifest(dataDir) as DataManifest | null;
  if (!manifest) {
    row('catalogue costs', `no manifest in ${dataDir}: run npm run data`);
    return;
  }
  const movies = readFullIndex(dataDir);
  const extended = manifest.counts.extended ?? 0;
  console.log(`\ncatalogue costs — ${relative(ROOT, dataDir) || dataDir}: ${movies.length.toLocaleString('en')} movies (${extended.toLocaleString('en')} content-only)`);
  const file = (name: string) => readFileSync(join(dataDir, name));
  const dataGz = Object.fromEntries(Object.keys(manifest.files).filter((f) => existsSync(join(dataDir, f))).map((f) => [f, gz(file(f))]));
  const vectorsFile = manifest.encoder?.file;
  const dist = join(ROOT, 'dist');
  const shell = shellBytes(dist);
  const firstData = FIRST_PAINT_DATA.reduce((s, f) => s + (dataGz[f] ?? 0), 0);
  const afterData = Object.entries(dataGz)
    .filter(([f]) => !FIRST_PAINT_DATA.includes(f) && f !== vectorsFile)
    .reduce((s, [, b]) => s + b, 0);
  if (shell) {
    row('first paint (gzip)', `${kb(shell.first + firstData)} — shell ${kb(shell.first)} (${shell.files.length} files) + ${FIRST_PAINT_DATA.join(' + ')} ${kb(firstData)}`);
    row('precache in all (gzip)', `${mb(precachedShell(dist) + firstData + afterData)} (shell, icons and every data file but the vectors)`);
  } else {
    row('first paint (gzip)', `data ${kb(firstData)} + shell (no dist/: run npm run build)`);
  }
  row('data after first paint (gzip)', Object.entries(dataGz).filter(([f]) => !FIRST_PAINT_DATA.includes(f) && f !== vectorsFile).map(([f, b]) => `${f} ${kb(b)}`).join(', '));
  const vecBytes = movies.length * (USE_LITE_DIM + 4);
  row('vectors (int8 + scale)', `${mb(vecBytes)} for ${movies.length.toLocaleString('en')} movies${vectorsFile && dataGz[vectorsFile] ? ` (${vectorsFile}: gzip ${mb(dataGz[vectorsFile])})` : ' (not built here: computed from the count)'}`);

  // Memory: the decoded catalogue data as the reco worker and the page hold it.
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const catalogue = createCatalogue(movies);
  const details = decodeCatalogueDetails(JSON.parse(file('details.json').toString('utf8')), movies.map((m) => m.id));
  const people = manifest.files['people.json'] ? new PeopleIndex(decodePeople(JSON.parse(file('people.json').toString('utf8')), movies.length), catalogue) : undefined;
  const content = manifest.files['content.json'] ? decodeContentData(JSON.parse(file('content.json').toString('utf8')), movies.length) : null;
  const moods = manifest.files['moods.bin'] ? decodeMoods(file('moods.bin'), { nMovies: movies.length }).scores : null;
  void catalogue.keys;
  globalThis.gc?.();
  const heapData = process.memoryUsage().heapUsed - heap0;
  const ratings = widenRatings(decodeRatings(file('ratings.bin')), movies.length);
  let models!: ReturnType<typeof trainRecoModels>;
  const trainCpu = cpuMs(() => (models = trainRecoModels(ratings)));
  const engine = new RecoEngine({ catalogue, moods, content }, models.cf, models.ranking);
  row('memory: catalogue data (JS heap)', `${mb(heapData)} (index, details with ${details.filter((d) => d.extract).length.toLocaleString('en')} plots, people, content, moods${globalThis.gc ? '' : '; run with --expose-gc for exact figures'}) + vectors ${mb(vecBytes)} in the ML worker`);
  row('models: training (CPU)', `${(trainCpu / 1000).toFixed(1)} s for ${movies.length.toLocaleString('en')} items`);

  // Warm latencies (CPU time per call, medians over repeated calls).
  const titles = ['star wars', 'the matrx', 'godfather 2', 'nomadland', 'toy story', 'lord of the rig', 'top gun maverick', 'casablanca'];
  const titleMs = titles.flatMap((t) => Array.from({ length: 5 }, () => cpuMs(() => searchTitles(catalogue, t, 8))));
  row('title search (warm)', `median ${median(titleMs).toFixed(2)} ms, p95 ${p95(titleMs).toFixed(2)} ms CPU (${titles.length} titles × 5)`);
  let set: VectorSet;
  if (vectorsFile && existsSync(join(dataDir, vectorsFile))) set = decodeVectorsFile(file(vectorsFile));
  else {
    const rand = createRng(1);
    set = quantizeVectors(USE_LITE_ID, Array.from({ length: movies.length }, () => l2Normalize(Float32Array.from({ length: USE_LITE_DIM }, () => rand() - 0.5))), USE_LITE_DIM);
  }
  const q = l2Normalize(Float32Array.from({ length: USE_LITE_DIM }, (_, i) => Math.sin(i)));
  const scoreMs = Array.from({ length: 60 }, () => cpuMs(() => searchVectors(set, q, 50))).slice(10);
  row(`vector score + top-50 over ${set.count.toLocaleString('en')}`, `median ${median(scoreMs).toFixed(2)} ms, p95 ${p95(scoreMs).toFixed(2)} ms CPU`);
  const queries = ['feel-good sci-fi', 'something scary but not gory from the 80s', 'movies like the matrix', 'a western from 2021', 'tom hanks movies', 'funny animated movie for kids', 'war drama', 'recent horror'];
  const semantic = new Float32Array(movies.length);
  for (let i = 0; i < movies.length; i++) semantic[i] = Math.sin(i) * 0.3;
  const rankMs = queries.flatMap((text) =>
    Array.from({ length: 3 }, () =>
      cpuMs(() => engine.searchPage(parseQuery(text, { latestYear: catalogue.latestYear, context: { catalogue, people } }), semantic, priorWeights(), 20)),
    ),
  );
  row('parse + hybrid rank top 20 (warm)', `median ${median(rankMs).toFixed(1)} ms, p95 ${p95(rankMs).toFixed(1)} ms CPU (${queries.length} queries × 3, semantic scores given)`);
}

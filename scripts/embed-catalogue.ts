/**
 * `npx tsx scripts/embed-catalogue.ts [--encoder use-lite|sbert] [--threads N] [--max-tokens 96] [--model ID] [--limit N]`
 * (run by `npm run data` after the catalogue step): embeds every catalogue movie's text, cached by
 * content hash in data/cache/embeddings/, and writes public/data/vectors-<encoder>.bin (int8) plus the
 * manifest's `encoder` and `files` entries. Only texts not in the cache are embedded.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeVectorsFile, quantizeVectors, vectorsFileName } from '../src/core/semantic/vectors-file';
import { loadSbert, SBERT_DEFAULT_MODEL } from '../src/ml/sbert/embedder';
import { USE_LITE_DIM, USE_LITE_ID } from '../src/ml/use-lite/model';
import { catalogueTextsFrom } from './ml/catalogue-texts';
import { embedInPool } from './ml/embed-pool';
import { progressLine } from './ml/progress-line';
import { cachePath, VectorCache } from './ml/vector-cache';
import { CACHE_DIR, OUT_DIR, ROOT } from './paths';
import { readManifest, sha256, writeAll } from './pipeline/write';

const { values: args } = parseArgs({
  options: {
    encoder: { type: 'string', default: 'use-lite' },
    threads: { type: 'string' },
    model: { type: 'string', default: SBERT_DEFAULT_MODEL },
    limit: { type: 'string' },
    'max-tokens': { type: 'string', default: '96' },
  },
});

/**
 * USE-lite reads at most 128 tokens; reading 96 of each movie text retrieved better in
 * scripts/ml/eval-text.ts (MAP 0.097 vs 0.092 at 128, 0.090 at 64) and costs 18% less.
 */
const maxTokens = Number(args['max-tokens']);

const log = (msg: string) => console.log(`embed-catalogue: ${msg}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Embeds the texts missing from the cache with the chosen encoder; returns the encoder id. */
async function fillCache(texts: readonly string[]): Promise<{ id: string; dim: number; cache: VectorCache; embedded: number; ms: number; threads: number }> {
  const t0 = performance.now();
  let threads = 0;
  if (args.encoder === 'use-lite') {
    // The token cap changes the vectors of long texts, so it is part of the cache's identity.
    const namespace = `${USE_LITE_ID}#max-tokens=${maxTokens}`;
    const cache = VectorCache.open(cachePath(CACHE_DIR, namespace), namespace, USE_LITE_DIM);
    const missing = [...new Set(texts.filter((t) => !cache.get(t)))];
    if (missing.length) {
      const threadCount = args.threads ? Number(args.threads) : availableParallelism();
      log(`${missing.length} of ${texts.length} texts not cached: embedding with USE-lite on ${threadCount} worker thread(s)…`);
      // Cost grows with the tokens read (capped at maxTokens, ~5 characters each): the ETA weighs texts by it.
      const weight = (t: string) => Math.min(t.length, maxTokens * 5) + 40;
      const line = progressLine({ label: 'embed-catalogue: embedded', total: missing.length, totalWeight: missing.reduce((s, t) => s + weight(t), 0) });
      const res = await embedInPool(missing, {
        maxTokens,
        threads: threadCount,
        onBatch: (idx, vecs) => {
          cache.add(idx.map((i, r) => [missing[i]!, vecs[r]!] as const));
          line.add(idx.length, idx.reduce((s, i) => s + weight(missing[i]!), 0));
        },
      });
      line.end();
      log(`  ${res.threads} worker threads, model load ${res.loadMs.toFixed(0)} ms`);
      if (res.id !== USE_LITE_ID) throw new Error(`workers loaded ${res.id}, expected ${USE_LITE_ID}`);
      threads = res.threads;
    }
    return { id: USE_LITE_ID, dim: USE_LITE_DIM, cache, embedded: missing.length, ms: performance.now() - t0, threads };
  }
  if (args.encoder === 'sbert') {
    const modelsDir = join(ROOT, 'public', 'models');
    if (!existsSync(join(modelsDir, args.model, 'config.json'))) {
      throw new Error(`no Sentence-BERT weights in ${relative(ROOT, join(modelsDir, args.model))}: run \`npm run fetch-model\` on a machine with internet access first`);
    }
    const embedder = await loadSbert({ localModelPath: modelsDir, modelId: args.model, device: 'cpu', dtype: 'q8' });
    try {
      const id = embedder.id;
      const cache = VectorCache.open(cachePath(CACHE_DIR, id), id, embedder.dim);
      const missing = [...new Set(texts.filter((t) => !cache.get(t)))];
      log(`${missing.length} of ${texts.length} texts not cached: embedding with ${id} (onnxruntime-node)…`);
      for (let i = 0; i < missing.length; i += 32) {
        const batch = missing.slice(i, i + 32);
        const vecs = await embedder.embed(batch);
        cache.add(batch.map((t, r) => [t, vecs[r]!] as const));
        if ((i / 32) % 20 === 0) log(`  ${i + batch.length}/${missing.length} after ${secs(performance.now() - t0)}`);
      }
      return { id, dim: embedder.dim, cache, embedded: missing.length, ms: performance.now() - t0, threads: 1 };
    } finally {
      embedder.dispose();
    }
  }
  throw new Error(`unknown --encoder ${args.encoder} (use-lite | sbert)`);
}

async function main(): Promise<void> {
  const manifest = readManifest(OUT_DIR);
  if (!manifest) throw new Error(`no ${relative(ROOT, join(OUT_DIR, 'manifest.json'))}: run \`npx tsx scripts/data.ts\` first`);
  let texts = catalogueTextsFrom(OUT_DIR);
  if (args.limit) texts = texts.slice(0, Number(args.limit)); // for quick experiments; writes nothing
  const cpu0 = process.cpuUsage();
  const { id, dim, cache, embedded, ms, threads } = await fillCache(texts);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000; // all threads of this process, workers included
  log(
    `embedded ${embedded} texts in ${secs(ms)} wall, ${secs(cpuMs)} CPU` +
      (embedded ? ` (${(cpuMs / embedded).toFixed(1)} ms CPU/text)` : '') +
      `, ${texts.length - embedded} from cache`,
  );
  if (embedded > 0) {
    // The bench reports the last cold-ish run from here.
    const stats = { encoder: id, texts: texts.length, embedded, wallMs: Math.round(ms), cpuMs: Math.round(cpuMs), threads, at: new Date().toISOString() };
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(join(CACHE_DIR, 'embed-stats.json'), JSON.stringify(stats, null, 2));
  }
  if (args.limit) return;
  cache.compact(texts);

  const vectors = texts.map((t) => cache.get(t)!);
  const file = vectorsFileName(id);
  const bytes = encodeVectorsFile(quantizeVectors(id, vectors, dim));
  const digest = sha256(bytes);
  if (manifest.encoder?.id === id && manifest.encoder.file === file && manifest.files[file]?.sha256 === digest && existsSync(join(OUT_DIR, file))) {
    log(`${file} up to date`);
    return;
  }
  // Drop vectors of other encoders: the manifest names exactly one vector space.
  for (const name of Object.keys(manifest.files)) {
    if (name.startsWith('vectors-') && name !== file) {
      delete manifest.files[name];
      rmSync(join(OUT_DIR, name), { force: true });
    }
  }
  Object.assign(manifest.files, writeAll(OUT_DIR, { [file]: bytes }));
  manifest.encoder = { id, dim, file };
  writeAll(OUT_DIR, { 'manifest.json': JSON.stringify(manifest, null, 2) });
  log(`wrote ${relative(ROOT, join(OUT_DIR, file))} (${texts.length} × ${dim}, ${(bytes.byteLength / 1e6).toFixed(2)} MB) and updated manifest.json`);
}

main().catch((err: unknown) => {
  console.error(`embed-catalogue: ${(err as Error).message}`);
  process.exit(1);
});

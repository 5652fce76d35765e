/**
 * `npx tsx scripts/ml/eval-text.ts [--max-movies N]`: which movie text retrieves best? Uses MovieLens
 * user tags as held-out queries (a user typing "time travel" should find the movies tagged so):
 * for each text variant (built WITHOUT tags), embeds the tagged movies with USE-lite and reports
 * mean average precision and recall@20 over all tags on at least 4 of those movies, plus the
 * tokens each variant costs. Vectors are cached under data/cache/eval/. `--only TEXT` runs the
 * variants whose name contains TEXT.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeCatalogueDetails, decodeCatalogueIndex } from '../../src/core/catalogue/codec';
import type { MovieDetails, MovieIndexEntry } from '../../src/core/catalogue/types';
import { movieText } from '../../src/core/semantic/movie-text';
import { quantizeVectors } from '../../src/core/semantic/vectors-file';
import { scoreVectors } from '../../src/core/semantic/score';
import { topK } from '../../src/core/semantic/topk';
import { loadUseLiteNode } from '../../src/ml/node/use-lite';
import { USE_LITE_DIM, USE_LITE_ID } from '../../src/ml/use-lite/model';
import { CACHE_DIR, OUT_DIR } from '../paths';
import { embedInPool } from './embed-pool';
import { cachePath, VectorCache } from './vector-cache';

const { values: args } = parseArgs({ options: { 'max-movies': { type: 'string' }, only: { type: 'string' } } });

type Variant = { name: string; text: (m: MovieIndexEntry, d: MovieDetails) => string; maxTokens?: number };
const VARIANTS: Variant[] = [
  { name: 'title+year+genres', text: (m, d) => movieText(m, d, { maxTags: 0, maxExtractChars: 0 }) },
  { name: '+ extract ≤300 chars', text: (m, d) => movieText(m, d, { maxTags: 0, maxExtractChars: 300 }) },
  { name: '+ extract ≤600 chars', text: (m, d) => movieText(m, d, { maxTags: 0, maxExtractChars: 600 }) },
  { name: '+ extract ≤600, 96 tok', text: (m, d) => movieText(m, d, { maxTags: 0, maxExtractChars: 600 }), maxTokens: 96 },
  { name: '+ extract ≤600, 64 tok', text: (m, d) => movieText(m, d, { maxTags: 0, maxExtractChars: 600 }), maxTokens: 64 },
  { name: 'extract ≤600 only', text: (m, d) => (d.extract ?? movieText(m, d, { maxTags: 0, maxExtractChars: 0 })).slice(0, 600) },
];

async function main(): Promise<void> {
  const index = decodeCatalogueIndex(JSON.parse(readFileSync(join(OUT_DIR, 'catalogue.json'), 'utf8')));
  const details = decodeCatalogueDetails(JSON.parse(readFileSync(join(OUT_DIR, 'details.json'), 'utf8')), index.map((m) => m.id));
  let subset = index.map((_, i) => i).filter((i) => details[i]!.tags.length > 0);
  if (args['max-movies']) subset = subset.slice(0, Number(args['max-movies']));
  const byTag = new Map<string, Set<number>>();
  subset.forEach((i, row) => details[i]!.tags.forEach((t) => (byTag.get(t) ?? byTag.set(t, new Set()).get(t)!).add(row)));
  const queries = [...byTag].filter(([, rows]) => rows.size >= 4).map(([tag]) => tag);
  console.log(`eval-text: ${subset.length} tagged movies, ${queries.length} tag queries (tags on ≥ 4 of them)`);

  const query = await loadUseLiteNode();
  const qv = await query.embed(queries);
  query.dispose();
  const tok = (query as unknown as { tokenize(t: string): number[] }).tokenize.bind(query);

  // One cache per token cap: the cap changes the vectors of long texts.
  const caches = new Map<number, VectorCache>();
  const cacheFor = (cap: number) => {
    const ns = cap === 128 ? USE_LITE_ID : `${USE_LITE_ID}#max-tokens=${cap}`;
    if (!caches.has(cap)) caches.set(cap, VectorCache.open(cachePath(join(CACHE_DIR, 'eval'), ns), ns, USE_LITE_DIM));
    return caches.get(cap)!;
  };
  for (const v of VARIANTS) {
    if (args.only && !v.name.includes(args.only)) continue;
    const cap = v.maxTokens ?? 128;
    const cache = cacheFor(cap);
    const texts = subset.map((i) => v.text(index[i]!, details[i]!));
    const missing = [...new Set(texts.filter((t) => !cache.get(t)))];
    if (missing.length) await embedInPool(missing, { maxTokens: cap, onBatch: (idx, vecs) => cache.add(idx.map((k, r) => [missing[k]!, vecs[r]!] as const)) });
    const set = quantizeVectors(USE_LITE_ID, texts.map((t) => cache.get(t)!), USE_LITE_DIM);
    let map = 0;
    let r20 = 0;
    queries.forEach((q, qi) => {
      const rel = byTag.get(q)!;
      const ranked = topK(scoreVectors(set, qv[qi]!), subset.length).indices;
      let hits = 0;
      let ap = 0;
      ranked.forEach((row, r) => {
        if (rel.has(row)) ap += ++hits / (r + 1);
        if (r === 19) r20 += hits / Math.min(20, rel.size);
      });
      map += ap / rel.size;
    });
    const tokens = texts.reduce((s, t) => s + Math.min(cap, tok(t).length), 0);
    console.log(`  ${v.name.padEnd(24)} MAP ${(map / queries.length).toFixed(4)}  recall@20 ${(r20 / queries.length).toFixed(4)}  tokens/movie ${(tokens / texts.length).toFixed(1)}`);
  }
  // Chance level: a random ranking's AP ≈ |relevant| / |movies|.
  const chance = queries.reduce((s, q) => s + byTag.get(q)!.size / subset.length, 0) / queries.length;
  console.log(`  ${'(random ranking)'.padEnd(24)} MAP ≈ ${chance.toFixed(4)}`);
}

void main();

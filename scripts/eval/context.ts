/**
 * What every evaluation script loads (built data, raw tags, CF model, USE-lite) and the per-query
 * preparation: parsed intent, encoder similarities, and the leakage-controlled variants.
 *
 * Leakage control for a query with hold-out tags H (its relevance came from H):
 * - vectors: each catalogue text embeds the movie's top-5 user tags. For the movies whose top-5
 *   contains a tag of H, the text is rebuilt with H removed from the tag list (the next tags move
 *   up, as if nobody had used H) and re-embedded (USE-lite, 96 tokens, as the catalogue), cached by
 *   content hash in data/cache/eval/embeddings/; those rows' similarities replace the built ones.
 * - moods: rows of movies with any tag in H are recomputed with `ignoreTags: H` (and quantised to
 *   1/255 like moods.bin); all other rows are unchanged, as ignoreTags cannot affect them.
 * Correlated tags outside H still count (signal a real system also has).
 */
import { join } from 'node:path';
import type { Catalogue } from '../../src/core/catalogue/catalogue';
import type { MovieDetails } from '../../src/core/catalogue/types';
import { trainCf, type CfModel } from '../../src/core/cf/model';
import type { EvalQuery } from '../../src/core/eval/queries';
import { MOOD_IDS } from '../../src/core/mood/moods';
import { computeMoodProfile } from '../../src/core/mood/profile';
import { shuffleInPlace, type Rng } from '../../src/core/random';
import { normaliseTag } from '../../src/core/mood/tag-affinity';
import { parseQuery } from '../../src/core/query/parse';
import type { QueryIntent } from '../../src/core/query/types';
import { movieText } from '../../src/core/semantic/movie-text';
import { scoreVectors } from '../../src/core/semantic/score';
import { quantizeVectors } from '../../src/core/semantic/vectors-file';
import type { Embedder } from '../../src/ml/embedder';
import { loadUseLiteNode } from '../../src/ml/node/use-lite';
import { USE_LITE_DIM, USE_LITE_ID } from '../../src/ml/use-lite/model';
import { loadBuiltData, type NodeData } from '../lib/node-recommender';
import { embedInPool } from '../ml/embed-pool';
import { cachePath, VectorCache } from '../ml/vector-cache';
import { loadMoodInputs } from '../mood/load';
import { CACHE_DIR, MOVIELENS_DIR, OUT_DIR } from '../paths';

/** Tokens USE-lite reads of each catalogue text (scripts/embed-catalogue.ts default). */
const CATALOGUE_MAX_TOKENS = 96;
const M = MOOD_IDS.length;

export interface EvalContext {
  data: NodeData & { moods: Float32Array; vectors: NonNullable<NodeData['vectors']> };
  catalogue: Catalogue;
  details: MovieDetails[];
  /** Raw user tags per catalogue row. */
  rawTags: string[][];
  /** CF model trained on all ratings (only its shape matters without user feedback). */
  cf: CfModel;
  embedder: Embedder;
  /** Rating count per item (popularity, and rankHybrid's tie-break). */
  count: Float64Array;
}

/** Loads the built data, raw tags, a CF model and the query encoder. */
export async function loadEvalContext(log: (s: string) => void): Promise<EvalContext> {
  const data = loadBuiltData();
  if (!data.moods || !data.vectors) throw new Error('moods.bin or the catalogue vectors are missing: run "npm run data" first');
  if (data.vectors.encoderId !== USE_LITE_ID) throw new Error(`catalogue vectors are ${data.vectors.encoderId}; this evaluation embeds queries with ${USE_LITE_ID}`);
  const inputs = loadMoodInputs(OUT_DIR, MOVIELENS_DIR);
  const t0 = performance.now();
  const cf = trainCf(data.ratings);
  log(`CF model trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const embedder = await loadUseLiteNode();
  const catalogue = data.catalogue;
  const count = Float64Array.from(catalogue.movies, (m) => m.n);
  const ctx: EvalContext = { data: data as EvalContext['data'], catalogue, details: inputs.details, rawTags: inputs.tags, cf, embedder, count };
  const drift = checkMoodsCurrent(ctx);
  if (drift > 1.5 / 255) log(`WARNING: moods.bin differs from the current mood code by up to ${drift.toFixed(3)}: run "npm run data"`);
  return ctx;
}

/** Checks that moods.bin matches the current mood code on a sample of rows (else leaky vs controlled would mix code versions). */
export function checkMoodsCurrent(ctx: EvalContext, sample = 300): number {
  let worst = 0;
  const step = Math.max(1, Math.floor(ctx.catalogue.movies.length / sample));
  for (let i = 0; i < ctx.catalogue.movies.length; i += step) {
    const p = computeMoodProfile({ genres: ctx.catalogue.movies[i]!.genres, tags: ctx.rawTags[i]!, extract: ctx.details[i]!.extract });
    for (let m = 0; m < M; m++) worst = Math.max(worst, Math.abs(Math.round(p[m]! * 255) / 255 - ctx.data.moods[i * M + m]!));
  }
  return worst;
}

/** One labelled query ready to rank, as built and leakage-controlled. */
export interface PreparedQuery {
  q: EvalQuery;
  intent: QueryIntent;
  /** The text given to the encoder (the parser's residual, as in the app). */
  residual: string;
  /** Relevant catalogue indices. */
  relevant: number[];
  relevantIds: Set<number>;
  built: { sims: Float32Array | null; moods: Float32Array };
  controlled: { sims: Float32Array | null; moods: Float32Array; textRows: number; moodRows: number };
}

/** The query's encoder text, as `recommend` and the app compute it. */
export const residualOf = (intent: QueryIntent) => (intent.residual || intent.text).trim();

/** Embeds texts (unit vectors) with the main-thread encoder. */
export async function embedTexts(ctx: EvalContext, texts: readonly string[]): Promise<Float32Array[]> {
  return texts.length ? ctx.embedder.embed([...texts]) : [];
}

/** Parses, embeds and leakage-controls a list of queries. */
export async function prepareQueries(ctx: EvalContext, queries: readonly EvalQuery[], log: (s: string) => void): Promise<PreparedQuery[]> {
  const { catalogue, details, rawTags, data } = ctx;
  const movies = catalogue.movies;
  const intents = queries.map((q) => parseQuery(q.text, { latestYear: catalogue.latestYear }));
  const residuals = intents.map(residualOf);
  const qvecs = await embedTexts(ctx, residuals);

  // Substitute texts for the movies whose embedded top-5 tags include a held-out tag.
  const subs = queries.map((q) => {
    const hold = new Set(q.holdOut.map(normaliseTag));
    const rows: number[] = [];
    const texts: string[] = [];
    movies.forEach((m, i) => {
      const d = details[i]!;
      if (!d.tags.slice(0, 5).some((t) => hold.has(normaliseTag(t)))) return;
      rows.push(i);
      texts.push(movieText(m, { ...d, tags: d.tags.filter((t) => !hold.has(normaliseTag(t))) }));
    });
    return { hold, rows, texts };
  });
  const ns = `${USE_LITE_ID}#max-tokens=${CATALOGUE_MAX_TOKENS}`;
  const cache = VectorCache.open(cachePath(join(CACHE_DIR, 'eval'), ns), ns, USE_LITE_DIM);
  const all = subs.flatMap((s) => s.texts);
  const missing = [...new Set(all.filter((t) => !cache.get(t)))];
  if (missing.length) {
    const t0 = performance.now();
    log(`embedding ${missing.length} leakage-controlled movie texts (of ${new Set(all).size} needed; the rest cached)…`);
    await embedInPool(missing, { maxTokens: CATALOGUE_MAX_TOKENS, onBatch: (idx, vecs) => cache.add(idx.map((k, r) => [missing[k]!, vecs[r]!] as const)) });
    log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } else log(`${new Set(all).size} leakage-controlled movie texts, all cached`);

  return queries.map((q, k) => {
    const intent = intents[k]!;
    const residual = residuals[k]!;
    const qv = qvecs[k]!;
    const sims = residual ? scoreVectors(data.vectors, qv) : null;
    const { hold, rows, texts } = subs[k]!;
    let simsC: Float32Array | null = null;
    if (sims) {
      simsC = Float32Array.from(sims);
      if (rows.length) {
        const set = quantizeVectors(USE_LITE_ID, texts.map((t) => cache.get(t)!), USE_LITE_DIM);
        const s = scoreVectors(set, qv);
        rows.forEach((i, r) => (simsC![i] = s[r]!));
      }
    }
    const moodsC = Float32Array.from(data.moods);
    let moodRows = 0;
    movies.forEach((m, i) => {
      if (!rawTags[i]!.some((t) => hold.has(normaliseTag(t)))) return;
      moodRows++;
      const p = computeMoodProfile({ genres: m.genres, tags: rawTags[i]!, extract: details[i]!.extract }, { ignoreTags: hold });
      for (let j = 0; j < M; j++) moodsC[i * M + j] = Math.round(Math.min(1, Math.max(0, p[j]!)) * 255) / 255;
    });
    const relevant = q.relevant.map((id) => catalogue.indexOf.get(id)).filter((i): i is number => i !== undefined);
    return {
      q,
      intent,
      residual,
      relevant,
      relevantIds: new Set(q.relevant),
      built: { sims, moods: data.moods },
      controlled: { sims: simsC, moods: moodsC, textRows: rows.length, moodRows },
    };
  });
}

/** Seeded split of items into two halves (dev gets the extra one); stable for a given seed. */
export function splitHalves<T>(items: readonly T[], rng: Rng): { dev: T[]; test: T[] } {
  const order = shuffleInPlace(items.map((_, i) => i), rng);
  const cut = Math.ceil(items.length / 2);
  const inDev = new Set(order.slice(0, cut));
  return { dev: items.filter((_, i) => inDev.has(i)), test: items.filter((_, i) => !inDev.has(i)) };
}

/**
 * `npm run eval:semantic` — offline evaluation of search on the labelled semantic query set
 * (src/core/eval/queries/semantic.json: 57 topic and genre + mood queries whose relevance comes from
 * MovieLens user tags). Ranks the whole catalogue per query and reports recall@20 and nDCG@10 with
 * binary relevance (definitions in scripts/eval/metrics.ts) for:
 *   popularity      number of ratings
 *   quality prior   damped mean rating (prior weight 20 at the global mean)
 *   encoder only    cosine of the query's residual text (as the app embeds it) to the catalogue vectors
 *   RRF enc+pop     reciprocal-rank fusion (c = 60) of the two rankings above — a reference
 *   full ranking    the app's hybrid: RecoEngine.search(parseQuery intent, encoder sims, moods,
 *                   no user feedback, PRIOR_WEIGHTS), i.e. semantic + genre + mood + quality
 * twice: (a) with the data as built, where a query made from tag T can be answered by T itself
 * (catalogue texts embed each movie's top-5 tags; mood profiles use tags), and (b) leakage-
 * controlled (see scripts/eval/context.ts). Writes the tables to data/out/eval-semantic.md.
 */
import { loadavg } from 'node:os';
import { TOP_RATED_PRIOR_WEIGHT, dampedMean } from '../src/core/catalogue/rows';
import { RecoEngine } from '../src/core/engine/engine';
import { SEMANTIC_QUERIES } from '../src/core/eval/queries';
import { PRIOR_WEIGHTS, priorWeights } from '../src/core/hybrid/weights';
import { loadEvalContext, prepareQueries, type PreparedQuery } from './eval/context';
import { featureMatrix, rankTop } from './eval/features';
import { meanSe, paired, rrfScores, topIndices, topListMetrics } from './eval/metrics';
import { Report, f, pm } from './eval/table';

const log = (s: string) => console.log(`eval-semantic: ${s}`);
const METHODS = ['popularity', 'quality prior', 'encoder only', 'RRF enc+pop (ref.)', 'full ranking'] as const;
type Method = (typeof METHODS)[number];
type Cond = 'built' | 'controlled';

async function main(): Promise<void> {
  const t0 = performance.now();
  const load0 = loadavg()[0]!;
  const ctx = await loadEvalContext(log);
  const { catalogue, count } = ctx;
  const n = catalogue.movies.length;
  const quality = Float64Array.from(catalogue.movies, (m) => dampedMean(m.mean, m.n, catalogue.globalMean, TOP_RATED_PRIOR_WEIGHT));
  const prepared = await prepareQueries(ctx, SEMANTIC_QUERIES.queries, log);
  const popTop = topIndices(count, 20, count).map((i) => catalogue.movies[i]!.id);
  const qualTop = topIndices(quality, 20, count).map((i) => catalogue.movies[i]!.id);
  const builtEngine = new RecoEngine({ catalogue, moods: ctx.data.moods }, ctx.cf);

  // per[cond][method] = per-query {recall, ndcg}
  const per: Record<Cond, Record<Method, { recall: number; ndcg: number }[]>> = {
    built: Object.fromEntries(METHODS.map((m) => [m, []])) as unknown as Record<Method, { recall: number; ndcg: number }[]>,
    controlled: Object.fromEntries(METHODS.map((m) => [m, []])) as unknown as Record<Method, { recall: number; ndcg: number }[]>,
  };
  let agree = 0;
  let checks = 0;
  const ids = (idx: readonly number[]) => idx.map((i) => catalogue.movies[i]!.id);
  for (const p of prepared) {
    for (const cond of ['built', 'controlled'] as const) {
      const { sims, moods } = p[cond];
      const engine = cond === 'built' ? builtEngine : new RecoEngine({ catalogue, moods }, ctx.cf);
      const score = (top: readonly number[]) => topListMetrics(top, p.relevantIds, 20, 10);
      per[cond].popularity.push(score(popTop));
      per[cond]['quality prior'].push(score(qualTop));
      per[cond]['encoder only'].push(score(sims ? ids(topIndices(sims, 20, count)) : popTop));
      per[cond]['RRF enc+pop (ref.)'].push(score(sims ? ids(topIndices(rrfScores([sims, count], count), 20, count)) : popTop));
      const full = engine.search(p.intent, sims, priorWeights(), 20).map((r) => r.movie.id);
      per[cond]['full ranking'].push(score(full));
      // The tuning scripts re-rank from recorded features: check they reproduce the app's order.
      const fast = ids(rankTop(featureMatrix(engine, p.intent, sims, n), PRIOR_WEIGHTS, 20, count));
      checks++;
      if (fast.join() === full.join()) agree++;
    }
  }

  const report = new Report('Semantic query set (npm run eval:semantic)');
  const cell = (xs: number[]) => {
    const { mean, se } = meanSe(xs);
    return `${f(mean)} ± ${f(se)}`;
  };
  const subsets: [string, (p: PreparedQuery) => boolean][] = [
    [`all ${prepared.length} queries`, () => true],
    [`${prepared.filter((p) => !p.q.genres?.length).length} topic queries`, (p) => !p.q.genres?.length],
    [`${prepared.filter((p) => p.q.genres?.length).length} genre + mood queries`, (p) => (p.q.genres?.length ?? 0) > 0],
  ];
  for (const [label, keep] of subsets) {
    const mask = prepared.map(keep);
    const pick = (xs: { recall: number; ndcg: number }[], k: 'recall' | 'ndcg') => xs.filter((_, i) => mask[i]).map((x) => x[k]);
    report.table({
      title: `Semantic set, ${label}: mean ± s.e. over queries, whole catalogue (${n} movies) ranked`,
      head: ['method', 'recall@20 (a) built', 'nDCG@10 (a) built', 'recall@20 (b) leak-controlled', 'nDCG@10 (b) leak-controlled'],
      rows: METHODS.map((m) => [m, cell(pick(per.built[m], 'recall')), cell(pick(per.built[m], 'ndcg')), cell(pick(per.controlled[m], 'recall')), cell(pick(per.controlled[m], 'ndcg'))]),
    });
  }
  const cmp = (a: Method, b: Method, cond: Cond) => {
    const r = paired(per[cond][a].map((x) => x.ndcg), per[cond][b].map((x) => x.ndcg));
    return [`${b} vs ${a}`, cond === 'built' ? '(a) built' : '(b) leak-controlled', `${r.wins}/${r.ties}/${r.losses}`, pm(r.mean, r.se)];
  };
  report.table({
    title: 'Paired per-query comparison of nDCG@10 (all queries)',
    head: ['comparison', 'data', 'wins/ties/losses', 'mean diff ± s.e.'],
    rows: (['built', 'controlled'] as const).flatMap((c) => [cmp('encoder only', 'full ranking', c), cmp('popularity', 'full ranking', c), cmp('popularity', 'encoder only', c)]),
  });
  const textRows = prepared.map((p) => p.controlled.textRows);
  const moodRows = prepared.map((p) => p.controlled.moodRows);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  report.text(
    [
      `Definitions: binary relevance from the query's tags (src/core/eval/queries/README.md). recall@20 = |relevant ∩ top 20| / |relevant|;`,
      `nDCG@10 = Σ_{p<10, relevant} 1/log2(p+2) divided by the same sum for an ideal list of min(10, |relevant|) hits.`,
      `(b) leak-controlled: the query's hold-out tags are removed from the embedded top-5 tags of the ${sum(textRows)} (movie, query) pairs that had them`,
      `(re-embedded, ${Math.min(...textRows)}–${Math.max(...textRows)} per query) and ignored in the mood profiles of ${sum(moodRows)} (movie, query) pairs.`,
      `Relevance is incomplete (only 1,572 movies carry any tag), so absolute figures are lower bounds; popularity is the baseline to beat.`,
      `Full ranking = RecoEngine.search with PRIOR_WEIGHTS ${JSON.stringify(PRIOR_WEIGHTS.w)} (bias ${PRIOR_WEIGHTS.bias}), no user.`,
      `Fast re-ranker agreement with RecoEngine.search top 20: ${agree}/${checks}.`,
      `Runtime ${((performance.now() - t0) / 1000).toFixed(1)} s; 1-min load average ${load0.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end (shared 2-core machine).`,
    ].join('\n'),
  );
  log(`wrote ${report.write('eval-semantic')}`);
  ctx.embedder.dispose();
}

main().catch((err: unknown) => {
  console.error(`eval-semantic: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});

/**
 * Offline check of query understanding + mood profiles on the labelled query sets:
 * ranks the whole catalogue per query and prints P@10, nDCG@10 and MAP for
 *   popularity            – number of ratings (the baseline any tag-derived set flatters)
 *   genre                 – genreMatch only (excluded genres filtered), popularity tie-break
 *   mood+genre (leaky)    – moodMatch + genreMatch with profiles built from all tags
 *   mood+genre (held out) – the same with the query's `holdOut` tags ignored in the profiles
 *   mood+genre (no tags)  – profiles from genres and Wikipedia text only
 * Year constraints from the parsed query filter in all but popularity. Run twice: over the whole
 * catalogue, and over the 1,572 tagged movies only (the only ones that can be labelled relevant,
 * which removes the "tagged films are popular" confound).
 *
 *   npx tsx scripts/mood/eval-moods.ts
 */
import type { MovieIndexEntry } from '../../src/core/catalogue/types';
import { MOOD_QUERIES, SEMANTIC_QUERIES, type EvalQuery } from '../../src/core/eval/queries';
import { listMetrics, relevantPositions } from '../../src/core/eval/metrics';
import { MOOD_IDS } from '../../src/core/mood/moods';
import { moodMatch } from '../../src/core/mood/match';
import { combineEvidence, extractEvidence, genrePrior, tagEvidence, type Evidence } from '../../src/core/mood/profile';
import { genreMatch } from '../../src/core/query/genre-match';
import { parseQuery } from '../../src/core/query/parse';
import type { QueryIntent } from '../../src/core/query/types';
import { MOVIELENS_DIR, OUT_DIR } from '../paths';
import { loadMoodInputs } from './load';

const K = 10;
const M = MOOD_IDS.length;

interface Metrics {
  p10: number;
  ndcg10: number;
  ap: number;
}

function metrics(ranked: readonly number[], relevant: ReadonlySet<number>): Metrics {
  const positions = relevantPositions(ranked, relevant);
  let apSum = 0;
  positions.forEach((r, h) => (apSum += (h + 1) / (r + 1)));
  const p10 = ranked.slice(0, K).filter((id) => relevant.has(id)).length / K;
  return { p10, ndcg10: listMetrics(positions, relevant.size, K).ndcg, ap: relevant.size ? apSum / relevant.size : 0 };
}

function rank(index: readonly MovieIndexEntry[], score: (i: number) => number | null, pool: (i: number) => boolean): number[] {
  const rows: [number, number][] = [];
  index.forEach((_, i) => {
    if (!pool(i)) return;
    const s = score(i);
    if (s !== null) rows.push([s, i]);
  });
  rows.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return rows.map(([, i]) => index[i]!.id);
}

function main(): void {
  const t0 = performance.now();
  const data = loadMoodInputs(OUT_DIR, MOVIELENS_DIR);
  const { index } = data;
  const maxN = Math.max(...index.map((m) => m.n));
  const pop = index.map((m) => Math.log1p(m.n) / Math.log1p(maxN));
  const priors = index.map((m) => genrePrior(m.genres));
  const extracts = index.map((_, i) => extractEvidence(data.details[i]!.extract));
  const none: Evidence = { pos: new Float32Array(M), neg: new Float32Array(M) };
  const tagged = index.map((_, i) => data.tags[i]!.length > 0);
  const noTags = index.map((_, i) => combineEvidence(priors[i]!, none, extracts[i]!));
  const leaky = index.map((_, i) => combineEvidence(priors[i]!, tagged[i] ? tagEvidence(data.tags[i]!) : none, extracts[i]!));

  const inYears = (intent: QueryIntent, m: MovieIndexEntry) =>
    !intent.years || (m.year !== null && (intent.years.from === undefined || m.year >= intent.years.from) && (intent.years.to === undefined || m.year <= intent.years.to));
  const hybrid = (intent: QueryIntent, prof: readonly Float32Array[]) => (i: number) => {
    const m = index[i]!;
    const g = genreMatch(intent.genres, m.genres);
    if (g.excluded || !inYears(intent, m)) return null;
    return moodMatch(intent.moods, prof[i]!) + g.score + 1e-3 * pop[i]!;
  };

  const methods = ['popularity', 'genre', 'mood+genre (leaky)', 'mood+genre (held out)', 'mood+genre (no tags)'] as const;
  const report = (name: string, queries: readonly EvalQuery[], pool: (i: number) => boolean) => {
    const sums = new Map<string, Metrics>(methods.map((m) => [m, { p10: 0, ndcg10: 0, ap: 0 }]));
    let withMoods = 0;
    let withGenres = 0;
    for (const q of queries) {
      const intent = parseQuery(q.text);
      if (intent.moods.length) withMoods++;
      if (intent.genres.include.length || intent.genres.exclude.length) withGenres++;
      const relevant = new Set(q.relevant);
      const heldOut = index.map((_, i) =>
        tagged[i] ? combineEvidence(priors[i]!, tagEvidence(data.tags[i]!, { ignoreTags: new Set(q.holdOut) }), extracts[i]!) : noTags[i]!,
      );
      const rankings: Record<(typeof methods)[number], number[]> = {
        popularity: rank(index, (i) => pop[i]!, pool),
        genre: rank(index, (i) => {
          const m = index[i]!;
          const g = genreMatch(intent.genres, m.genres);
          return g.excluded || !inYears(intent, m) ? null : g.score + 1e-3 * pop[i]!;
        }, pool),
        'mood+genre (leaky)': rank(index, hybrid(intent, leaky), pool),
        'mood+genre (held out)': rank(index, hybrid(intent, heldOut), pool),
        'mood+genre (no tags)': rank(index, hybrid(intent, noTags), pool),
      };
      for (const m of methods) {
        const r = metrics(rankings[m], relevant);
        const s = sums.get(m)!;
        s.p10 += r.p10;
        s.ndcg10 += r.ndcg10;
        s.ap += r.ap;
      }
    }
    const n = queries.length;
    console.log(`\n${name}: ${n} queries (${withMoods} parsed with moods, ${withGenres} with genres)`);
    console.log('method                   P@10    nDCG@10  MAP');
    for (const m of methods) {
      const s = sums.get(m)!;
      console.log(`${m.padEnd(24)} ${(s.p10 / n).toFixed(3)}   ${(s.ndcg10 / n).toFixed(3)}    ${(s.ap / n).toFixed(3)}`);
    }
  };
  const isGenreMood = (q: EvalQuery) => (q.genres?.length ?? 0) > 0;
  const all = () => true;
  const onlyTagged = (i: number) => tagged[i]!;
  for (const [label, pool] of [['all movies', all], ['tagged movies only', onlyTagged]] as const) {
    console.log(`\n===== candidates: ${label} (${index.filter((_, i) => pool(i)).length}) =====`);
    report('semantic: topic queries', SEMANTIC_QUERIES.queries.filter((q) => !isGenreMood(q)), pool);
    report('semantic: genre + mood queries', SEMANTIC_QUERIES.queries.filter(isGenreMood), pool);
    report('moods', MOOD_QUERIES.queries, pool);
  }
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s; ties broken by popularity)`);
}

main();

/**
 * `npm run eval:intent`: does search do what was asked? Runs the labelled queries of
 * scripts/eval/intent-set.ts through the app's path — parseQuery with the catalogue's people index,
 * the sentence encoder when the query leaves words for it (USE-lite, as the app), RecoEngine.searchPage
 * with mood profiles and content data, for a new user — and checks each expectation against the
 * data. Prints the pass rate per category and overall (a query passes when all its checks hold).
 *
 *   npm run eval:intent [-- --verbose] [-- --no-encoder] [-- --baseline]
 *
 * `--baseline` runs the same checks without the catalogue-dependent understanding (no people index
 * or title lookup in the parser, no content data in the ranker) — the search before issue #15 —
 * and the plain title search without typo tolerance is not available, so typos are still checked
 * against the current instant search.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { searchTitles } from '../src/core/catalogue/search';
import { decodeCatalogueDetails } from '../src/core/catalogue/codec';
import { trainCf } from '../src/core/cf/model';
import { CONTENT_DIMS, decodeContentData } from '../src/core/content/limits';
import { RecoEngine } from '../src/core/engine/engine';
import { priorWeights } from '../src/core/hybrid/weights';
import { MOOD_IDS, type MoodId } from '../src/core/mood/moods';
import { decodePeople, PeopleIndex } from '../src/core/people/people';
import { parseQuery } from '../src/core/query/parse';
import { encoderText, needsEncoder } from '../src/core/query/plan';
import { scoreVectors } from '../src/core/semantic/score';
import { loadUseLiteNode } from '../src/ml/node/use-lite';
import { loadBuiltData } from './lib/node-recommender';
import { OUT_DIR } from './paths';
import { INTENT_CASES, type Category, type Check } from './eval/intent-set';

const verbose = process.argv.includes('--verbose');
const useEncoder = !process.argv.includes('--no-encoder');
const baseline = process.argv.includes('--baseline');

async function main(): Promise<void> {
  const load0 = loadavg()[0]!;
  const t0 = performance.now();
  const data = loadBuiltData();
  const { catalogue } = data;
  const n = catalogue.movies.length;
  const json = (name: string) => JSON.parse(readFileSync(join(OUT_DIR, name), 'utf8')) as unknown;
  const people = new PeopleIndex(decodePeople(json('people.json'), n), catalogue);
  const content = decodeContentData(json('content.json'), n);
  const details = decodeCatalogueDetails(json('details.json'), catalogue.movies.map((m) => m.id));
  const engine = new RecoEngine({ catalogue, moods: data.moods, content: baseline ? null : content }, trainCf(data.ratings));
  const embedder = useEncoder && data.vectors ? await loadUseLiteNode() : null;
  const level = (i: number, dim: string) => content.levels[i * CONTENT_DIMS.length + CONTENT_DIMS.indexOf(dim as (typeof CONTENT_DIMS)[number])]!;
  const mood = (i: number, m: string) => (data.moods ? data.moods[i * MOOD_IDS.length + MOOD_IDS.indexOf(m as MoodId)]! : 0);

  const byCat = new Map<Category, { pass: number; total: number }>();
  const failures: string[] = [];
  for (const c of INTENT_CASES) {
    const intent = parseQuery(c.q, { latestYear: catalogue.latestYear, context: baseline ? {} : { catalogue, people } });
    let sims: Float32Array | null = null;
    const text = encoderText(intent, (id) => details[catalogue.indexOf.get(id)!]?.extract?.slice(0, 600));
    if (embedder && data.vectors && needsEncoder(intent) && text) sims = scoreVectors(data.vectors, (await embedder.embed([text]))[0]!);
    const top = engine.searchPage(intent, sims, priorWeights(), 10).items;
    const idx = top.map((x) => x.index);
    const problems: string[] = [];
    const count = (f: (i: number) => boolean) => idx.filter(f).length;
    for (const k of c.checks as Check[]) {
      switch (k.t) {
        case 'person': {
          const has = (i: number) => (k.role !== 'cast' && people.directorsOf(i).includes(k.name)) || (k.role !== 'director' && people.castOf(i).includes(k.name));
          const got = count(has);
          if (got < k.min) problems.push(`${got}/10 with ${k.name} (want ≥ ${k.min})`);
          break;
        }
        case 'like': {
          if (intent.like?.movieId !== k.movieId) problems.push(`resolved to ${intent.like?.title ?? 'nothing'}`);
          if (top.some((x) => x.movie.id === k.movieId)) problems.push('the title itself is among the results');
          const src: string[] = catalogue.movies[catalogue.indexOf.get(k.movieId)!]!.genres.filter((g) => g !== "IMAX");
          const got = count((i) => catalogue.movies[i]!.genres.some((g) => src.includes(g)));
          if (got < k.min) problems.push(`${got}/10 share a genre (want ≥ ${k.min})`);
          break;
        }
        case 'years': {
          const bad = top.filter((x) => x.movie.year === null || (k.from !== undefined && x.movie.year < k.from) || (k.to !== undefined && x.movie.year > k.to));
          if (bad.length || top.length < 10) problems.push(`${bad.length} outside ${k.from ?? ''}–${k.to ?? ''}${top.length < 10 ? `, only ${top.length} results` : ''}`);
          break;
        }
        case 'limit': {
          const bad = count((i) => level(i, k.dim) > k.max);
          if (bad) problems.push(`${bad}/10 above ${k.dim} ${k.max}`);
          break;
        }
        case 'title': {
          const hit = searchTitles(catalogue, c.q, 5)[0]?.movie.title;
          if (hit !== k.title) problems.push(`first hit ${hit ?? 'none'}`);
          break;
        }
        case 'genres': {
          const got = count((i) => k.all.every((g) => (catalogue.movies[i]!.genres as string[]).includes(g)));
          if (got < k.min) problems.push(`${got}/10 ${k.all.join('+')} (want ≥ ${k.min})`);
          break;
        }
        case 'noGenre': {
          const gs = (i: number) => catalogue.movies[i]!.genres as string[];
          const bad = count((i) => (k.combo ? k.genres.every((g) => gs(i).includes(g)) : k.genres.some((g) => gs(i).includes(g))));
          if (bad) problems.push(`${bad}/10 with ${k.genres.join(k.combo ? '+' : '/')}`);
          break;
        }
        case 'mood': {
          const got = count((i) => mood(i, k.mood) >= 0.4);
          if (got < k.min) problems.push(`${got}/10 ${k.mood} (want ≥ ${k.min})`);
          break;
        }
        case 'topic': {
          const set = content.topics.get(k.topic);
          const got = count((i) => !!set?.has(i));
          if (got < k.min) problems.push(`${got}/10 about ${k.topic} (want ≥ ${k.min})`);
          break;
        }
        case 'noTopic': {
          const set = content.topics.get(k.topic);
          const bad = count((i) => !!set?.has(i));
          if (bad) problems.push(`${bad}/10 about ${k.topic}`);
          break;
        }
      }
    }
    const s = byCat.get(c.cat) ?? { pass: 0, total: 0 };
    s.total++;
    if (!problems.length) s.pass++;
    byCat.set(c.cat, s);
    if (problems.length) failures.push(`  [${c.cat}] "${c.q}": ${problems.join('; ')}`);
    if (verbose) console.log(`${problems.length ? 'FAIL' : 'ok  '} [${c.cat}] ${c.q} → ${top.slice(0, 5).map((x) => x.movie.title).join(' · ')}`);
  }
  let pass = 0;
  let total = 0;
  console.log(`\neval:intent — ${INTENT_CASES.length} labelled queries, top 10 of the app's ranking (new user${embedder ? ', USE-lite encoder' : ', no encoder'}${baseline ? '; BASELINE: no people, titles or content data' : ''})`);
  console.log('category        passed   rate');
  for (const [cat, s] of byCat) {
    pass += s.pass;
    total += s.total;
    console.log(`${cat.padEnd(14)} ${String(s.pass).padStart(3)}/${String(s.total).padEnd(3)} ${((100 * s.pass) / s.total).toFixed(0).padStart(4)}%`);
  }
  console.log(`${'overall'.padEnd(14)} ${String(pass).padStart(3)}/${String(total).padEnd(3)} ${((100 * pass) / total).toFixed(0).padStart(4)}%`);
  if (failures.length) console.log(`\nFailures:\n${failures.join('\n')}`);
  console.log(`\nRuntime ${((performance.now() - t0) / 1000).toFixed(1)} s; 1-min load average ${load0.toFixed(2)} at start.`);
  embedder?.dispose();
}

main().catch((err: unknown) => {
  console.error(`eval:intent: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

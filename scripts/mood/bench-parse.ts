/**
 * Throughput of `parseQuery` and `moodMatch` (figures are noisy on a shared machine).
 *
 *   npx tsx scripts/mood/bench-parse.ts
 */
import { MOOD_QUERIES, SEMANTIC_QUERIES } from '../../src/core/eval/queries';
import { moodMatch } from '../../src/core/mood/match';
import { MOOD_IDS } from '../../src/core/mood/moods';
import { parseQuery, type ParseOptions } from '../../src/core/query/parse';
import { searchTitles } from '../../src/core/catalogue/search';
import { decodePeople, PeopleIndex } from '../../src/core/people/people';
import { loadBuiltData } from '../lib/node-recommender';
import { OUT_DIR } from '../paths';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { INTENT_CASES } from '../eval/intent-set';

const texts = [
  ...SEMANTIC_QUERIES.queries.map((q) => q.text),
  ...MOOD_QUERIES.queries.map((q) => q.text),
  'a feel-good sci-fi movie about space, no horror, from the 90s',
  "I'm sad and stressed after a long day, cheer me up but nothing too silly, anything but westerns, after 2010",
  'really really scary thriler documentry comdey between 1995 and 2000 without zombies or vampires',
  ...INTENT_CASES.filter((c) => c.cat !== 'typos').map((c) => c.q),
];
// With the real catalogue and people index, as the app parses (people, "like <title>", limits).
const data = loadBuiltData();
const people = new PeopleIndex(decodePeople(JSON.parse(readFileSync(join(OUT_DIR, 'people.json'), 'utf8')), data.catalogue.movies.length), data.catalogue);
const opts: ParseOptions = { latestYear: data.catalogue.latestYear, context: { catalogue: data.catalogue, people } };
for (let i = 0; i < 50; i++) for (const t of texts) parseQuery(t, opts); // warm-up
const rounds = 100;
const per: number[] = [];
let t0 = performance.now();
// CPU time (user + system) per text: wall time on the shared machine mostly measures the neighbours.
for (const t of texts) {
  const c = process.cpuUsage();
  for (let r = 0; r < rounds; r++) parseQuery(t, opts);
  const u = process.cpuUsage(c);
  per.push((u.user + u.system) / 1000 / rounds);
}
let dt = performance.now() - t0;
per.sort((a, b) => a - b);
console.log(
  `parseQuery (with catalogue + people): ${texts.length} texts × ${rounds} rounds → wall mean ${((dt * 1000) / (rounds * texts.length)).toFixed(1)} µs per query; ` +
    `CPU per text median ${(per[per.length >> 1]! * 1000).toFixed(0)} µs, p95 ${(per[Math.floor(per.length * 0.95)]! * 1000).toFixed(0)} µs, slowest ${(per[per.length - 1]! * 1000).toFixed(0)} µs (load ${loadavg()[0]!.toFixed(1)})`,
);
const typos = INTENT_CASES.filter((c) => c.cat === 'typos').map((c) => c.q);
for (let i = 0; i < 20; i++) for (const t of typos) searchTitles(data.catalogue, t, 12);
t0 = performance.now();
for (let r = 0; r < 20; r++) for (const t of typos) searchTitles(data.catalogue, t, 12);
console.log(`searchTitles (typo-tolerant, ${typos.length} queries): ${((performance.now() - t0) / (20 * typos.length)).toFixed(2)} ms per query`);

const intent = parseQuery("I'm sad, cheer me up, nothing scary");
const n = 9742;
const profiles = new Float32Array(n * MOOD_IDS.length).map((_, i) => ((i * 2654435761) % 1000) / 1000);
t0 = performance.now();
let sink = 0;
for (let r = 0; r < 50; r++) for (let i = 0; i < n; i++) sink += moodMatch(intent.moods, profiles.subarray(i * 10, i * 10 + 10));
dt = performance.now() - t0;
console.log(`moodMatch over ${n} movies (${intent.moods.length} moods): ${(dt / 50).toFixed(2)} ms per catalogue pass (checksum ${sink.toFixed(1)})`);

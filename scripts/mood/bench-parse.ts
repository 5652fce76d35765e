/**
 * Throughput of `parseQuery` and `moodMatch` (figures are noisy on a shared machine).
 *
 *   npx tsx scripts/mood/bench-parse.ts
 */
import { MOOD_QUERIES, SEMANTIC_QUERIES } from '../../src/core/eval/queries';
import { moodMatch } from '../../src/core/mood/match';
import { MOOD_IDS } from '../../src/core/mood/moods';
import { parseQuery } from '../../src/core/query/parse';

const texts = [
  ...SEMANTIC_QUERIES.queries.map((q) => q.text),
  ...MOOD_QUERIES.queries.map((q) => q.text),
  'a feel-good sci-fi movie about space, no horror, from the 90s',
  "I'm sad and stressed after a long day, cheer me up but nothing too silly, anything but westerns, after 2010",
  'really really scary thriler documentry comdey between 1995 and 2000 without zombies or vampires',
];
for (let i = 0; i < 200; i++) for (const t of texts) parseQuery(t); // warm-up
const rounds = 2000;
let t0 = performance.now();
for (let r = 0; r < rounds; r++) for (const t of texts) parseQuery(t);
let dt = performance.now() - t0;
console.log(`parseQuery: ${texts.length} texts × ${rounds} rounds → ${((dt * 1000) / (rounds * texts.length)).toFixed(1)} µs per query`);

const intent = parseQuery("I'm sad, cheer me up, nothing scary");
const n = 9742;
const profiles = new Float32Array(n * MOOD_IDS.length).map((_, i) => ((i * 2654435761) % 1000) / 1000);
t0 = performance.now();
let sink = 0;
for (let r = 0; r < 50; r++) for (let i = 0; i < n; i++) sink += moodMatch(intent.moods, profiles.subarray(i * 10, i * 10 + 10));
dt = performance.now() - t0;
console.log(`moodMatch over ${n} movies (${intent.moods.length} moods): ${(dt / 50).toFixed(2)} ms per catalogue pass (checksum ${sink.toFixed(1)})`);

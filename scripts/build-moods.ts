/**
 * `npm run data` (after the catalogue step): computes every movie's mood profile from its genres,
 * MovieLens user tags and Wikipedia lead, writes public/data/moods.bin and records it in
 * manifest.json. `--if-stale` skips the work when the inputs and the mood code are unchanged.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { encodeMoods } from '../src/core/mood/codec';
import { MOOD_IDS } from '../src/core/mood/moods';
import { computeMoodMatrix } from '../src/core/mood/profile';
import { MOVIELENS_DIR, OUT_DIR, ROOT } from './paths';
import { DataError } from './pipeline/errors';
import { readManifest, sha256, writeAll } from './pipeline/write';
import { loadMoodInputs } from './mood/load';

type Manifest = NonNullable<ReturnType<typeof readManifest>> & { moodInputs?: string };

/** Fingerprint of the catalogue files, tags.csv and the mood code. */
function fingerprint(manifest: Manifest): string {
  const parts = ['catalogue.json', 'catalogue-extended.json', 'details.json'].map((f) => manifest.files[f]?.sha256 ?? 'missing');
  try {
    const s = statSync(join(MOVIELENS_DIR, 'tags.csv'));
    parts.push(`tags.csv:${s.size}:${s.mtimeMs}`);
  } catch {
    parts.push('tags.csv:missing');
  }
  const moodDir = join(ROOT, 'src/core/mood');
  for (const f of readdirSync(moodDir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts')).sort()) {
    parts.push(sha256(readFileSync(join(moodDir, f))));
  }
  parts.push(sha256(readFileSync(join(ROOT, 'scripts/build-moods.ts'))));
  return sha256(parts.join('\n'));
}

function main(): void {
  const manifest = readManifest(OUT_DIR) as Manifest | null;
  if (!manifest) throw new DataError(join(OUT_DIR, 'manifest.json'), null, 'missing or unreadable (run `npm run data` first)');
  const inputs = fingerprint(manifest);
  if (process.argv.includes('--if-stale') && manifest.moodInputs === inputs && manifest.files['moods.bin']) {
    try {
      if (sha256(readFileSync(join(OUT_DIR, 'moods.bin'))) === manifest.files['moods.bin'].sha256) {
        console.log('moods: up to date');
        return;
      }
    } catch {
      // moods.bin is gone: rebuild it.
    }
  }
  const t0 = performance.now();
  const data = loadMoodInputs(OUT_DIR, MOVIELENS_DIR);
  const matrix = computeMoodMatrix(
    data.index.map((m, i) => ({ genres: m.genres, tags: data.tags[i]!, extract: data.details[i]!.extract })),
  );
  const bytes = encodeMoods(matrix);
  const files = writeAll(OUT_DIR, { 'moods.bin': bytes });
  // Re-read: another step may have updated the manifest meanwhile.
  const latest = (readManifest(OUT_DIR) as Manifest | null) ?? manifest;
  latest.files = { ...latest.files, ...files };
  latest.moodInputs = inputs;
  writeAll(OUT_DIR, { 'manifest.json': JSON.stringify(latest, null, 2) });

  const k = MOOD_IDS.length;
  const n = matrix.nMovies;
  console.log(`moods: ${n} movies × ${k} moods → ${relative(ROOT, join(OUT_DIR, 'moods.bin'))} (${bytes.byteLength} bytes) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`moods: ${data.tags.filter((t) => t.length).length} movies have tags, ${data.details.filter((d) => d.extract).length} an extract`);
  console.log('mood                 >0     ≥0.25  ≥0.5   ≥0.75  mean   top 3');
  MOOD_IDS.forEach((id, m) => {
    const col = Array.from({ length: n }, (_, i) => Math.round(matrix.scores[i * k + m]! * 255) / 255);
    const count = (t: number) => col.filter((s) => s >= t).length;
    const mean = col.reduce((a, b) => a + b, 0) / n;
    const top = col
      .map((s, i) => [s, i] as const)
      .sort((a, b) => b[0] - a[0] || data.index[b[1]]!.n - data.index[a[1]]!.n)
      .slice(0, 3)
      .map(([, i]) => data.index[i]!.title);
    console.log(
      `${id.padEnd(20)} ${String(col.filter((s) => s > 0).length).padEnd(6)} ${String(count(0.25)).padEnd(6)} ${String(count(0.5)).padEnd(6)} ${String(count(0.75)).padEnd(6)} ${mean.toFixed(3)}  ${top.join(' · ')}`,
    );
  });
}

try {
  main();
} catch (err) {
  if (err instanceof DataError) {
    console.error(`moods: ${err.message}`);
    process.exit(1);
  }
  throw err;
}

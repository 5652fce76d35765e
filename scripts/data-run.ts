/**
 * `npm run data [-- --catalogue lean|extended]` and `npm run data:if-stale`: the three data steps in
 * order — catalogue (scripts/data.ts), moods (scripts/build-moods.ts), catalogue vectors
 * (scripts/embed-catalogue.ts) — stopping at the first failure. `--catalogue` is passed on as
 * RECOSTREAM_CATALOGUE, so every step sees the same choice (npm would hand it to the last step only).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './paths';

const argv = process.argv.slice(2);
const env = { ...process.env };
const rest: string[] = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === '--catalogue') env.RECOSTREAM_CATALOGUE = argv[++i] ?? '';
  else if (a.startsWith('--catalogue=')) env.RECOSTREAM_CATALOGUE = a.slice('--catalogue='.length);
  else rest.push(a);
}
const ifStale = rest.includes('--if-stale');
const steps: [string, string[]][] = [
  ['scripts/data.ts', rest],
  ['scripts/build-moods.ts', ifStale ? ['--if-stale'] : []],
  ['scripts/embed-catalogue.ts', []],
];
const tsx = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
for (const [script, args] of steps) {
  const r = spawnSync(tsx, [join(ROOT, script), ...args], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/**
 * Top-N benchmark on MovieLens latest-small: recall@20, NDCG@20 and HR@10 (mean ± standard error
 * over users, and paired against EASE) for popularity, ItemKNN cosine, RP3beta, EASE, today's CF
 * ranking (`rankingScores`, relevance) and the new default (src/core/topn), on three protocols
 * (see scripts/topn/protocols.ts); then training time, model size and fold-in / row-update times.
 * Every split is written to data/folds/topn-<protocol>-<seed>.csv (userId,movieId,rating,test).
 *
 * The defaults were tuned with `-- --tune` on validation splits that never touch the reported test
 * items: the temporal protocols applied once more to their own training part ("one step earlier"),
 * and the random protocol with seed 1; reported: the real temporal test splits and seed 2.
 * Usage: npm run bench:topn [-- --tune] [-- --seed 2]
 */
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { foldInUser, rankingScores } from '../src/core/cf/foldin';
import { trainCf, userRatings } from '../src/core/cf/model';
import { BINARY, GRADED, easeScores, trainEase, type CommunityValue, type EaseModel, type Interaction } from '../src/core/topn/ease';
import { communityValue, TOPN_DEFAULTS, withRecency, type TopNOptions } from '../src/core/topn/input';
import { meanSe, paired } from './eval/metrics';
import { loadRatings } from './cf/load';
import { itemKnnCosine, popularity, rp3beta } from './topn/baselines';
import { evaluate, makeSplit, split, trainRows, writeSplitCsv, type Protocol, type Split, type UserMetrics } from './topn/protocols';
import { MOVIELENS_DIR, ROOT } from './paths';

const { values } = parseArgs({
  options: {
    tune: { type: 'boolean', default: false },
    seed: { type: 'string', default: '2' },
    'tune-seed': { type: 'string', default: '1' },
    /** Tuning only: comma-separated protocols to tune on (default all three). */
    protocols: { type: 'string', default: 'last5,loo,random20' },
  },
});
const data = loadRatings(MOVIELENS_DIR);
const { coo } = data;
const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
console.log(`MovieLens latest-small: ${coo.rating.length} ratings, ${coo.nUsers} users, ${coo.nItems} movies; Node ${process.version}, ${load()}`);

const cpu = <T>(f: () => T): { value: T; s: number; wall: number } => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, s: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 };
};

// ---------- models ----------
type Scorer = (u: number) => ArrayLike<number>;

/** EASE scorer: trains on the split's training ratings, folds each user in with `input`. */
function easeScorer(s: Split, lambda: number, value: CommunityValue, recency: TopNOptions['recency'] | null): { score: Scorer; model: EaseModel } {
  const model = trainEase(s.train, { lambda, value });
  const rows = trainRows(s);
  const buf = new Float64Array(coo.nItems);
  const score = (u: number) => {
    const timed = rows[u]!.map((r) => ({ item: r.item, value: value(r.rating), at: r.at })).filter((r) => r.value !== 0);
    const x: Interaction[] = recency ? withRecency(timed, recency) : timed;
    return easeScores(model, x, buf);
  };
  return { score, model };
}

function todayScorer(s: Split): Scorer {
  const model = trainCf(s.train);
  const buf = new Float64Array(coo.nItems);
  return (u) => rankingScores(model, foldInUser(model, userRatings(model, u), { self: u }), 'relevance', buf);
}

const NO_RECENCY = null;

// ---------- splits ----------
const TUNE_SEED = Number(values['tune-seed']);
const SEED = Number(values.seed);
function temporal(protocol: Protocol, earlier: boolean): Split {
  const test = split(coo, protocol, 0);
  if (!earlier) {
    writeSplitCsv(join(ROOT, 'data', 'folds', `topn-${protocol}-time.csv`), data, test);
    return makeSplit(coo, `${protocol} (test)`, test);
  }
  // Validation: the same protocol applied to the training part only; the test ratings are dropped.
  const keep = (k: number) => !test[k];
  const val = split(coo, protocol, 0, keep);
  writeSplitCsv(join(ROOT, 'data', 'folds', `topn-${protocol}-time-validation.csv`), data, val, keep);
  return makeSplit(coo, `${protocol} (validation)`, val, keep);
}
function random(seed: number): Split {
  const test = split(coo, 'random20', seed);
  writeSplitCsv(join(ROOT, 'data', 'folds', `topn-random20-seed${seed}.csv`), data, test);
  return makeSplit(coo, `random20 (seed ${seed})`, test);
}

const fmt = (x: { mean: number; se: number }) => `${x.mean.toFixed(4)} ±${x.se.toFixed(4)}`;

// ---------- tuning ----------
if (values.tune) {
  const wanted = new Set(values.protocols.split(','));
  const splits = [wanted.has('last5') && temporal('last5', true), wanted.has('loo') && temporal('loo', true), wanted.has('random20') && random(TUNE_SEED)].filter((x): x is Split => !!x);
  const VALUES: [string, CommunityValue][] = [
    ['binary', BINARY],
    ['graded (≥3.5: 1, else ½)', GRADED],
    ['graded (≥3.5: 1, else ¼)', (r) => (r >= 3.5 ? 1 : 0.25)],
  ];
  // Fold-in of a user's own low ratings (≤ 2 stars, the community's "dislikes"): as in X, or negative.
  const LOW: [string, number | null][] = [
    ['low as X', null],
    ['low −½', -0.5],
  ];
  const LAMBDAS = [100, 200];
  const RECENCY: (TopNOptions['recency'] | null)[] = [null, { halfLife: 10, floor: 0.5 }, { halfLife: 10, floor: 0.3 }, { halfLife: 20, floor: 0.5 }, { halfLife: 5, floor: 0.5 }];
  for (const s of splits) {
    console.log(`\n== tuning on ${s.name}`);
    const base = evaluate(s, easeScorer(s, 100, BINARY, NO_RECENCY).score);
    console.log(`EASE λ 100 binary: recall@20 ${fmt(meanSe(base.recall20))}  NDCG@20 ${fmt(meanSe(base.ndcg20))}  HR@10 ${fmt(meanSe(base.hr10))}`);
    const rows = trainRows(s);
    const buf = new Float64Array(coo.nItems);
    for (const [vname, value] of VALUES) {
      for (const lambda of LAMBDAS) {
        const model = trainEase(s.train, { lambda, value });
        for (const [lname, low] of LOW) {
          if (low !== null && vname === 'binary') continue;
          for (const rec of RECENCY) {
            const m = evaluate(s, (u) => {
              const timed = rows[u]!.map((r) => ({ item: r.item, value: low !== null && r.rating <= 2 ? low : value(r.rating), at: r.at }));
              return easeScores(model, rec ? withRecency(timed, rec) : timed, buf);
            });
            const d = paired(base.recall20, m.recall20);
            const dn = paired(base.ndcg20, m.ndcg20);
            const dh = paired(base.hr10, m.hr10);
            const sg = (x: { mean: number; se: number }) => `${x.mean >= 0 ? '+' : ''}${x.mean.toFixed(4)} ±${x.se.toFixed(4)}`;
            console.log(
              `${vname.padEnd(26)} ${lname.padEnd(9)} λ ${String(lambda).padStart(3)} recency ${(rec ? `h ${rec.halfLife} floor ${rec.floor}` : 'none').padEnd(16)} Δrecall@20 ${sg(d)}  ΔNDCG@20 ${sg(dn)}  ΔHR@10 ${sg(dh)}`,
            );
          }
        }
      }
    }
  }
  process.exit(0);
}

// ---------- report ----------
const splits = [temporal('last5', false), temporal('loo', false), random(SEED)];
console.log(`Splits written to data/folds/topn-*.csv. Reported: temporal test splits and random20 seed ${SEED} (defaults tuned on the validation splits and seed ${TUNE_SEED}).`);
const D = TOPN_DEFAULTS;
const names = ['Popularity', 'ItemKNN cosine (binary, k 200)', 'RP3beta (α 1, β 0.5)', 'EASE (binary X, λ 100)', "Today's model (rankingScores, relevance)", `New default: EASE λ ${D.lambda}, ${D.community} X, recency fold-in (h ${D.recency.halfLife}, floor ${D.recency.floor})`];
for (const s of splits) {
  const results: UserMetrics[] = [];
  const times: number[] = [];
  const run = (make: () => Scorer) => {
    const t = cpu(() => {
      const score = make();
      return evaluate(s, score);
    });
    results.push(t.value);
    times.push(t.s);
  };
  const pop = popularity(s.train);
  run(() => () => pop);
  run(() => itemKnnCosine(s.train, 200));
  run(() => rp3beta(s.train, 0.5));
  run(() => easeScorer(s, 100, BINARY, NO_RECENCY).score);
  run(() => todayScorer(s));
  run(() => easeScorer(s, D.lambda, communityValue(D.community), D.recency).score);
  const ease = results[3]!;
  console.log(`\n${s.name}: ${ease.users.length} users, ${s.test.reduce((a, t) => a + t.length, 0)} held-out ratings; every movie a user did not rate in training is ranked. Paired Δ = model − EASE (± s.e.).`);
  console.log(`${'model'.padEnd(62)} ${'recall@20'.padStart(15)} ${'NDCG@20'.padStart(15)} ${'HR@10'.padStart(15)} ${'Δ recall@20 vs EASE'.padStart(20)} ${'Δ NDCG@20'.padStart(18)} ${'Δ HR@10'.padStart(18)} ${'CPU s'.padStart(6)}`);
  results.forEach((m, t) => {
    const dr = paired(ease.recall20, m.recall20);
    const dn = paired(ease.ndcg20, m.ndcg20);
    const dh = paired(ease.hr10, m.hr10);
    const sign = (x: { mean: number; se: number }) => (t === 3 ? '—' : `${x.mean >= 0 ? '+' : ''}${x.mean.toFixed(4)} ±${x.se.toFixed(4)}`);
    console.log(
      `${names[t]!.padEnd(62)} ${fmt(meanSe(m.recall20)).padStart(15)} ${fmt(meanSe(m.ndcg20)).padStart(15)} ${fmt(meanSe(m.hr10)).padStart(15)} ${sign(dr).padStart(20)} ${sign(dn).padStart(18)} ${sign(dh).padStart(18)} ${times[t]!.toFixed(1).padStart(6)}`,
    );
  });
}

// ---------- cost on the device: training, size, fold-in ----------
console.log(`\nCost of the new default on all ${coo.rating.length} ratings (${load()}):`);
const trains: number[] = [];
let model: EaseModel | null = null;
for (let r = 0; r < 3; r++) {
  const t = cpu(() => trainEase(coo, { lambda: D.lambda, value: communityValue(D.community) }));
  trains.push(t.s);
  model = t.value;
}
const m = model!;
const arrays = [m.rowPtr, m.rowItem, m.rowValue, m.colPtr, m.colUser, m.colValue, m.gramInv, m.lambdaDiagP];
const bytes = arrays.reduce((a, x) => a + x.byteLength, 0);
const gz = arrays.reduce((a, x) => a + gzipSync(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)).length, 0);
const own = m.gramInv.byteLength + m.lambdaDiagP.byteLength;
const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
const pct = (a: number[], p: number) => sorted(a)[Math.min(a.length - 1, Math.floor(p * a.length))]!;
console.log(`  training (Gram matrix X Xᵀ + Cholesky inverse of ${m.nUsers}×${m.nUsers}): CPU ${trains.map((x) => x.toFixed(2)).join(' / ')} s (3 runs); working set ${((3 * m.nUsers * m.nUsers * 8) / 2 ** 20).toFixed(1)} MB (X Xᵀ + λI, L⁻¹, M) besides X`);
console.log(`  model: ${(bytes / 2 ** 20).toFixed(1)} MB in memory, of which ${(own / 2 ** 20).toFixed(1)} MB are new (M and diag P; X is the ratings the app already loads); ${(gz / 2 ** 20).toFixed(1)} MB gzip if stored`);
// Fold-in: one user's interactions → scores for all 9,742 movies (what a like triggers in the engine).
const foldMs: number[] = [];
const rowsAll: { item: number; value: number; at: number }[][] = Array.from({ length: coo.nUsers }, () => []);
for (let k = 0; k < coo.rating.length; k++) rowsAll[coo.user[k]!]!.push({ item: coo.item[k]!, value: communityValue(D.community)(coo.rating[k]!), at: coo.time[k]! });
const buf = new Float64Array(coo.nItems);
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
for (let rep = 0; rep < 2; rep++) {
  for (let u = 0; u < coo.nUsers; u++) {
    const t0 = cpuMs();
    easeScores(m, withRecency(rowsAll[u]!, D.recency), buf);
    if (rep === 1) foldMs.push(cpuMs() - t0);
  }
}
const nRatings = rowsAll.map((r) => r.length);
console.log(`  fold-in (a user's interactions → EASE scores of every movie), CPU, ${foldMs.length} MovieLens users (${Math.min(...nRatings)}–${Math.max(...nRatings)} interactions): median ${pct(foldMs, 0.5).toFixed(2)} ms, p95 ${pct(foldMs, 0.95).toFixed(2)} ms, max ${Math.max(...foldMs).toFixed(2)} ms`);
const { benchEngine } = await import('./topn/engine-bench');
await benchEngine();
console.log(`\n${load()}`);

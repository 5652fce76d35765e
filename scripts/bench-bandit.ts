/**
 * Offline benchmark of the contextual bandit on a MovieLens simulator (npm run bench:bandit).
 *
 * 1. Population stream: one learner, i.i.d. rounds of (environment user, 20 held-out candidates),
 *    a slate of 3; cumulative reward and regret against the best slate of each round.
 * 2. Per-user cold start (the app's setting): a learner and an empty taste per user, 20 rounds each,
 *    (a) learner from zero, (b) learner from a population prior fitted on community users.
 * 3. Off-policy check: a uniform single-slot log, replay (Li et al. 2011) of each learning policy vs
 *    its on-policy average, and IPS of the frozen learned policies vs their on-policy value.
 * 4. Latency of feature building, decide (200 candidates → 10 slots) and learn.
 * Fixed seeds; reporting seeds 1–5 are not the tuning seeds (101–106). Curves → data/out/bandit-curves.csv.
 * Options: --seeds N (default 5), --rounds N (stream rounds, default 4000).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decide } from '../src/core/bandit/decide';
import { cyclicTime, DEFAULT_FEATURE_SPEC, jointFeatures, type BanditContext } from '../src/core/bandit/features';
import { learn } from '../src/core/bandit/learn';
import { defaultStrategy } from '../src/core/bandit/options';
import { nextInt, rngFromSeed } from '../src/core/bandit/rng';
import { cloneBandit, withStrategy } from '../src/core/bandit/state';
import type { StrategyConfig } from '../src/core/bandit/types';
import { buildEnvironment, type Environment } from './bandit/environment';
import {
  drawRounds,
  ipsValue,
  logUniform,
  onPolicyValue,
  populationPrior,
  replay,
  runColdStart,
  runOnPolicy,
  type Curve,
  type Estimate,
} from './bandit/experiments';
import { banditPolicy, popularityPolicy, uniformPolicy, type Policy } from './bandit/policies';
import { meanSe, pm, quantile, table } from './bandit/stats';
import { loadMovieLens } from './pipeline/movielens';
import { MOVIELENS_DIR, ROOT } from './paths';

const { values: args } = parseArgs({ options: { seeds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '4000' } } });
const SEEDS = Array.from({ length: Number(args.seeds) }, (_, i) => i + 1);
const STREAM = { rounds: Number(args.rounds), candidates: 20, slots: 3, every: 100 };
const COLD = { roundsPerUser: 20, candidates: 20, slots: 3 };
const OPE = { candidates: 10, rounds: 800, logSize: 10000, ipsSize: 5000, frozenRounds: 3000 };
/** Reference only: the best linear policy of this feature map, fitted on many uniform rounds (not a contender). */
const CEILING = { rounds: 20000, seed: 9000 };
/** Per-user warm start: prior mean fitted on community users' uniform slates, prior precision λ. */
const WARM = { rounds: 3000, ridge: 10, seed: 42 };
const SPLIT_SEED = 2024;

const LEARNERS: [string, StrategyConfig][] = [
  ['greedy', { kind: 'epsilon-greedy', epsilon: 0 }],
  ['epsilon-greedy', defaultStrategy('epsilon-greedy')],
  ['softmax', defaultStrategy('softmax')],
  ['linucb', defaultStrategy('linucb')],
  ['thompson', defaultStrategy('thompson')],
];
const POLICY_NAMES = ['uniform', 'popularity', ...LEARNERS.map(([n]) => n)];
const CEILING_NAME = 'linear ceiling (ref.)';

function describeStrategy(c: StrategyConfig): string {
  const { kind, ...knobs } = c;
  return `${kind} ${Object.entries(knobs).map(([k, v]) => `${k}=${v}`).join(' ')}`;
}

function makePolicies(env: Environment, seed: number, prior?: { mean: ArrayLike<number>; ridge: number }): Policy[] {
  return [
    uniformPolicy(seed * 1000 + 1),
    popularityPolicy(env),
    ...LEARNERS.map(([name, strategy], i) => banditPolicy(name, env, strategy, seed * 1000 + 10 + i, prior)),
  ];
}

/** Summary rows of a set of per-seed curves: final reward/regret and paired differences. */
function summarise(curves: Map<string, Curve[]>, slotsPerRun: number): string {
  const names = [...curves.keys()];
  const final = (name: string) => curves.get(name)!.map((c) => c.reward.at(-1)!);
  const regret = (name: string) => curves.get(name)!.map((c) => c.regret.at(-1)!);
  const diff = (a: string, b: string) => final(a).map((x, i) => x - final(b)[i]!);
  const pct = (a: string, b: string) => final(a).map((x, i) => (100 * (x - final(b)[i]!)) / final(b)[i]!);
  const rows = names.map((name) => [
    name,
    pm(final(name)),
    (meanSe(final(name)).mean / slotsPerRun).toFixed(3),
    pm(regret(name)),
    name === 'greedy' ? '—' : `${pm(diff(name, 'greedy'))} (${meanSe(pct(name, 'greedy')).mean.toFixed(1)}%)`,
    name === 'popularity' ? '—' : `${pm(diff(name, 'popularity'))} (${meanSe(pct(name, 'popularity')).mean.toFixed(1)}%)`,
  ]);
  const ceiling = curves.has(CEILING_NAME)
    ? `\n${CEILING_NAME}: greedy with weights fitted offline on ${CEILING.rounds} uniformly random rounds of these same users (it has seen their held-out ratings), then frozen — the best this feature map can do, so the room any exploration could win back`
    : '';
  const verdict = (base: string) =>
    LEARNERS.map(([n]) => n)
      .filter((n) => n !== 'greedy')
      .map((n) => {
        const { mean, se } = meanSe(diff(n, base));
        return `${n} ${mean > 2 * se ? 'above' : mean < -2 * se ? 'below' : 'tied with'}`;
      })
      .join(', ');
  return [
    table(['policy', 'cum. reward', 'per slot', 'cum. regret', 'Δ vs greedy (paired)', 'Δ vs popularity (paired)'], rows),
    `vs greedy (|Δ| > 2 s.e.): ${verdict('greedy')}`,
    `vs popularity:            ${verdict('popularity')}`,
  ].join('\n') + ceiling;
}

function csvRows(experiment: string, curves: Map<string, Curve[]>): string[] {
  const out: string[] = [];
  for (const [name, list] of curves) {
    list[0]!.rounds.forEach((round, k) => {
      const r = meanSe(list.map((c) => c.reward[k]!));
      const g = meanSe(list.map((c) => c.regret[k]!));
      out.push([experiment, round, name, r.mean.toFixed(3), r.se.toFixed(3), g.mean.toFixed(3), g.se.toFixed(3), list.length].join(','));
    });
  }
  return out;
}

function timeIt(fn: () => void, calls: number, warmup: number): { median: number; p95: number } {
  for (let i = 0; i < warmup; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return { median: quantile(t, 0.5), p95: quantile(t, 0.95) };
}

const started = performance.now();
const ml = loadMovieLens(MOVIELENS_DIR);
const env = buildEnvironment(ml, { spec: DEFAULT_FEATURE_SPEC, candidates: STREAM.candidates, splitSeed: SPLIT_SEED, envShare: 0.2 });
const s = env.stats;
console.log(`RecoStream bandit bench — MovieLens latest-small, joint dimension d = ${env.dim}`);
console.log(
  `split seed ${SPLIT_SEED}: ${s.communityUsers} community users (${s.communityRatings} known ratings), ${s.envUsers} simulated users ` +
    `(${s.eligibleUsers} with ≥ ${STREAM.candidates} held-out ratings, ${s.heldOut} held out); reward: rating ≥ 4 → +1, ≤ 2 → −1, else 0`,
);
console.log(`reporting seeds ${SEEDS.join(', ')}; strategies: ${LEARNERS.map(([n, c]) => `${n} (${describeStrategy(c)})`).join('; ')}`);
console.log(`setup ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

// 1. Population stream
let t0 = performance.now();
const stream = new Map<string, Curve[]>([...POLICY_NAMES, CEILING_NAME].map((n) => [n, []]));
const ceiling = banditPolicy(CEILING_NAME, env, { kind: 'epsilon-greedy', epsilon: 1 }, CEILING.seed);
runOnPolicy(ceiling, drawRounds(env, CEILING.rounds, STREAM.candidates, CEILING.seed), STREAM.slots, CEILING.rounds);
const frozenCeiling = withStrategy(ceiling.state, { kind: 'epsilon-greedy', epsilon: 0 });
for (const seed of SEEDS) {
  const rounds = drawRounds(env, STREAM.rounds, STREAM.candidates, seed);
  for (const p of makePolicies(env, seed)) stream.get(p.name)!.push(runOnPolicy(p, rounds, STREAM.slots, STREAM.every));
  const ref: Policy = { ...banditPolicy(CEILING_NAME, env, { kind: 'epsilon-greedy', epsilon: 0 }, seed, { mean: frozenCeiling.theta, ridge: 1 }), update() {} };
  stream.get(CEILING_NAME)!.push(runOnPolicy(ref, rounds, STREAM.slots, STREAM.every));
}
console.log(
  `1. Population stream: ${STREAM.rounds} rounds × ${STREAM.slots} slots from ${STREAM.candidates} candidates, mean ± s.e. over ${SEEDS.length} seeds (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
console.log(summarise(stream, STREAM.rounds * STREAM.slots) + '\n');

// 2. Per-user cold start, without and with a population prior
const prior = { mean: populationPrior(env, WARM.rounds, STREAM.candidates, STREAM.slots, WARM.seed), ridge: WARM.ridge };
const cold = new Map<string, Curve[]>(POLICY_NAMES.map((n) => [n, []]));
const warm = new Map<string, Curve[]>(POLICY_NAMES.map((n) => [n, []]));
for (const [label, curves, p] of [
  ['2a. Per-user cold start, learner from zero (θ₀ = 0, λ = 1)', cold, undefined],
  [`2b. Per-user cold start, learner from a population prior (θ₀ fitted on community users, λ = ${WARM.ridge})`, warm, prior],
] as const) {
  t0 = performance.now();
  for (const seed of SEEDS) {
    POLICY_NAMES.forEach((name, pi) => {
      curves.get(name)!.push(runColdStart(env, (u) => makePolicies(env, seed * 7919 + u, p)[pi]!, { ...COLD, seed: seed * 31 }));
    });
  }
  console.log(
    `${label}: ${env.users.length} users × ${COLD.roundsPerUser} rounds × ${COLD.slots} slots from ${COLD.candidates} candidates, empty taste at start (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  console.log(summarise(curves, env.users.length * COLD.roundsPerUser * COLD.slots) + '\n');
}

// 3. Off-policy estimates
t0 = performance.now();
type OpeRow = { onPolicy: Estimate[]; replay: Estimate[]; frozen: Estimate[]; ips: Estimate[] };
const ope = new Map<string, OpeRow>(POLICY_NAMES.map((n) => [n, { onPolicy: [], replay: [], frozen: [], ips: [] }]));
for (const seed of SEEDS) {
  const log = logUniform(drawRounds(env, OPE.logSize, OPE.candidates, seed + 500), uniformPolicy(seed + 600));
  const learnRounds = drawRounds(env, OPE.rounds, OPE.candidates, seed + 700);
  const testRounds = drawRounds(env, OPE.frozenRounds, OPE.candidates, seed + 800);
  POLICY_NAMES.forEach((name, pi) => {
    const r = ope.get(name)!;
    // on-policy learning run, then the frozen result on fresh rounds and by IPS on the uniform log
    const live = makePolicies(env, seed)[pi]!;
    r.onPolicy.push(onPolicyValue(live, learnRounds));
    live.freeze();
    r.frozen.push(onPolicyValue(live, testRounds));
    r.ips.push(ipsValue(live, log.slice(0, OPE.ipsSize)));
    // replay: a fresh copy of the policy learns only on the logged events where it agrees
    r.replay.push(replay(makePolicies(env, seed)[pi]!, log, OPE.rounds));
  });
}
/** Mean over seeds of (a − b) ± the larger of the between-seed s.e. and the pooled within-run s.e. */
function gap(a: Estimate[], b: Estimate[]): { text: string; z: number } {
  const d = a.map((x, i) => x.value - b[i]!.value);
  const seed = meanSe(d);
  const within = Math.sqrt(a.reduce((s, x, i) => s + x.se ** 2 + b[i]!.se ** 2, 0)) / a.length;
  const se = Math.max(seed.se, within);
  return { text: `${seed.mean >= 0 ? '+' : ''}${seed.mean.toFixed(3)} ± ${se.toFixed(3)}`, z: seed.mean / se };
}
const values = (xs: Estimate[]) => pm(xs.map((x) => x.value), 3);
let worstZ = 0;
const opeRows = POLICY_NAMES.map((name) => {
  const r = ope.get(name)!;
  const g1 = gap(r.replay, r.onPolicy);
  const g2 = gap(r.ips, r.frozen);
  worstZ = Math.max(worstZ, Math.abs(g1.z), Math.abs(g2.z));
  return [
    name,
    values(r.onPolicy),
    values(r.replay),
    g1.text,
    meanSe(r.replay.map((x) => x.n)).mean.toFixed(0),
    values(r.frozen),
    values(r.ips),
    g2.text,
  ];
});
console.log(
  `3. Off-policy check: uniform single-slot log of ${OPE.logSize} rounds (${OPE.candidates} candidates; IPS on its first ${OPE.ipsSize}), ${SEEDS.length} seeds (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
console.log(`   learning: on-policy mean reward over the first ${OPE.rounds} rounds vs replay on the log (up to ${OPE.rounds} accepted events)`);
console.log(`   frozen:   the policy learned in those rounds, on-policy over ${OPE.frozenRounds} fresh rounds vs IPS on the log`);
console.log('   differences: mean ± max(between-seed s.e., pooled within-run s.e.); one log and one set of rounds per seed serve');
console.log('   every policy, so the rows\' errors are correlated');
console.log(table(['policy', 'on-policy', 'replay', 'replay − on', 'accepted', 'frozen on-policy', 'IPS', 'IPS − frozen'], opeRows));
console.log(`   largest |difference| / s.e. = ${worstZ.toFixed(2)} over ${2 * POLICY_NAMES.length} comparisons\n`);

// 4. Latency
t0 = performance.now();
const latRng = rngFromSeed(77);
const trained = banditPolicy('trained', env, { kind: 'epsilon-greedy', epsilon: 0.1 }, 1);
runOnPolicy(trained, drawRounds(env, 500, STREAM.candidates, 99), STREAM.slots, 500);
const user = env.users[nextInt(latRng, env.users.length)]!;
const ctx: BanditContext = { taste: user.taste, intent: null, time: cyclicTime(20.5, 5) };
const movies = Array.from({ length: 200 }, () => nextInt(latRng, env.nItems));
const build = () => movies.map((item, i) => ({ id: i, features: jointFeatures(env.spec, ctx, env.actions[item]!) }));
const candidates = build();
const latRows: string[][] = [];
const fb = timeIt(build, 500, 50);
latRows.push([`build joint features (200 candidates)`, fb.median.toFixed(3), fb.p95.toFixed(3)]);
for (const [name, strategy] of LEARNERS.slice(1)) {
  const state = withStrategy(trained.state, strategy);
  const r = timeIt(() => decide(state, candidates, 10), 1000, 100);
  latRows.push([`decide ${name} (200 candidates → 10 slots)`, r.median.toFixed(3), r.p95.toFixed(3)]);
}
const learner = cloneBandit(trained.state);
const logs = decide(learner, candidates, 10).logs;
let li = 0;
const lr = timeIt(() => learn(learner, logs[li++ % logs.length]!, li % 3 === 0 ? 1 : 0), 5000, 500);
latRows.push(['learn (one impression)', lr.median.toFixed(3), lr.p95.toFixed(3)]);
console.log(`4. Latency, d = ${env.dim}, ms per call (shared 2-core machine: noisy) (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
console.log(table(['operation', 'median', 'p95'], latRows) + '\n');

const outDir = join(ROOT, 'data', 'out');
mkdirSync(outDir, { recursive: true });
const csv = [
  'experiment,round,policy,cum_reward_mean,cum_reward_se,regret_mean,regret_se,seeds',
  ...csvRows('stream', stream),
  ...csvRows('cold-start', cold),
  ...csvRows('cold-start-prior', warm),
];
writeFileSync(join(outDir, 'bandit-curves.csv'), csv.join('\n') + '\n');
console.log(`curves: ${join('data', 'out', 'bandit-curves.csv')} (${csv.length - 1} rows); total ${((performance.now() - started) / 1000).toFixed(1)} s`);

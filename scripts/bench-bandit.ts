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
 * Options: --seeds N (default 5), --rounds N (stream rounds, default 4000), --sections 1,2,3,4 (which
 * parts to run; the curves CSV is written only when 1 and 2 ran).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decide } from '../src/core/bandit/decide';
import { cyclicTime, DEFAULT_FEATURE_SPEC, featureShape, jointFeatures, type BanditContext } from '../src/core/bandit/features';
import { learn } from '../src/core/bandit/learn';
import { weightCount } from '../src/core/bandit/model';
import { DEFAULT_STRATEGY, defaultStrategy } from '../src/core/bandit/options';
import { nextGaussian, nextInt, nextUniform, rngFromSeed } from '../src/core/bandit/rng';
import { cloneBandit, createBandit, serializeBandit, withStrategy } from '../src/core/bandit/state';
import type { BanditAction, BanditPrior, StrategyConfig } from '../src/core/bandit/types';
import { DISCOVER_SPEC } from '../src/core/engine/discover';
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

const { values: args } = parseArgs({
  options: { seeds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '4000' }, sections: { type: 'string', default: '1,2,3,4' } },
});
const SECTIONS = new Set(args.sections.split(','));
const SEEDS = Array.from({ length: Number(args.seeds) }, (_, i) => i + 1);
const STREAM = { rounds: Number(args.rounds), candidates: 20, slots: 3, every: 100 };
const COLD = { roundsPerUser: 20, candidates: 20, slots: 3 };
const OPE = { candidates: 10, rounds: 800, logSize: 10000, ipsSize: 5000, frozenRounds: 3000 };
/** Reference only: the best linear policy of this feature map, fitted on many uniform rounds (not a contender). */
const CEILING = { rounds: 20000, seed: 9000 };
/** Per-user warm start: prior fitted on community users' uniform slates (fitPrior, seeded). */
const WARM = { rounds: 30000, seed: 42 };
/**
 * Quoted, not rerun: Vowpal Wabbit 9.11.2 `--cb_explore_adf` greedy with `-q ::` (all interactions),
 * run as an online learner in this simulator (population stream, same seeds and features; issue #19).
 */
const VW_REFERENCE = { name: 'VW greedy -q :: (reference, measured externally)', mean: 9158, se: 35 };
const SPLIT_SEED = 2024;

const sameStrategy = (a: StrategyConfig, b: StrategyConfig) => JSON.stringify(a) === JSON.stringify(b);
const LEARNERS: [string, StrategyConfig][] = [
  ['greedy', { kind: 'epsilon-greedy', epsilon: 0 }] as [string, StrategyConfig],
  ...(['epsilon-greedy', 'softmax', 'linucb', 'thompson'] as const).map((k): [string, StrategyConfig] => [k, defaultStrategy(k)]),
].map(([n, c]): [string, StrategyConfig] => [sameStrategy(c, DEFAULT_STRATEGY) ? `${n} (app default)` : n, c]);
if (!LEARNERS.some(([, c]) => sameStrategy(c, DEFAULT_STRATEGY))) LEARNERS.push(['app default', DEFAULT_STRATEGY]);
const POLICY_NAMES = ['uniform', 'popularity', ...LEARNERS.map(([n]) => n)];
const CEILING_NAME = 'linear ceiling (ref.)';

function describeStrategy(c: StrategyConfig): string {
  const { kind, ...knobs } = c;
  return `${kind} ${Object.entries(knobs).map(([k, v]) => `${k}=${v}`).join(' ')}`;
}

function makePolicies(env: Environment, seed: number, prior?: BanditPrior): Policy[] {
  return [
    uniformPolicy(seed * 1000 + 1),
    popularityPolicy(env),
    ...LEARNERS.map(([name, strategy], i) => banditPolicy(name, env, strategy, seed * 1000 + 10 + i, prior)),
  ];
}

/** Summary rows of a set of per-seed curves: final reward/regret and paired differences. */
function summarise(curves: Map<string, Curve[]>, slotsPerRun: number, reference?: typeof VW_REFERENCE): string {
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
  if (reference) rows.push([reference.name, `${reference.mean.toFixed(1)} ± ${reference.se.toFixed(1)}`, (reference.mean / slotsPerRun).toFixed(3), '—', '—', '—']);
  const vsReference = reference
    ? '\nvs the quoted VW figure (unpaired, Δ ± √(s.e.² + s.e.²)): ' +
      LEARNERS.map(([n]) => {
        const { mean, se } = meanSe(final(n));
        const d = mean - reference.mean;
        const e = Math.sqrt(se ** 2 + reference.se ** 2);
        return `${n} ${d >= 0 ? '+' : ''}${d.toFixed(0)} ± ${e.toFixed(0)} (${d > 2 * e ? 'above' : d < -2 * e ? 'below' : 'within error bars'})`;
      }).join(', ')
    : '';
  return [
    table(['policy', 'cum. reward', 'per slot', 'cum. regret', 'Δ vs greedy (paired)', 'Δ vs popularity (paired)'], rows),
    `vs greedy (|Δ| > 2 s.e.): ${verdict('greedy')}`,
    `vs popularity:            ${verdict('popularity')}`,
  ].join('\n') + vsReference + ceiling;
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

/**
 * Per-call latency: `samples` batches of `batch` calls; wall-clock and CPU time (process.cpuUsage,
 * this thread's user + system time) per call, medians and p95 over batches. On a loaded machine the
 * CPU time excludes the time the process waited for a core, so it is the steadier figure.
 */
function timeIt(fn: () => void, calls: number, warmup: number, batch = 10): { median: number; p95: number; cpu: number; cpuP95: number } {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < Math.ceil(calls / batch); i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let j = 0; j < batch; j++) fn();
    wall.push((performance.now() - t0) / batch);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 / batch);
  }
  return { median: quantile(wall, 0.5), p95: quantile(wall, 0.95), cpu: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95) };
}

const started = performance.now();
const ml = loadMovieLens(MOVIELENS_DIR);
const env = buildEnvironment(ml, { spec: DEFAULT_FEATURE_SPEC, candidates: STREAM.candidates, splitSeed: SPLIT_SEED, envShare: 0.2 });
const s = env.stats;
const SHAPE = featureShape(env.spec);
console.log(
  `RecoStream bandit bench — MovieLens latest-small; crossed model: context ${SHAPE.context} × action ${SHAPE.action} + ${SHAPE.linear} linear = ${weightCount(SHAPE)} weights (feature vector ${env.dim})`,
);
console.log(
  `split seed ${SPLIT_SEED}: ${s.communityUsers} community users (${s.communityRatings} known ratings), ${s.envUsers} simulated users ` +
    `(${s.eligibleUsers} with ≥ ${STREAM.candidates} held-out ratings, ${s.heldOut} held out); reward: rating ≥ 4 → +1, ≤ 2 → −1, else 0`,
);
console.log(`reporting seeds ${SEEDS.join(', ')}; strategies: ${LEARNERS.map(([n, c]) => `${n} (${describeStrategy(c)})`).join('; ')}`);
console.log(`setup ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

// Community data, as the app ships it: the feature centring (and, for 2b, the prior) is fitted on it.
let t0 = performance.now();
const communityFit = populationPrior(env, WARM.rounds, STREAM.candidates, STREAM.slots, WARM.seed);
/** "From zero": weights ~ N(0, 1), only the feature centring taken from community data. */
const zero: BanditPrior = { center: communityFit.center, mean: new Float64Array(weightCount(SHAPE)), variance: new Float64Array(weightCount(SHAPE)).fill(1) };
console.log(`community prior: ${WARM.rounds} uniform slates of community users, fitted in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

// 1. Population stream
const stream = new Map<string, Curve[]>([...POLICY_NAMES, CEILING_NAME].map((n) => [n, []]));
if (SECTIONS.has('1')) {
  t0 = performance.now();
  const ceiling = banditPolicy(CEILING_NAME, env, { kind: 'epsilon-greedy', epsilon: 1 }, CEILING.seed, zero);
  runOnPolicy(ceiling, drawRounds(env, CEILING.rounds, STREAM.candidates, CEILING.seed), STREAM.slots, CEILING.rounds);
  const ceilingPrior: BanditPrior = { center: ceiling.state.center, mean: ceiling.state.mean, variance: ceiling.state.variance };
  for (const seed of SEEDS) {
    const rounds = drawRounds(env, STREAM.rounds, STREAM.candidates, seed);
    for (const p of makePolicies(env, seed, zero)) stream.get(p.name)!.push(runOnPolicy(p, rounds, STREAM.slots, STREAM.every));
    const ref: Policy = { ...banditPolicy(CEILING_NAME, env, { kind: 'epsilon-greedy', epsilon: 0 }, seed, ceilingPrior), update() {} };
    stream.get(CEILING_NAME)!.push(runOnPolicy(ref, rounds, STREAM.slots, STREAM.every));
  }
  console.log(
    `1. Population stream: ${STREAM.rounds} rounds × ${STREAM.slots} slots from ${STREAM.candidates} candidates, mean ± s.e. over ${SEEDS.length} seeds (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  console.log(summarise(stream, STREAM.rounds * STREAM.slots, VW_REFERENCE) + '\n');
}

// 2. Per-user cold start, without and with a population prior
const cold = new Map<string, Curve[]>(POLICY_NAMES.map((n) => [n, []]));
const warm = new Map<string, Curve[]>(POLICY_NAMES.map((n) => [n, []]));
const prior = communityFit;
if (SECTIONS.has('2')) {
  for (const [label, curves, p] of [
    ['2a. Per-user cold start, learner from zero (weights ~ N(0, 1))', cold, zero],
    [`2b. Per-user cold start, learner from a prior fitted on community users (fitPrior, ${WARM.rounds} uniform slates, seed ${WARM.seed})`, warm, prior],
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
}

// 3. Off-policy estimates
if (SECTIONS.has('3')) {
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
      const live = makePolicies(env, seed, zero)[pi]!;
      r.onPolicy.push(onPolicyValue(live, learnRounds));
      live.freeze();
      r.frozen.push(onPolicyValue(live, testRounds));
      r.ips.push(ipsValue(live, log.slice(0, OPE.ipsSize)));
      // replay: a fresh copy of the policy learns only on the logged events where it agrees
      r.replay.push(replay(makePolicies(env, seed, zero)[pi]!, log, OPE.rounds));
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
}

// 4. Latency and size
if (SECTIONS.has('4')) {
  t0 = performance.now();
  const latRng = rngFromSeed(77);
  const trained = banditPolicy('trained', env, { kind: 'epsilon-greedy', epsilon: 0.1 }, 1, zero);
  runOnPolicy(trained, drawRounds(env, 500, STREAM.candidates, 99), STREAM.slots, 500);
  const user = env.users[nextInt(latRng, env.users.length)]!;
  const ctx: BanditContext = { taste: user.taste, intent: null, time: cyclicTime(20.5, 5) };
  const movies = Array.from({ length: 200 }, () => nextInt(latRng, env.nItems));
  const build = () => movies.map((item, i) => ({ id: i, features: jointFeatures(env.spec, ctx, env.actions[item]!) }));
  const candidates = build();
  /** The app's shape (more moods than the simulator): a model with random weights, 200 random candidates sharing one context. */
  const appShape = featureShape(DISCOVER_SPEC);
  const appState = createBandit({ shape: appShape, strategy: { kind: 'epsilon-greedy', epsilon: 0 }, seed: 3 });
  appState.mean.forEach((_, i) => {
    appState.mean[i] = 0.1 * nextGaussian(latRng);
    appState.variance[i] = 0.01 + 0.1 * nextUniform(latRng);
  });
  const appContext = Array.from({ length: appShape.context }, () => nextUniform(latRng));
  const appCandidates: BanditAction[] = Array.from({ length: 200 }, (_, id) => ({
    id,
    features: [...appContext, ...Array.from({ length: appShape.action + appShape.linear }, () => nextUniform(latRng))],
  }));
  const latRows: string[][] = [];
  const fb = timeIt(build, 500, 50);
  const row = (label: string, r: ReturnType<typeof timeIt>) => [label, r.median.toFixed(3), r.p95.toFixed(3), r.cpu.toFixed(3), r.cpuP95.toFixed(3)];
  latRows.push(row('build feature vectors (200 candidates)', fb));
  for (const [label, base, cands] of [
    [`simulator, ${weightCount(SHAPE)} weights`, trained.state, candidates],
    [`app, ${weightCount(appShape)} weights`, appState, appCandidates],
  ] as const) {
    for (const [name, strategy] of LEARNERS.slice(1)) {
      const state = withStrategy(base, strategy);
      const r = timeIt(() => decide(state, cands, 10), 1000, 100);
      latRows.push(row(`decide ${name} (200 candidates → 10 slots; ${label})`, r));
    }
    const learner = cloneBandit(base);
    const logs = decide(learner, cands, 10).logs;
    let li = 0;
    const lr = timeIt(() => learn(learner, logs[li++ % logs.length]!, li % 3 === 0 ? 1 : 0), 5000, 500);
    latRows.push(row(`learn (one impression; ${label})`, lr));
  }
  console.log(`4. Latency, ms per call (shared 2-core machine: noisy; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}) (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(table(['operation', 'wall median', 'wall p95', 'CPU median', 'CPU p95'], latRows));
  const sizeOf = (st: typeof appState) => new TextEncoder().encode(JSON.stringify(serializeBandit(st))).length;
  console.log(
    `Per-user state (mean + variance per weight, counters, random stream): app ${weightCount(appShape)} weights = ${(2 * 8 * weightCount(appShape) / 1024).toFixed(1)} KiB as Float64Array, ` +
      `${(sizeOf(appState) / 1024).toFixed(1)} KiB as exported JSON; simulator ${weightCount(SHAPE)} weights = ${(sizeOf(trained.state) / 1024).toFixed(1)} KiB JSON\n`,
  );
}

if (SECTIONS.has('1') && SECTIONS.has('2')) {
  const outDir = join(ROOT, 'data', 'out');
  mkdirSync(outDir, { recursive: true });
  const csv = [
    'experiment,round,policy,cum_reward_mean,cum_reward_se,regret_mean,regret_se,seeds',
    ...csvRows('stream', stream),
    ...csvRows('cold-start', cold),
    ...csvRows('cold-start-prior', warm),
  ];
  writeFileSync(join(outDir, 'bandit-curves.csv'), csv.join('\n') + '\n');
  console.log(`curves: ${join('data', 'out', 'bandit-curves.csv')} (${csv.length - 1} rows)`);
}
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);

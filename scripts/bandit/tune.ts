/**
 * How the strategy defaults (STRATEGY_DEFAULTS) were picked: a small grid on the population stream
 * with tuning seeds (101–103), which the bench's reporting seeds (1–5) never reuse. Slow (~5–10 min).
 * The learner starts from zero with the feature centring fitted on community data, as in the bench.
 * Run: npx tsx scripts/bandit/tune.ts
 */
import { DEFAULT_FEATURE_SPEC, featureShape } from '../../src/core/bandit/features';
import { weightCount } from '../../src/core/bandit/model';
import type { BanditPrior, StrategyConfig } from '../../src/core/bandit/types';
import { loadMovieLens } from '../pipeline/movielens';
import { MOVIELENS_DIR } from '../paths';
import { buildEnvironment } from './environment';
import { drawRounds, populationPrior, runOnPolicy } from './experiments';
import { banditPolicy } from './policies';
import { meanSe, table } from './stats';

const SEEDS = [101, 102, 103];
const ROUNDS = 4000;
const GRID: StrategyConfig[] = [
  { kind: 'epsilon-greedy', epsilon: 0 },
  ...[0.02, 0.05, 0.1].map((epsilon) => ({ kind: 'epsilon-greedy' as const, epsilon, maxImportanceWeight: 3 })),
  ...[0.02, 0.05, 0.1].map((temperature) => ({ kind: 'softmax' as const, temperature, maxImportanceWeight: 3 })),
  ...[0.3, 1, 2].map((alpha) => ({ kind: 'linucb' as const, alpha })),
  ...[0.05, 0.2, 0.5].map((scale) => ({ kind: 'thompson' as const, scale, samples: 8 })),
];

const env = buildEnvironment(loadMovieLens(MOVIELENS_DIR), { spec: DEFAULT_FEATURE_SPEC, candidates: 20, splitSeed: 2024, envShare: 0.2 });
const d = weightCount(featureShape(env.spec));
const zero: BanditPrior = { center: populationPrior(env, 3000, 20, 3, 42).center, mean: new Float64Array(d), variance: new Float64Array(d).fill(1) };
const perSeed = SEEDS.map((seed) => drawRounds(env, ROUNDS, 20, seed));
const rows = GRID.map((strategy) => {
  const perSlot = perSeed.map((rounds, i) => runOnPolicy(banditPolicy('tune', env, strategy, SEEDS[i]! * 1000, zero), rounds, 3, ROUNDS).reward.at(-1)! / (ROUNDS * 3));
  const { mean, se } = meanSe(perSlot);
  const { kind, ...knobs } = strategy;
  return [kind, JSON.stringify(knobs), `${mean.toFixed(4)} ± ${se.toFixed(4)}`];
});
console.log(table(['strategy', 'knobs', 'reward per slot'], rows));

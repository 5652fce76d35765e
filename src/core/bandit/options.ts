/** Defaults and validation of bandit options, merged in this one place. */
import { BanditError } from './errors';
import type { ResolvedStrategy, StrategyConfig } from './types';

/**
 * Recommended knobs per strategy (scores are in reward units, −1…1), from a grid with the crossed
 * model on the simulator's population stream, tuning seeds 101–103 (scripts/bandit/tune.ts; the
 * bench reports seeds 1–5). Reward per slot: greedy 0.787; LinUCB α 0.3 / 1 / 2: 0.789 / 0.782 /
 * 0.764; softmax temperature 0.02 / 0.05 / 0.1: 0.784 / 0.769 / 0.760; Thompson scale 0.05 / 0.2 /
 * 0.5: 0.782 / 0.768 / 0.698; ε 0.02 / 0.05 / 0.1: 0.771 / 0.764 / 0.742 (s.e. ≤ 0.006).
 */
export const STRATEGY_DEFAULTS = {
  'epsilon-greedy': { epsilon: 0.02, maxImportanceWeight: 3 },
  softmax: { temperature: 0.02, maxImportanceWeight: 3 },
  linucb: { alpha: 0.3 },
  thompson: { scale: 0.05, samples: 8 },
} as const;

/**
 * The app's exploration strategy until the user chooses another (Settings → Discover): LinUCB, the
 * best on the tuning grid and tied with the best on the bench's reporting seeds, both on the
 * population stream and per user from the community prior (`npm run bench:bandit`). Its exploration
 * is optimism about what the model is unsure of; such picks are tagged "something different".
 */
export const DEFAULT_STRATEGY: StrategyConfig = { kind: 'linucb', alpha: 0.3 };

/** A strategy config with the recommended knobs, e.g. `defaultStrategy('linucb')`. */
export function defaultStrategy(kind: StrategyConfig['kind']): StrategyConfig {
  switch (kind) {
    case 'epsilon-greedy':
      return { kind, ...STRATEGY_DEFAULTS[kind] };
    case 'softmax':
      return { kind, ...STRATEGY_DEFAULTS[kind] };
    case 'linucb':
      return { kind, ...STRATEGY_DEFAULTS[kind] };
    case 'thompson':
      return { kind, ...STRATEGY_DEFAULTS[kind] };
    default:
      return assertNever(kind);
  }
}

/** Throws unless `exhaustive` is never: closes switches over tagged unions. */
export function assertNever(value: never): never {
  throw new BanditError('ERR_BANDIT_OPTIONS', `unknown strategy ${JSON.stringify(value)}`);
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new BanditError('ERR_BANDIT_OPTIONS', message);
}

/** Fills defaults and validates ranges; throws `ERR_BANDIT_OPTIONS` with the offending field. */
export function resolveStrategy(config: StrategyConfig): ResolvedStrategy {
  switch (config.kind) {
    case 'epsilon-greedy': {
      const maxImportanceWeight = config.maxImportanceWeight ?? STRATEGY_DEFAULTS['epsilon-greedy'].maxImportanceWeight;
      check(config.epsilon >= 0 && config.epsilon <= 1, `epsilon must be in [0, 1], got ${config.epsilon}`);
      check(maxImportanceWeight >= 1, `maxImportanceWeight must be ≥ 1, got ${maxImportanceWeight}`);
      return { kind: 'epsilon-greedy', epsilon: config.epsilon, maxImportanceWeight };
    }
    case 'softmax': {
      const maxImportanceWeight = config.maxImportanceWeight ?? STRATEGY_DEFAULTS.softmax.maxImportanceWeight;
      check(config.temperature > 0 && Number.isFinite(config.temperature), `temperature must be > 0, got ${config.temperature}`);
      check(maxImportanceWeight >= 1, `maxImportanceWeight must be ≥ 1, got ${maxImportanceWeight}`);
      return { kind: 'softmax', temperature: config.temperature, maxImportanceWeight };
    }
    case 'linucb':
      check(config.alpha >= 0 && Number.isFinite(config.alpha), `alpha must be ≥ 0, got ${config.alpha}`);
      return { kind: 'linucb', alpha: config.alpha };
    case 'thompson': {
      const samples = config.samples ?? STRATEGY_DEFAULTS.thompson.samples;
      check(config.scale >= 0 && Number.isFinite(config.scale), `scale must be ≥ 0, got ${config.scale}`);
      check(Number.isInteger(samples) && samples >= 1 && samples <= 4096, `samples must be an integer in [1, 4096], got ${samples}`);
      return { kind: 'thompson', scale: config.scale, samples };
    }
    default:
      return assertNever(config);
  }
}

/**
 * A new user's prior, fitted on community data instead of set by hand: the same crossed model is
 * trained on (feature vector, reward) examples of community members — their taste from the earlier
 * half of their ratings, the later half as rewards — in a seeded order, and its posterior mean becomes
 * the new user's starting weights. The examples' mean context and action vectors become the feature
 * centring (see model.ts), which the weights are only valid with. The variance each weight starts with is what the fit left plus
 * `spread`, capped at the untrained prior's: the weights the community pinned down can still move for
 * one user, and weights it never saw stay as uncertain as before.
 */
import { BanditError } from './errors';
import { inputLength, observe } from './model';
import { nextInt, rngFromSeed } from './rng';
import { createBandit } from './state';
import type { BanditPrior, FeatureShape } from './types';

/** One community observation: a candidate's feature vector and the reward it earned. */
export interface PriorExample {
  features: ArrayLike<number>;
  reward: number;
}

export interface PriorFitOptions {
  /** Seed of the example order (assumed-density filtering depends on the order). */
  seed: number;
  /** Prior precision of the fit itself. Default 1. */
  ridge?: number;
  /** Observation noise variance. Default 1. */
  noise?: number;
  /** Variance added back to every weight for the new user. Default 0.02. */
  spread?: number;
}

/** Fits the prior; same examples and seed → the same prior, bit for bit. */
export function fitPrior(shape: FeatureShape, examples: readonly PriorExample[], options: PriorFitOptions): BanditPrior {
  const ridge = options.ridge ?? 1;
  const spread = options.spread ?? 0.02;
  if (!(spread >= 0) || !Number.isFinite(spread)) throw new BanditError('ERR_BANDIT_OPTIONS', `spread must be ≥ 0, got ${spread}`);
  const n = inputLength(shape);
  examples.forEach((e, i) => {
    if (e.features.length !== n) throw new BanditError('ERR_BANDIT_INPUT', `prior example ${i} has ${e.features.length} features, the shape needs ${n}`);
    if (!Number.isFinite(e.reward)) throw new BanditError('ERR_BANDIT_INPUT', `prior example ${i} has a non-finite reward`);
  });
  const center = featureCenter(shape, examples);
  const fit = createBandit({ shape, center, strategy: { kind: 'linucb', alpha: 0 }, ridge, ...(options.noise === undefined ? {} : { noise: options.noise }) });
  const order = Array.from(examples.keys());
  const rng = rngFromSeed(options.seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = nextInt(rng, i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const i of order) observe(fit, examples[i]!.features, examples[i]!.reward, 1);
  const cap = 1 / ridge;
  return { center: fit.center, mean: fit.mean, variance: fit.variance.map((v) => Math.min(cap, v + spread)) };
}

/** Mean context and action vectors over the examples (the centring of the crossed features; bias entries 0). */
export function featureCenter(shape: FeatureShape, examples: readonly PriorExample[]): Float64Array {
  const m = shape.context + shape.action;
  const center = new Float64Array(m);
  if (examples.length === 0) return center;
  for (const e of examples) for (let j = 0; j < m; j++) center[j]! += e.features[j]!;
  for (let j = 0; j < m; j++) center[j]! /= examples.length;
  if (shape.context > 0) center[0] = 0;
  if (shape.action > 0) center[shape.context] = 0;
  return center;
}

/** Shapes shared by the contextual bandit: strategy configs, state, decisions and impression logs. */
import type { RngState } from './rng';

/**
 * How the bandit explores, one of four (a tagged union closed with `assertNever`).
 * - `epsilon-greedy`: each slot takes the best remaining action with probability 1 − ε, else a
 *   uniformly random remaining one. ε = 0 is the pure greedy policy.
 * - `softmax`: each slot samples a remaining action with probability ∝ exp(score / temperature).
 * - `linucb`: ranks by score + α·√(xᵀA⁻¹x) (Li et al. 2010, deterministic, propensity 1).
 * - `thompson`: ranks by one draw θ̃ ~ N(θ, scale²·A⁻¹) (Agrawal & Goyal 2013); propensities are
 *   estimated by Monte Carlo with `samples` draws.
 * For epsilon-greedy and softmax the regression is importance weighted by min(1/p, maxImportanceWeight)
 * (VW's `mtr` reduction); LinUCB and Thompson regress without weights, as their papers do.
 */
export type StrategyConfig =
  | { kind: 'epsilon-greedy'; epsilon: number; maxImportanceWeight?: number }
  | { kind: 'softmax'; temperature: number; maxImportanceWeight?: number }
  | { kind: 'linucb'; alpha: number }
  | { kind: 'thompson'; scale: number; samples?: number };

/** The strategy names, for logs and the UI. */
export type StrategyKind = StrategyConfig['kind'];

/** A strategy config with every default filled in (what the state stores). */
export type ResolvedStrategy =
  | { kind: 'epsilon-greedy'; epsilon: number; maxImportanceWeight: number }
  | { kind: 'softmax'; temperature: number; maxImportanceWeight: number }
  | { kind: 'linucb'; alpha: number }
  | { kind: 'thompson'; scale: number; samples: number };

/**
 * Layout of a candidate's feature vector: `[context (C) | action (A) | linear (L)]`. The model has one
 * weight per (context, action) pair — the explicit crosses c ⊗ a, like Vowpal Wabbit's `-q ca` — plus
 * one weight per linear feature: C·A + L weights. A context feature alone cannot change a ranking
 * and an action feature alone is its cross with the context's constant 1, so main effects are crosses
 * too. A plain linear bandit is `{ context: 0, action: 0, linear: d }`.
 */
export interface FeatureShape {
  context: number;
  action: number;
  linear: number;
}

/** A Gaussian prior over the weights and the feature centring it was fitted with (see `fitPrior`). */
export interface BanditPrior {
  /** Means subtracted from the context and action features before crossing (C + A entries; bias entries 0). */
  center: ArrayLike<number>;
  mean: ArrayLike<number>;
  variance: ArrayLike<number>;
}

/** What `createBandit` takes. Give `shape`, or `dim` for a plain linear bandit of d features. */
export interface BanditOptions {
  shape?: FeatureShape;
  dim?: number;
  strategy: StrategyConfig;
  /** Prior precision λ of every weight when no `prior` is given (variance 1/λ). Default 1. */
  ridge?: number;
  /** Prior mean of the weights with variance 1/ridge (warm start); default all zero. */
  priorMean?: ArrayLike<number>;
  /** Full prior (centring, mean and per-weight variance); overrides `ridge`, `priorMean` and `center`. */
  prior?: BanditPrior;
  /** Feature centring (C + A entries, see `BanditPrior.center`); default none. */
  center?: ArrayLike<number>;
  /** Observation noise variance σ² of a reward (rewards are −1…1). Default 1. */
  noise?: number;
  /** Seed of the exploration random stream. Default 0. */
  seed?: number;
}

/**
 * The whole learner as a plain object (structured-clone safe: IndexedDB, postMessage). Functions
 * mutate it in place; use `cloneBandit` to keep an old copy and `serializeBandit` for JSON.
 * The model is Bayesian linear regression of the reward on the crossed features with a diagonal
 * Gaussian posterior (assumed-density filtering: after each example the exact posterior is projected
 * back onto independent weights). With one feature this is exactly ridge regression.
 */
export interface BanditState {
  version: 2;
  shape: FeatureShape;
  /** Number of weights, C·A + L. */
  dim: number;
  strategy: ResolvedStrategy;
  /** Observation noise variance σ². */
  noise: number;
  /** Means subtracted from the context and action features before crossing (C + A entries; the bias entries are 0). */
  center: Float64Array;
  /** Posterior mean of each weight: C×A crosses row-major (context row, action column), then L linear. */
  mean: Float64Array;
  /** Posterior variance of each weight, same layout. */
  variance: Float64Array;
  /** Exploration random stream (saved, so a reload continues the same stream). */
  rng: RngState;
  /** Number of `learn` calls applied. */
  updates: number;
  /** Sum of the importance weights applied. */
  totalWeight: number;
}

/** One candidate: an id the app understands and its feature vector laid out as the state's `FeatureShape`. */
export interface BanditAction {
  id: number;
  features: ArrayLike<number>;
}

/** What the app stores for each shown slot and hands back to `learn` with the reward. */
export interface ImpressionLog {
  actionId: number;
  /** Probability with which this slot chose this action (given the slots before it). */
  propensity: number;
  /** The chosen candidate's feature vector `[context | action | linear]`, as scored. */
  features: number[];
  /** 0-based slot in the row. */
  position: number;
  strategy: StrategyKind;
}

/** One filled slot of a decided slate. */
export interface SlotPick {
  /** 0-based slot. */
  position: number;
  /** Index of the action in the candidates passed to `decide`. */
  index: number;
  actionId: number;
  /** Probability of this pick at this slot, given the earlier slots (equals slotProbabilities[position][index]). */
  propensity: number;
  /** True when exploitation alone (best remaining predicted reward) would have picked another action. */
  exploratory: boolean;
}

/** A ranked slate with everything needed to log, explain and evaluate it. */
export interface Decision {
  strategy: StrategyKind;
  picks: SlotPick[];
  /** Distribution of the first slot over all candidates (sums to 1). */
  probabilities: Float64Array;
  /** Per slot, the distribution over candidates given the earlier slots (each sums to 1, 0 on placed ones). */
  slotProbabilities: Float64Array[];
  /** Predicted reward (posterior mean score) of each candidate: the exploitation score. */
  scores: Float64Array;
  /** Posterior variance of each candidate's score (what LinUCB and Thompson sampling use). */
  variances: Float64Array;
  /** What the strategy ranked by: the score (ε-greedy, softmax), the UCB, or the sampled score (Thompson). */
  rankScores: Float64Array;
  /** One log record per pick, in slot order. */
  logs: ImpressionLog[];
}

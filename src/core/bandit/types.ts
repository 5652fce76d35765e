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

/** What `createBandit` takes; `dim` is the joint feature dimension (see `jointDim`). */
export interface BanditOptions {
  dim: number;
  strategy: StrategyConfig;
  /** Ridge λ: A starts as λI, so the prior is θ ~ N(priorMean, A⁻¹). Default 1. */
  ridge?: number;
  /** Prior mean of the weights (warm start, e.g. a population model); default all zero. */
  priorMean?: ArrayLike<number>;
  /** Seed of the exploration random stream. Default 0. */
  seed?: number;
}

/**
 * The whole learner as a plain object (structured-clone safe: IndexedDB, postMessage). Functions
 * mutate it in place; use `cloneBandit` to keep an old copy and `serializeBandit` for JSON.
 * The model is weighted ridge regression: A = λI + Σ wᵢ xᵢxᵢᵀ, b = λθ₀ + Σ wᵢ rᵢ xᵢ, θ = A⁻¹b.
 */
export interface BanditState {
  version: 1;
  dim: number;
  strategy: ResolvedStrategy;
  ridge: number;
  /** A⁻¹, d×d row-major, kept by Sherman–Morrison rank-1 updates. */
  aInv: Float64Array;
  b: Float64Array;
  /** Current weight estimate A⁻¹b. */
  theta: Float64Array;
  /** Exploration random stream (saved, so a reload continues the same stream). */
  rng: RngState;
  /** Number of `learn` calls applied. */
  updates: number;
  /** Sum of the importance weights applied. */
  totalWeight: number;
}

/** One candidate: an id the app understands and its joint (context, action) feature vector. */
export interface BanditAction {
  id: number;
  features: ArrayLike<number>;
}

/** What the app stores for each shown slot and hands back to `learn` with the reward. */
export interface ImpressionLog {
  actionId: number;
  /** Probability with which this slot chose this action (given the slots before it). */
  propensity: number;
  /** The chosen action's joint features, as scored. */
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
  /** Predicted reward θᵀx of each candidate (the exploitation score). */
  scores: Float64Array;
  /** What the strategy ranked by: the score (ε-greedy, softmax), the UCB, or the sampled score (Thompson). */
  rankScores: Float64Array;
  /** One log record per pick, in slot order. */
  logs: ImpressionLog[];
}

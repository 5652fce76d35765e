/**
 * Learning curves: how the hybrid ranker's weights moved, and how the bandit's reward evolved, from
 * logged snapshots. Long histories are thinned to at most `maxPoints` evenly spaced points.
 */
import { HYBRID_FEATURES, type HybridFeature, type HybridWeights } from '../hybrid/weights';

/** The hybrid weights at one moment. */
export interface WeightSnapshot {
  at: number;
  weights: HybridWeights;
}

/** One bandit round's outcome. */
export interface RewardPoint {
  at: number;
  reward: number;
  /** True when the item was shown to explore rather than because it scored best. */
  explored: boolean;
}

/** Indices 0 … n−1 thinned to at most `max`, evenly spaced, always keeping the first and last. */
export function thinIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max <= 1) return [n - 1];
  const out: number[] = [];
  for (let j = 0; j < max; j++) out.push(Math.round((j * (n - 1)) / (max - 1)));
  return [...new Set(out)];
}

export interface WeightSeries {
  features: readonly HybridFeature[];
  points: { at: number; bias: number; values: number[]; updates: number }[];
}

/** The weights over time, oldest first, one value per feature (HYBRID_FEATURES order). */
export function weightSeries(snapshots: readonly WeightSnapshot[], maxPoints = 200): WeightSeries {
  const sorted = [...snapshots].sort((a, b) => a.at - b.at);
  return {
    features: HYBRID_FEATURES,
    points: thinIndices(sorted.length, maxPoints).map((i) => {
      const s = sorted[i]!;
      return { at: s.at, bias: s.weights.bias, values: HYBRID_FEATURES.map((f) => s.weights.w[f]), updates: s.weights.updates };
    }),
  };
}

export interface RewardSeries {
  points: {
    at: number;
    /** Rounds so far. */
    n: number;
    /** Sum of rewards so far, and their running mean. */
    cumulative: number;
    mean: number;
    /** Mean over the last `window` rounds. */
    recent: number;
  }[];
  total: { rounds: number; mean: number; explored: number; exploredMean: number | null; exploitedMean: number | null };
}

/** Cumulative and moving-average reward, oldest first. */
export function rewardSeries(rounds: readonly RewardPoint[], window = 20, maxPoints = 200): RewardSeries {
  const sorted = [...rounds].sort((a, b) => a.at - b.at);
  const all: RewardSeries['points'] = [];
  let cumulative = 0;
  let windowSum = 0;
  let ex = 0;
  let exSum = 0;
  let noSum = 0;
  sorted.forEach((r, i) => {
    cumulative += r.reward;
    windowSum += r.reward;
    if (i >= window) windowSum -= sorted[i - window]!.reward;
    if (r.explored) {
      ex++;
      exSum += r.reward;
    } else noSum += r.reward;
    all.push({ at: r.at, n: i + 1, cumulative, mean: cumulative / (i + 1), recent: windowSum / Math.min(i + 1, window) });
  });
  const n = sorted.length;
  return {
    points: thinIndices(n, maxPoints).map((i) => all[i]!),
    total: {
      rounds: n,
      mean: n ? cumulative / n : 0,
      explored: ex,
      exploredMean: ex ? exSum / ex : null,
      exploitedMean: n - ex ? noSum / (n - ex) : null,
    },
  };
}

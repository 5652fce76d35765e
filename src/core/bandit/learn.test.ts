import { describe, expect, it } from 'vitest';
import { decide } from './decide';
import { BanditError } from './errors';
import { importanceWeight, learn } from './learn';
import { REWARDS, rewardFor } from './reward';
import { nextGaussian, nextUniform, rngFromSeed } from './rng';
import { createBandit } from './state';
import type { BanditAction, StrategyConfig } from './types';

describe('learn', () => {
  it('is ridge regression for one weight: x = 2, r = 1, λ = 1, σ² = 1 gives mean 2/5, variance 1/5', () => {
    const s = createBandit({ dim: 1, strategy: { kind: 'linucb', alpha: 1 } });
    learn(s, { features: [2], propensity: 1 }, 1);
    expect(s.mean[0]).toBeCloseTo(0.4, 14);
    expect(s.variance[0]).toBeCloseTo(0.2, 14);
    expect([s.updates, s.totalWeight]).toEqual([1, 1]);
  });

  it('weights ε-greedy and softmax examples by min(1/p, cap); LinUCB and Thompson by 1', () => {
    const eg = createBandit({ dim: 1, strategy: { kind: 'epsilon-greedy', epsilon: 0.1, maxImportanceWeight: 10 } });
    learn(eg, { features: [2], propensity: 0.25 }, 1); // w = 4: A = 1 + 16, b = 8
    expect(eg.mean[0]).toBeCloseTo(8 / 17, 14);
    const capped = createBandit({ dim: 1, strategy: { kind: 'softmax', temperature: 1, maxImportanceWeight: 2 } });
    learn(capped, { features: [2], propensity: 0.25 }, 1); // w = 2: A = 9, b = 4
    expect(capped.mean[0]).toBeCloseTo(4 / 9, 14);
    expect(importanceWeight({ kind: 'thompson', scale: 1, samples: 4 }, 0.25)).toBe(1);
    expect(importanceWeight({ kind: 'linucb', alpha: 1 }, 0.5)).toBe(1);
  });

  it('starts from the prior mean and moves towards the data', () => {
    const s = createBandit({ dim: 1, strategy: { kind: 'linucb', alpha: 0 }, priorMean: [1], ridge: 2 });
    learn(s, { features: [1], propensity: 1 }, -1); // (2·1 + (−1)) / (2 + 1)
    expect(s.mean[0]).toBeCloseTo(1 / 3, 14);
  });

  it('refuses wrong lengths, propensities outside (0, 1] and non-finite rewards', () => {
    const s = createBandit({ dim: 2, strategy: { kind: 'linucb', alpha: 1 } });
    expect(() => learn(s, { features: [1], propensity: 1 }, 1)).toThrow(BanditError);
    expect(() => learn(s, { features: [1, 0], propensity: 0 }, 1)).toThrow(/propensity/);
    expect(() => learn(s, { features: [1, 0], propensity: 1.5 }, 1)).toThrow(/propensity/);
    expect(() => learn(s, { features: [1, 0], propensity: 1 }, NaN)).toThrow(/reward/);
    expect(s.updates).toBe(0);
  });

  it('uses the documented reward scale', () => {
    expect(REWARDS).toEqual({ like: 1, click: 0.5, ignore: 0, dislike: -1 });
    expect(rewardFor('dislike')).toBe(-1);
  });
});

/** Fraction of the last `late` rounds in which slot 1 held the optimal action. */
function lateOptimalShare(
  strategy: StrategyConfig,
  rounds: number,
  late: number,
  round: (t: number) => { actions: BanditAction[]; best: number; reward: (i: number) => number },
  dim: number,
): { share: number; theta: Float64Array } {
  const state = createBandit({ dim, strategy, seed: 11 });
  let hits = 0;
  for (let t = 0; t < rounds; t++) {
    const r = round(t);
    const d = decide(state, r.actions, 1);
    const pick = d.picks[0]!;
    if (t >= rounds - late && pick.index === r.best) hits++;
    learn(state, d.logs[0]!, r.reward(pick.index));
  }
  return { share: hits / late, theta: state.mean };
}

const convergent: StrategyConfig[] = [
  { kind: 'epsilon-greedy', epsilon: 0.05 },
  { kind: 'softmax', temperature: 0.05 },
  { kind: 'linucb', alpha: 0.5 },
  { kind: 'thompson', scale: 0.3, samples: 8 },
];

describe('convergence', () => {
  it.each(convergent)('$kind finds the better of two arms (means 0.2 and 0.6, noisy)', (strategy) => {
    const noise = rngFromSeed(21);
    const arms: BanditAction[] = [
      { id: 0, features: [1, 0] },
      { id: 1, features: [0, 1] },
    ];
    const { share, theta } = lateOptimalShare(
      strategy,
      800,
      200,
      () => ({ actions: arms, best: 1, reward: (i) => (i === 1 ? 0.6 : 0.2) + 0.3 * nextGaussian(noise) }),
      2,
    );
    expect(share).toBeGreaterThan(0.9);
    expect(theta[1]).toBeGreaterThan(theta[0]!);
    expect(theta[1]).toBeCloseTo(0.6, 1);
  });

  it.each(convergent)('$kind learns a linear reward (d = 5, 10 actions a round) and picks its argmax', (strategy) => {
    const truth = [1, -0.5, 0.8, 0, 0.3];
    const gen = rngFromSeed(33);
    const { share, theta } = lateOptimalShare(
      strategy,
      1500,
      300,
      () => {
        const actions: BanditAction[] = Array.from({ length: 10 }, (_, i) => ({ id: i, features: truth.map(() => nextGaussian(gen)) }));
        const means = actions.map((a) => truth.reduce((s, w, j) => s + w * a.features[j]!, 0));
        const best = means.indexOf(Math.max(...means));
        return { actions, best, reward: (i) => means[i]! + 0.2 * (nextUniform(gen) * 2 - 1) };
      },
      5,
    );
    expect(share).toBeGreaterThan(0.9);
    truth.forEach((w, j) => expect(Math.abs(theta[j]! - w)).toBeLessThan(0.05));
  });
});

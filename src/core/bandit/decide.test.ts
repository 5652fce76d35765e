import { describe, expect, it } from 'vitest';
import { decide } from './decide';
import { BanditError } from './errors';
import { EXPLORATION_MESSAGE, explorationTag } from './explain';
import { createBandit } from './state';
import type { BanditAction, Decision, StrategyConfig } from './types';

/** Four one-feature candidates; with θ = [1] their scores are 3, 1, 2, 0. */
const four: BanditAction[] = [3, 1, 2, 0].map((v, i) => ({ id: 100 + i, features: [v] }));

const strategies: StrategyConfig[] = [
  { kind: 'epsilon-greedy', epsilon: 0.3 },
  { kind: 'softmax', temperature: 0.5 },
  { kind: 'linucb', alpha: 1 },
  { kind: 'thompson', scale: 1, samples: 16 },
];

function sumOf(p: Float64Array): number {
  return p.reduce((s, v) => s + v, 0);
}

describe('decide', () => {
  it.each(strategies)('$kind: every slot distribution sums to 1 and logs the chosen propensity', (strategy) => {
    const state = createBandit({ dim: 2, strategy, seed: 5 });
    const actions: BanditAction[] = Array.from({ length: 7 }, (_, i) => ({ id: i * 10, features: [1, (i - 3) / 3] }));
    for (let t = 0; t < 20; t++) {
      const d = decide(state, actions, 3);
      expect(d.picks.map((p) => p.position)).toEqual([0, 1, 2]);
      expect(new Set(d.picks.map((p) => p.index)).size).toBe(3);
      expect(d.probabilities).toBe(d.slotProbabilities[0]);
      d.slotProbabilities.forEach((p, k) => {
        expect(sumOf(p)).toBeCloseTo(1, 12);
        for (const earlier of d.picks.slice(0, k)) expect(p[earlier.index]).toBe(0);
      });
      d.picks.forEach((pick, k) => {
        expect(pick.propensity).toBe(d.slotProbabilities[k]![pick.index]);
        expect(pick.propensity).toBeGreaterThan(0);
        expect(pick.actionId).toBe(actions[pick.index]!.id);
        const log = d.logs[k]!;
        expect(log).toEqual({
          actionId: pick.actionId,
          propensity: pick.propensity,
          features: Array.from(actions[pick.index]!.features),
          position: k,
          strategy: strategy.kind,
        });
      });
    }
  });

  it('ε-greedy gives the greedy arm exactly ε/K + (1 − ε) and every other arm ε/K, slot by slot', () => {
    const eps = 0.2;
    const state = createBandit({ dim: 1, strategy: { kind: 'epsilon-greedy', epsilon: eps }, priorMean: [1], seed: 1 });
    for (let t = 0; t < 30; t++) {
      const d = decide(state, four, 3);
      expect(Array.from(d.scores)).toEqual([3, 1, 2, 0]);
      const placed = new Set<number>();
      d.slotProbabilities.forEach((p, k) => {
        const k4 = 4 - k;
        const free = [0, 1, 2, 3].filter((i) => !placed.has(i));
        const greedy = free.reduce((b, i) => (four[i]!.features[0]! > four[b]!.features[0]! ? i : b));
        for (const i of free) expect(p[i]).toBe(i === greedy ? eps / k4 + (1 - eps) : eps / k4);
        placed.add(d.picks[k]!.index);
      });
    }
  });

  it('samples slot 1 with the frequencies it reports (ε-greedy 0.85, softmax e/(1+e))', () => {
    const eg = createBandit({ dim: 1, strategy: { kind: 'epsilon-greedy', epsilon: 0.2 }, priorMean: [1], seed: 9 });
    let greedy = 0;
    const n = 4000;
    for (let t = 0; t < n; t++) if (decide(eg, four, 1).picks[0]!.index === 0) greedy++;
    expect(greedy / n).toBeGreaterThan(0.83);
    expect(greedy / n).toBeLessThan(0.87);

    const sm = createBandit({ dim: 1, strategy: { kind: 'softmax', temperature: 1 }, priorMean: [1], seed: 9 });
    const two: BanditAction[] = [{ id: 1, features: [1] }, { id: 2, features: [0] }];
    const p = decide(sm, two, 1).probabilities;
    expect(p[0]).toBeCloseTo(Math.E / (1 + Math.E), 12);
    let first = 0;
    for (let t = 0; t < n; t++) if (decide(sm, two, 1).picks[0]!.index === 0) first++;
    expect(Math.abs(first / n - Math.E / (1 + Math.E))).toBeLessThan(0.025);
  });

  it('LinUCB ranks by θᵀx + α√(xᵀA⁻¹x) deterministically with propensity 1', () => {
    // fresh state: A⁻¹ = I, θ = (0.5, 0): scores 0.5 and 0, bonuses 1 and 2 → UCB 1.5 and 2
    const state = createBandit({ dim: 2, strategy: { kind: 'linucb', alpha: 1 }, priorMean: [0.5, 0] });
    const d = decide(state, [{ id: 1, features: [1, 0] }, { id: 2, features: [0, 2] }], 2);
    expect(Array.from(d.rankScores)).toEqual([1.5, 2]);
    expect(d.picks.map((p) => [p.actionId, p.propensity, p.exploratory])).toEqual([
      [2, 1, true],
      [1, 1, false],
    ]);
  });

  it('Thompson with scale 0 is greedy with propensity 1; otherwise a pick has propensity ≥ 1/samples', () => {
    const greedy = createBandit({ dim: 1, strategy: { kind: 'thompson', scale: 0, samples: 8 }, priorMean: [1] });
    const d0 = decide(greedy, four, 2);
    expect(d0.picks.map((p) => [p.index, p.propensity])).toEqual([
      [0, 1],
      [2, 1],
    ]);
    const ts = createBandit({ dim: 1, strategy: { kind: 'thompson', scale: 5, samples: 8 }, priorMean: [1], seed: 3 });
    for (let t = 0; t < 50; t++) for (const p of decide(ts, four, 4).picks) expect(p.propensity).toBeGreaterThanOrEqual(1 / 8);
  });

  it('tags exploratory picks with the predicted reward they gave up', () => {
    const explore = createBandit({ dim: 1, strategy: { kind: 'epsilon-greedy', epsilon: 1 }, priorMean: [1], seed: 4 });
    let found: Decision | undefined;
    for (let t = 0; t < 50 && !found; t++) {
      const d = decide(explore, four, 1);
      if (d.picks[0]!.index !== 0) found = d;
    }
    const pick = found!.picks[0]!;
    expect(pick.exploratory).toBe(true);
    expect(explorationTag(found!, 0)).toEqual({ kind: 'explore', gap: 3 - four[pick.index]!.features[0]!, message: EXPLORATION_MESSAGE });

    const exploit = createBandit({ dim: 1, strategy: { kind: 'epsilon-greedy', epsilon: 0 }, priorMean: [1] });
    const d = decide(exploit, four, 4);
    expect(d.picks.map((p) => p.index)).toEqual([0, 2, 1, 3]);
    expect(d.picks.every((p) => !p.exploratory)).toBe(true);
    expect(explorationTag(d, 1)).toEqual({ kind: 'exploit' });
  });

  it('fills at most M slots and refuses empty candidates, bad slot counts and bad features', () => {
    const state = createBandit({ dim: 1, strategy: { kind: 'epsilon-greedy', epsilon: 0.1 } });
    expect(decide(state, four, 10).picks).toHaveLength(4);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return err instanceof BanditError ? err.code : 'other';
      }
      return 'none';
    };
    expect(code(() => decide(state, [], 1))).toBe('ERR_BANDIT_INPUT');
    expect(code(() => decide(state, four, 0))).toBe('ERR_BANDIT_INPUT');
    expect(code(() => decide(state, [{ id: 1, features: [1, 2] }], 1))).toBe('ERR_BANDIT_INPUT');
    expect(code(() => decide(state, [{ id: 1, features: [NaN] }], 1))).toBe('ERR_BANDIT_INPUT');
  });
});

import { describe, expect, it } from 'vitest';
import { decide } from './decide';
import { BanditError } from './errors';
import { learn } from './learn';
import { cloneBandit, createBandit, deserializeBandit, serializeBandit, withStrategy } from './state';
import type { BanditAction, BanditState, StrategyConfig } from './types';

const actions: BanditAction[] = Array.from({ length: 6 }, (_, i) => ({ id: i, features: [1, Math.sin(i), Math.cos(2 * i)] }));

/** Runs `steps` decide + learn rounds with a fixed reward rule; returns the picked ids. */
function play(state: BanditState, steps: number): number[][] {
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    const d = decide(state, actions, 2);
    out.push(d.picks.map((p) => p.actionId));
    d.logs.forEach((log) => learn(state, log, log.actionId % 2 === 0 ? 1 : -1));
  }
  return out;
}

const all: StrategyConfig[] = [
  { kind: 'epsilon-greedy', epsilon: 0.5 },
  { kind: 'softmax', temperature: 0.3 },
  { kind: 'linucb', alpha: 1 },
  { kind: 'thompson', scale: 1, samples: 4 },
];

describe('bandit state', () => {
  it.each(all)('$kind is reproducible from the seed', (strategy) => {
    const a = createBandit({ dim: 3, strategy, seed: 99 });
    const b = createBandit({ dim: 3, strategy, seed: 99 });
    expect(play(a, 40)).toEqual(play(b, 40));
    expect(Array.from(a.mean)).toEqual(Array.from(b.mean));
  });

  it('different seeds explore differently', () => {
    const strategy: StrategyConfig = { kind: 'epsilon-greedy', epsilon: 0.5 };
    expect(play(createBandit({ dim: 3, strategy, seed: 1 }), 40)).not.toEqual(play(createBandit({ dim: 3, strategy, seed: 2 }), 40));
  });

  it.each(all)('$kind continues identically after a JSON round trip of serialize/deserialize', (strategy) => {
    const original = createBandit({ dim: 3, strategy, seed: 7 });
    play(original, 25);
    const restored = deserializeBandit(JSON.parse(JSON.stringify(serializeBandit(original))));
    expect(serializeBandit(restored)).toEqual(serializeBandit(original));
    expect(play(restored, 25)).toEqual(play(original, 25));
    expect(Array.from(restored.mean)).toEqual(Array.from(original.mean));
    expect(restored.rng.s).toBe(original.rng.s);
  });

  it('clones are independent; withStrategy keeps the model and changes the strategy', () => {
    const s = createBandit({ dim: 3, strategy: { kind: 'linucb', alpha: 1 } });
    play(s, 5);
    const c = cloneBandit(s);
    play(c, 5);
    expect(c.updates).toBe(20);
    expect(s.updates).toBe(10);
    const t = withStrategy(s, { kind: 'thompson', scale: 0.5 });
    expect(t.strategy).toEqual({ kind: 'thompson', scale: 0.5, samples: 8 });
    expect(Array.from(t.mean)).toEqual(Array.from(s.mean));
  });

  it('refuses unreadable stored states with ERR_BANDIT_STATE', () => {
    const good = serializeBandit(createBandit({ dim: 2, strategy: { kind: 'linucb', alpha: 1 } }));
    const broken: unknown[] = [
      null,
      { ...good, format: 'other' },
      { ...good, version: 3 },
      { ...good, mean: [1, 0, 0] },
      { ...good, mean: [0, NaN] },
      { ...good, variance: [0, -1] },
      { ...good, shape: { context: 1, action: 1, linear: 0 } },
      { ...good, strategy: { kind: 'linucb', alpha: -1 } },
      { ...good, rng: 1.5 },
    ];
    for (const data of broken) {
      expect(() => deserializeBandit(data)).toThrow(BanditError);
      try {
        deserializeBandit(data);
      } catch (err) {
        expect((err as BanditError).code).toBe('ERR_BANDIT_STATE');
      }
    }
  });

  it('validates options at creation', () => {
    expect(() => createBandit({ dim: 0, strategy: { kind: 'linucb', alpha: 1 } })).toThrow(/weights/);
    expect(() => createBandit({ dim: 2, strategy: { kind: 'epsilon-greedy', epsilon: 1.5 } })).toThrow(/epsilon/);
    expect(() => createBandit({ dim: 2, strategy: { kind: 'softmax', temperature: 0 } })).toThrow(/temperature/);
    expect(() => createBandit({ dim: 2, strategy: { kind: 'linucb', alpha: 1 }, priorMean: [1] })).toThrow(/prior mean/);
    expect(() => createBandit({ dim: 2, strategy: { kind: 'linucb', alpha: 1 }, ridge: 0 })).toThrow(/ridge/);
  });
});

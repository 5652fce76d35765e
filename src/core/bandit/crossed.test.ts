import { describe, expect, it } from 'vitest';
import { decide } from './decide';
import { learn } from './learn';
import { predict } from './model';
import { nextGaussian, nextInt, rngFromSeed } from './rng';
import {
  createBandit,
  isLegacyBanditState,
  restoreBandit,
  serializeBandit,
  validateBanditState,
} from './state';
import type { BanditAction, BanditState, FeatureShape, StrategyConfig } from './types';

// Context [bias, evening?], action [bias, isA, isB], no linear features: 2 × 3 = 6 weights.
const shape: FeatureShape = { context: 2, action: 3, linear: 0 };
const movieA = [1, 1, 0];
const movieB = [1, 0, 1];
const at = (evening: number): BanditAction[] => [
  { id: 1, features: [1, evening, ...movieA] },
  { id: 2, features: [1, evening, ...movieB] },
];

/** The dense crossed vector c ⊗ (centred) a, to check the factorised kernels against. */
function dense(state: BanditState, f: readonly number[]): number[] {
  const { context: c, action: a } = state.shape;
  const x = f.map((v, j) => (j < c + a ? v - state.center[j]! : v));
  const out: number[] = [];
  for (let j = 0; j < c; j++) for (let k = 0; k < a; k++) out.push(x[j]! * x[c + k]!);
  return [...out, ...x.slice(c + a)];
}

describe('crossed model', () => {
  it('learns an interaction no additive model can: A in the evening, B otherwise', () => {
    const state = createBandit({ shape, strategy: { kind: 'epsilon-greedy', epsilon: 0.2 }, seed: 4 });
    const rng = rngFromSeed(8);
    for (let t = 0; t < 400; t++) {
      const evening = nextInt(rng, 2);
      const d = decide(state, at(evening), 1);
      const liked = (d.picks[0]!.actionId === 1) === (evening === 1);
      learn(state, d.logs[0]!, (liked ? 1 : -1) + 0.3 * nextGaussian(rng));
    }
    const greedy = createBandit({ shape, strategy: { kind: 'epsilon-greedy', epsilon: 0 } });
    greedy.mean.set(state.mean);
    expect(decide(greedy, at(1), 1).picks[0]!.actionId).toBe(1);
    expect(decide(greedy, at(0), 1).picks[0]!.actionId).toBe(2);
    expect(predict(state, [1, 1, ...movieA])).toBeGreaterThan(0.5);
    expect(predict(state, [1, 0, ...movieA])).toBeLessThan(-0.5);
  });

  it('scores and variances equal the dense crossed products, with centring and linear features', () => {
    const s = createBandit({ shape: { context: 2, action: 2, linear: 1 }, strategy: { kind: 'linucb', alpha: 1 }, center: [9, 0.5, 9, 0.25] });
    expect(Array.from(s.center)).toEqual([0, 0.5, 0, 0.25]); // bias entries stay uncentred
    const rng = rngFromSeed(3);
    s.mean.forEach((_, i) => ((s.mean[i] = nextGaussian(rng)), (s.variance[i] = 0.1 + Math.abs(nextGaussian(rng)))));
    const cands: BanditAction[] = [
      { id: 0, features: [1, 0.2, 1, 0.9, -1] },
      { id: 1, features: [1, 0.2, 1, -0.3, 2] },
      { id: 2, features: [1, -0.7, 1, 0.4, 0.5] }, // another context in the same decision
    ];
    const d = decide(s, cands, 3);
    cands.forEach((cand, i) => {
      const x = dense(s, cand.features as number[]);
      expect(d.scores[i]).toBeCloseTo(x.reduce((t, v, j) => t + v * s.mean[j]!, 0), 12);
      expect(d.variances[i]).toBeCloseTo(x.reduce((t, v, j) => t + v * v * s.variance[j]!, 0), 12);
      expect(predict(s, cand.features)).toBeCloseTo(d.scores[i]!, 12);
    });
  });

  it('one update is the exact Gaussian step on the crossed vector, restricted to its diagonal', () => {
    const s = createBandit({ shape, strategy: { kind: 'linucb', alpha: 0 }, ridge: 2, noise: 0.5 });
    const f = [1, 1, ...movieA];
    learn(s, { features: f, propensity: 1 }, 1);
    // x = c ⊗ a has four ones (bias·bias, bias·A, evening·bias, evening·A): s² = 0.5 + 4 · 0.5 = 2.5
    const x = dense(s, f);
    x.forEach((v, j) => {
      expect(s.mean[j]).toBeCloseTo(v === 0 ? 0 : 0.5 / 2.5, 14);
      expect(s.variance[j]).toBeCloseTo(v === 0 ? 0.5 : 0.5 - 0.25 / 2.5, 14);
    });
  });

  it.each<StrategyConfig>([
    { kind: 'epsilon-greedy', epsilon: 0.3 },
    { kind: 'softmax', temperature: 0.2 },
    { kind: 'linucb', alpha: 1 },
    { kind: 'thompson', scale: 1, samples: 8 },
  ])('$kind logs the raw feature vector and a propensity in (0, 1]', (strategy) => {
    const s = createBandit({ shape, strategy, seed: 2, center: [0, 0.5, 0, 0.5, 0.5] });
    const d = decide(s, at(1), 2);
    d.logs.forEach((log, k) => {
      expect(log.features).toEqual(at(1)[d.picks[k]!.index]!.features);
      expect(log.propensity).toBeGreaterThan(0);
      expect(log.propensity).toBeLessThanOrEqual(1);
    });
  });
});

describe('validateBanditState', () => {
  const good = () => {
    const s = createBandit({ shape, strategy: { kind: 'softmax', temperature: 0.1 }, seed: 1 });
    learn(s, { features: [1, 1, ...movieA], propensity: 0.5 }, 1);
    return JSON.parse(JSON.stringify(serializeBandit(s))) as Record<string, unknown>;
  };

  it('accepts a serialised state (and a live one) and rebuilds it exactly', () => {
    const r = validateBanditState(good());
    expect(r.ok).toBe(true);
    if (r.ok) expect(serializeBandit(r.state)).toEqual(good());
    const live = createBandit({ shape, strategy: { kind: 'linucb', alpha: 1 } });
    expect(validateBanditState(live).ok).toBe(true);
  });

  it.each<[string, (g: Record<string, unknown>) => unknown, string, RegExp]>([
    ['not an object', () => [1, 2], 'state', /not an object/],
    ['another format', (g) => ({ ...g, format: 'vw' }), 'format', /not a Discover model/],
    ['a future version', (g) => ({ ...g, version: 9 }), 'version', /reads version 2/],
    ['no shape', (g) => ({ ...g, shape: undefined }), 'shape', /missing/],
    ['a fractional shape', (g) => ({ ...g, shape: { context: 1.5, action: 3, linear: 0 } }), 'shape.context', /whole number/],
    ['too few weights', (g) => ({ ...g, mean: [0, 1] }), 'mean', /has 2 entries; the shape needs 6/],
    ['a text weight', (g) => ({ ...g, mean: [0, 0, 0, 0, 0, '1'] }), 'mean[5]', /not a finite number/],
    ['a negative variance', (g) => ({ ...g, variance: [1, 1, -1, 1, 1, 1] }), 'variance[2]', /negative/],
    ['a wrong centring length', (g) => ({ ...g, center: [0] }), 'center', /needs 5/],
    ['a bad strategy', (g) => ({ ...g, strategy: { kind: 'softmax', temperature: -1 } }), 'strategy', /temperature/],
    ['no noise', (g) => ({ ...g, noise: 0 }), 'noise', /positive/],
    ['a bad random stream', (g) => ({ ...g, rng: -3 }), 'rng', /whole number/],
    ['bad counters', (g) => ({ ...g, updates: 'x' }), 'updates', /whole number/],
  ])('rejects %s, naming the field', (_, mutate, field, message) => {
    const r = validateBanditState(mutate(good()));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.message).toMatch(message);
    }
  });
});

describe('old and damaged stored states', () => {
  // What version 1 (the dense ridge model, d = 53) stored for every existing user.
  const legacy = { format: 'recostream-bandit', version: 1, dim: 2, strategy: { kind: 'linucb', alpha: 1 }, ridge: 1, aInv: [1, 0, 0, 1], b: [0, 0], theta: [0, 0], rng: 5, updates: 0, totalWeight: 0 };
  const fresh = () => createBandit({ shape, strategy: { kind: 'linucb', alpha: 1 }, seed: 77 });

  it('recognises a version-1 state as legacy and starts afresh with a note, without throwing', () => {
    expect(isLegacyBanditState(legacy)).toBe(true);
    expect(validateBanditState(legacy)).toMatchObject({ ok: false, field: 'version', message: expect.stringMatching(/older Discover model/) });
    const r = restoreBandit(legacy, shape, fresh);
    expect(r.note?.reason).toBe('legacy');
    expect(serializeBandit(r.state)).toEqual(serializeBandit(fresh()));
  });

  it('replaces a damaged or differently shaped state, and keeps a good one', () => {
    expect(restoreBandit({ format: 'recostream-bandit', version: 2 }, shape, fresh).note?.reason).toBe('invalid');
    expect(restoreBandit('garbage', shape, fresh).note?.message).toMatch(/damaged .* reset/);
    const other = serializeBandit(createBandit({ dim: 4, strategy: { kind: 'linucb', alpha: 1 } }));
    expect(restoreBandit(other, shape, fresh).note?.reason).toBe('shape');
    expect(restoreBandit(null, shape, fresh)).toEqual({ state: fresh(), note: null });
    const mine = fresh();
    learn(mine, { features: [1, 0, ...movieB], propensity: 1 }, 1);
    const back = restoreBandit(JSON.parse(JSON.stringify(serializeBandit(mine))), shape, fresh);
    expect(back.note).toBeNull();
    expect(Array.from(back.state.mean)).toEqual(Array.from(mine.mean));
  });
});

import { describe, expect, it } from 'vitest';
import { featureCenter, fitPrior, type PriorExample } from './prior';
import { predict } from './model';
import { nextGaussian, nextUniform, rngFromSeed } from './rng';
import { createBandit } from './state';
import type { FeatureShape } from './types';

// A community whose taste interacts with the movie: context [bias, likesAction], action [bias, isAction, quality].
const shape: FeatureShape = { context: 2, action: 3, linear: 0 };
function community(n: number, seed: number): PriorExample[] {
  const rng = rngFromSeed(seed);
  return Array.from({ length: n }, () => {
    const likes = nextUniform(rng) < 0.4 ? 1 : 0;
    const action = nextUniform(rng) < 0.3 ? 1 : 0;
    const quality = nextGaussian(rng) * 0.5;
    const truth = 0.6 * quality + (likes && action ? 0.8 : 0) - (!likes && action ? 0.4 : 0);
    return { features: [1, likes, 1, action, quality], reward: truth + 0.5 * nextGaussian(rng) };
  });
}

describe('fitPrior', () => {
  const data = community(3000, 1);

  it('is reproducible: same examples and seed give the same prior, bit for bit', () => {
    const a = fitPrior(shape, data, { seed: 7 });
    const b = fitPrior(shape, data, { seed: 7 });
    expect(Array.from(a.mean)).toEqual(Array.from(b.mean));
    expect(Array.from(a.variance)).toEqual(Array.from(b.variance));
    expect(Array.from(a.center)).toEqual(Array.from(b.center));
    // The seed orders the examples, and the filter depends on the order, a little.
    const c = fitPrior(shape, data, { seed: 8 });
    expect(Array.from(c.mean)).not.toEqual(Array.from(a.mean));
    Array.from(c.mean).forEach((m, i) => expect(Math.abs(m - a.mean[i]!)).toBeLessThan(0.05));
  });

  it('centres on the examples’ mean context and action (bias entries kept at 1)', () => {
    const center = featureCenter(shape, data);
    const mean = (j: number) => data.reduce((s, e) => s + e.features[j]!, 0) / data.length;
    expect(center[0]).toBe(0);
    expect(center[1]).toBeCloseTo(mean(1), 12);
    expect(center[2]).toBe(0);
    expect(center[3]).toBeCloseTo(mean(3), 12);
    expect(center[4]).toBeCloseTo(mean(4), 12);
  });

  it('predicts a new community member better than a blank model, and lets weights move again', () => {
    const prior = fitPrior(shape, data, { seed: 7, spread: 0.02 });
    const fitted = createBandit({ shape, strategy: { kind: 'linucb', alpha: 0 }, prior });
    const blank = createBandit({ shape, strategy: { kind: 'linucb', alpha: 0 } });
    const test = community(1000, 2);
    const mse = (s: typeof fitted) => test.reduce((t, e) => t + (predict(s, e.features) - e.reward) ** 2, 0) / test.length;
    expect(mse(fitted)).toBeLessThan(0.3); // noise alone is 0.25
    expect(mse(blank)).toBeGreaterThan(mse(fitted) + 0.1);
    // the interaction is learned: an action fan is predicted to like an action movie more than others do
    expect(predict(fitted, [1, 1, 1, 1, 0]) - predict(fitted, [1, 0, 1, 1, 0])).toBeCloseTo(1.2, 1);
    for (const v of Array.from(prior.variance)) {
      expect(v).toBeGreaterThanOrEqual(0.02);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('refuses examples of another shape', () => {
    expect(() => fitPrior(shape, [{ features: [1, 2, 3], reward: 1 }], { seed: 1 })).toThrow(/needs 5/);
  });
});

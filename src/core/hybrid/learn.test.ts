import { describe, expect, it } from 'vitest';
import { DEFAULT_LEARN, learnFromImpression, reviveWeights } from './learn';
import { contributions, logit, priorWeights, sigmoid, type FeatureValues } from './weights';

const x = (over: Partial<FeatureValues> = {}): FeatureValues => ({ semantic: 0, genre: 0, mood: 0, cf: 0, quality: 0, fresh: 0, ...over });

describe('hybrid weights', () => {
  it('computes the logit and contributions as a weighted sum', () => {
    const w = priorWeights();
    const v = x({ semantic: 0.8, genre: 1, quality: 0.5 });
    expect(logit(w, v)).toBeCloseTo(-2 + 2.5 * 0.8 + 1.5 * 1 + 2 * 0.5, 12);
    expect(contributions(w, v).genre).toBe(1.5);
  });
});

describe('learnFromImpression', () => {
  it('takes exactly one gradient step on a like, worked by hand', () => {
    const w = priorWeights();
    const v = x({ genre: 1 });
    const p = sigmoid(-2 + 1.5); // 0.3775
    const next = learnFromImpression(w, v, 'like');
    // eta = 0.5 · 1 / sqrt(1); the L2 term is 0 at the prior.
    expect(next.w.genre).toBeCloseTo(1.5 + 0.5 * (1 - p), 12);
    expect(next.w.semantic).toBe(2.5);
    expect(next.bias).toBeCloseTo(-2 + 0.5 * (1 - p), 12);
    expect(next.updates).toBe(1);
    expect(w.w.genre).toBe(1.5); // the input is not mutated
  });

  it('moves weights down on a dislike and weighs clicks less than likes', () => {
    const w = priorWeights();
    const v = x({ mood: 1 });
    expect(learnFromImpression(w, v, 'dislike').w.mood).toBeLessThan(5);
    const liked = learnFromImpression(w, v, 'like').w.mood - 5;
    const clicked = learnFromImpression(w, v, 'click').w.mood - 5;
    expect(clicked).toBeCloseTo(liked * 0.4, 12);
  });

  it('learns that a user rewards one feature: its weight grows, the other shrinks', () => {
    let w = priorWeights();
    for (let i = 0; i < 200; i++) {
      w = learnFromImpression(w, x({ cf: 1, semantic: 0.2 }), 'like');
      w = learnFromImpression(w, x({ semantic: 1, cf: 0.1 }), 'dislike');
    }
    expect(w.w.cf).toBeGreaterThan(priorWeights().w.cf + 0.5);
    expect(w.w.semantic).toBeLessThan(priorWeights().w.semantic);
    expect(sigmoid(logit(w, x({ cf: 1, semantic: 0.2 })))).toBeGreaterThan(sigmoid(logit(w, x({ semantic: 1, cf: 0.1 }))));
  });

  it('keeps weights within bounds', () => {
    let w = priorWeights();
    for (let i = 0; i < 500; i++) w = learnFromImpression(w, x({ fresh: 1 }), 'dislike');
    expect(w.w.fresh).toBe(DEFAULT_LEARN.min);
  });
});

describe('reviveWeights', () => {
  it('accepts valid weights and repairs malformed ones', () => {
    const w = learnFromImpression(priorWeights(), x({ genre: 1 }), 'like');
    expect(reviveWeights(JSON.parse(JSON.stringify(w)))).toEqual(w);
    expect(reviveWeights(null)).toEqual(priorWeights());
    expect(reviveWeights({ version: 1, bias: 0, w: { genre: 'x' } }).w.genre).toBe(1.5);
  });
});

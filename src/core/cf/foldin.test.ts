import { describe, expect, it } from 'vitest';
import { explainPrediction, foldInUser, predictRating, rankingScores, recommend, relevanceScores, scoreAllItems, similarItems } from './foldin';
import { cooFromTriples } from './matrix';
import { assertCfModel, trainCf, userRatings } from './model';
import type { CfOptions } from './options';

// The similarity fixture: items A0 B1 C2 D3 F4 G5, μ = 36/12 = 3.
const coo = cooFromTriples(4, 6, [
  [0, 0, 4], [0, 1, 5], [0, 2, 2], [0, 3, 4],
  [1, 0, 2], [1, 1, 1], [1, 2, 4],
  [2, 0, 5], [2, 1, 4], [2, 3, 4],
  [3, 4, 0.5], [3, 5, 0.5],
]);
const [A, B, C, D, F] = [0, 1, 2, 3, 4];
// No ALS epochs: all training biases 0, so community residuals are r − 3 and the similarities
// are the hand-worked ones of similarity.test.ts: s_AB = 1/√6, s_AD = s_BD = 1/√10.
const HAND: Partial<CfOptions> = {
  baselineEpochs: 0,
  regUser: 1,
  shrinkage: 2,
  userShrinkage: 1,
  k: 40,
  minK: 1,
  damping: 0,
  itemWeight: 1,
  userWeight: 0,
};
const sAB = 1 / Math.sqrt(6);
const sBD = 1 / Math.sqrt(10);
// The folded-in user x rates A = 5 and D = 2: b_x = ((5 − 3) + (2 − 3)) / (1 + 2) = 1/3,
// residuals A: 5/3, D: −4/3.
const x = [
  { item: A, rating: 5 },
  { item: D, rating: 2 },
];

describe('foldInUser + predictRating (item term)', () => {
  const model = trainCf(coo, HAND);

  it('computes the bias and residuals by the regularised formula', () => {
    const p = foldInUser(model, x);
    expect(model.globalMean).toBe(3);
    expect(p.bias).toBeCloseTo(1 / 3, 6);
    expect(p.residual[A]).toBeCloseTo(5 / 3, 6);
    expect(p.residual[D]).toBeCloseTo(-4 / 3, 6);
    expect([...p.items]).toEqual([A, D]);
  });

  it('matches a KNNBaseline prediction worked by hand', () => {
    const p = foldInUser(model, x);
    // r̂_xB = μ + b_x + b_B + (s_BA·5/3 + s_BD·(−4/3)) / (s_BA + s_BD) ≈ 3.690525
    const want = 3 + 1 / 3 + (sAB * (5 / 3) + sBD * (-4 / 3)) / (sAB + sBD);
    expect(predictRating(model, p, B)).toBeCloseTo(want, 5);
    expect(want).toBeCloseTo(3.690525, 5);
  });

  it('applies damping, k, minK and the clip', () => {
    const p = foldInUser(model, x);
    const damped = { ...model, options: { ...model.options, damping: 0.5 } };
    expect(predictRating(damped, p, B)).toBeCloseTo(3 + 1 / 3 + (sAB * (5 / 3) + sBD * (-4 / 3)) / (sAB + sBD + 0.5), 5);
    // k = 1 keeps only A: 3 + 1/3 + 5/3 = 5, exactly the top of the scale.
    expect(predictRating({ ...model, options: { ...model.options, k: 1 } }, p, B)).toBeCloseTo(5, 5);
    // minK = 3 with two rated neighbours: the neighbour term is dropped.
    expect(predictRating({ ...model, options: { ...model.options, minK: 3 } }, p, B)).toBeCloseTo(3 + 1 / 3, 5);
    // The clip: on a 1–4 scale the k = 1 estimate of 5 becomes 4, and 3.69 is left alone.
    const scale14 = { ...model.options, minRating: 1, maxRating: 4 };
    expect(predictRating({ ...model, options: { ...scale14, k: 1 } }, p, B)).toBe(4);
    expect(predictRating({ ...model, options: scale14 }, p, B)).toBeCloseTo(3.690525, 5);
  });

  it('weights a rating in the bias and in the neighbour average', () => {
    // A = 5 with weight 0.5: b = (0.5·2 + 1·(−1)) / (1 + 1.5) = 0 → residuals A 2, D −1.
    const p = foldInUser(model, [{ item: A, rating: 5, weight: 0.5 }, { item: D, rating: 2 }]);
    expect(p.bias).toBeCloseTo(0, 6);
    const want = 3 + (sAB * 0.5 * 2 + sBD * 1 * -1) / (sAB * 0.5 + sBD);
    expect(predictRating(model, p, B)).toBeCloseTo(want, 5);
  });

  it('explains the prediction: contributions add up to the item term', () => {
    const p = foldInUser(model, x);
    const e = explainPrediction(model, p, B);
    const den = sAB + sBD;
    expect(e.baseline).toBeCloseTo(3 + 1 / 3, 6);
    expect(e.contributors.map((c) => c.item)).toEqual([A, D]);
    expect(e.contributors[0]!.contribution).toBeCloseTo((sAB * 5) / 3 / den, 5);
    expect(e.contributors[1]!.contribution).toBeCloseTo((sBD * -4) / 3 / den, 5);
    expect(e.estimate).toBeCloseTo(e.baseline + e.itemTerm + e.userTerm, 5);
  });
});

describe('user–user term', () => {
  const model = trainCf(coo, { ...HAND, itemWeight: 0, userWeight: 1, userDamping: 0 });

  it('computes shrunk Pearson-baseline similarities with community users by hand', () => {
    const p = foldInUser(model, x);
    // x vs u0 over A, D: Σ = 5/3·1 − 4/3·1 = 1/3, Σ x² = 41/9, Σ u0² = 2 → 1/√82; n = 2 → × 1/(1 + 1)
    expect(p.userSim[0]).toBeCloseTo(1 / Math.sqrt(82) / 2, 6);
    // x vs u2 over A, D: Σ = 10/3 − 4/3 = 2, Σ u2² = 5 → 6/√205, × 1/2
    expect(p.userSim[2]).toBeCloseTo(6 / Math.sqrt(205) / 2, 6);
    // u1 shares only A (factor 0), u3 shares nothing.
    expect(p.userSim[1]).toBe(0);
    expect(p.userSim[3]).toBe(0);
  });

  it('predicts from the most similar raters of the item', () => {
    const p = foldInUser(model, x);
    // Raters of C: u0 (residual −1, s > 0) and u1 (s = 0): term = −1 → 3 + 1/3 − 1
    expect(predictRating(model, p, C)).toBeCloseTo(7 / 3, 5);
    const s0 = 1 / Math.sqrt(82) / 2;
    const damped = { ...model, options: { ...model.options, userDamping: 0.1 } };
    expect(predictRating(damped, p, C)).toBeCloseTo(3 + 1 / 3 - s0 / (s0 + 0.1), 5);
  });

  it('leaves the profiled community user out of their own neighbours', () => {
    const p = foldInUser(model, userRatings(model, 0), { self: 0 });
    expect(p.userSim[0]).toBe(0);
  });
});

describe('edge cases', () => {
  const model = trainCf(coo, { baselineEpochs: 10, regItem: 1, regUser: 1 });

  it('a user with no ratings gets the baseline μ + b_i: the damped-mean quality order', () => {
    const p = foldInUser(model, []);
    expect(p.bias).toBe(0);
    const scores = scoreAllItems(model, p);
    for (let i = 0; i < 6; i++) expect(scores[i]).toBeCloseTo(Math.min(5, Math.max(0.5, model.globalMean + model.itemBias[i]!)), 5);
    const order = recommend(model, p, 6).map((r) => r.item);
    const byBias = [0, 1, 2, 3, 4, 5].sort((a, b) => model.itemBias[b]! - model.itemBias[a]! || a - b);
    expect(order).toEqual(byBias);
    expect(recommend(model, p, 3).every((r) => r.because === null)).toBe(true);
  });

  it('an item with one rating has no neighbours: its prediction is the baseline', () => {
    const p = foldInUser(model, x);
    expect(similarItems(model, F, 5)).toEqual([]);
    expect(predictRating(model, p, F)).toBeCloseTo(model.globalMean + p.bias + model.itemBias[F]!, 5);
  });

  it('constant ratings give zero similarities and finite predictions', () => {
    const flat = trainCf(cooFromTriples(3, 3, [[0, 0, 3], [0, 1, 3], [1, 0, 3], [1, 1, 3], [2, 1, 3], [2, 2, 3]]));
    expect(flat.neighbours.item.length).toBe(0);
    const p = foldInUser(flat, [{ item: 0, rating: 3 }]);
    expect([...p.userSim]).toEqual([0, 0, 0]);
    expect([...scoreAllItems(flat, p)]).toEqual([3, 3, 3]);
  });

  it('folding a community user in reproduces the trained bias', () => {
    for (let u = 0; u < 3; u++) {
      expect(foldInUser(model, userRatings(model, u), { self: u }).bias).toBeCloseTo(model.userBias[u]!, 5);
    }
  });

  it('rejects bad items, ratings and weights', () => {
    expect(() => foldInUser(model, [{ item: 6, rating: 4 }])).toThrow(/outside/);
    expect(() => foldInUser(model, [{ item: 0, rating: Number.NaN }])).toThrow(/finite/);
    expect(() => foldInUser(model, [{ item: 0, rating: 4, weight: -1 }])).toThrow(/weight/);
    expect(() => predictRating(model, foldInUser(model, []), -1)).toThrow(/outside/);
  });
});

describe('recommend, similarItems and the model as data', () => {
  const model = trainCf(coo, HAND);

  it('recommends unrated items with the liked neighbour that contributed most', () => {
    const p = foldInUser(model, x);
    const recs = recommend(model, p, 10);
    expect(recs.map((r) => r.item)).not.toContain(A);
    expect(recs.map((r) => r.item)).not.toContain(D);
    // B is the only item with rated neighbours: relevance s_BA·(1 + 5/3), D adds nothing (1 − 4/3 < 0).
    expect(recs[0]!.item).toBe(B);
    expect(recs[0]!.because).toEqual({ item: A, contribution: expect.closeTo(sAB * (8 / 3), 5) });
    expect(relevanceScores(model, p)[B]).toBeCloseTo(sAB * (8 / 3), 5);
    expect(recs[0]!.rating).toBeCloseTo(predictRating(model, p, B), 6);
    const byRating = recommend(model, p, 2, { rankBy: 'rating' });
    expect(byRating[0]!.score).toBeCloseTo(Math.max(...[B, C, F, 5].map((i) => predictRating(model, p, i))), 6);
    expect(recommend(model, p, 2, { exclude: (i) => i === B })[0]!.item).not.toBe(B);
    expect(rankingScores(model, p, 'relevance')[B]).toBeCloseTo(sAB * (8 / 3) + 1e-4 * (model.globalMean + model.itemBias[B]!), 6);
  });

  it('lists similar items most similar first', () => {
    const sim = similarItems(model, A, 5);
    expect(sim.map((s) => s.item)).toEqual([B, D]);
    expect(sim[0]!.similarity).toBeCloseTo(sAB, 6);
    expect(similarItems(model, A, 1)).toHaveLength(1);
  });

  it('survives structured cloning (IndexedDB, postMessage) with identical predictions', () => {
    const copy = structuredClone(model);
    assertCfModel(copy);
    const p1 = foldInUser(model, x);
    const p2 = foldInUser(copy, x);
    expect([...scoreAllItems(copy, p2)]).toEqual([...scoreAllItems(model, p1)]);
    expect(() => assertCfModel({ kind: 'recostream-cf', version: 0 })).toThrow(/version/);
    expect(() => assertCfModel({ ...model, itemBias: new Float32Array(2) })).toThrow(/sizes/);
    expect(() => assertCfModel(null)).toThrow(/not a RecoStream CF model/);
  });
});

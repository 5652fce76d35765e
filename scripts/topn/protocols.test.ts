import { describe, expect, it } from 'vitest';
import type { RatingsCOO } from '../../src/core/catalogue/types';
import { itemKnnCosine, popularity, rp3beta } from './baselines';
import { evaluate, makeSplit, split } from './protocols';

// User 0 rates items 0..7 at times 10, 20, …; items 6 and 7 share the last timestamp.
// User 1 rates items 0..3 (ratings 5, 4, 2, 4.5).
function coo(): RatingsCOO {
  const u = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
  const i = [0, 1, 2, 3, 4, 5, 7, 6, 0, 1, 2, 3];
  const r = [4, 4, 4, 4, 4, 4, 4, 4, 5, 4, 2, 4.5];
  const t = [10, 20, 30, 40, 50, 60, 70, 70, 5, 6, 7, 8];
  return { nUsers: 2, nItems: 8, user: Uint32Array.from(u), item: Uint32Array.from(i), rating: Float32Array.from(r), time: Uint32Array.from(t) };
}

describe('top-N protocols', () => {
  it('holds out each user\'s last 5 by time, ties broken by item index', () => {
    const c = coo();
    const test = split(c, 'last5', 0);
    const held = (u: number) => [...test.keys()].filter((k) => test[k] && c.user[k] === u).map((k) => c.item[k]).sort();
    expect(held(0)).toEqual([3, 4, 5, 6, 7]);
    expect(held(1)).toEqual([]); // 4 ratings: at least one must stay in training, so none of 5 fit
    const loo = split(c, 'loo', 0);
    expect([...loo.keys()].filter((k) => loo[k]).map((k) => c.item[k]).sort()).toEqual([3, 7]); // item 7 is "later" than 6
  });

  it('holds out a seeded 20% (at least one) of the ratings ≥ 4 only', () => {
    const c = coo();
    const a = split(c, 'random20', 1);
    const b = split(c, 'random20', 1);
    expect([...a]).toEqual([...b]);
    const held = [...a.keys()].filter((k) => a[k]);
    expect(held.filter((k) => c.user[k] === 0)).toHaveLength(2); // round(0.2 × 8)
    expect(held.filter((k) => c.user[k] === 1)).toHaveLength(1); // max(1, round(0.2 × 3))
    expect(held.every((k) => c.rating[k]! >= 4)).toBe(true);
  });

  it('ranks the held-out items among the unrated ones and scores recall@20, NDCG@20, HR@10', () => {
    const c = coo();
    const s = makeSplit(c, 'last5', split(c, 'last5', 0));
    // A perfect oracle for user 0 puts the 5 held-out items first: recall 1, NDCG 1, hit.
    const m = evaluate(s, () => Float64Array.from([0, 0, 0, 5, 4, 3, 2, 1]));
    expect(m.users).toEqual([0]);
    expect(m.recall20[0]).toBe(1);
    expect(m.ndcg20[0]).toBeCloseTo(1, 12);
    expect(m.hr10[0]).toBe(1);
    // Popularity from the training part: items 0..2 rated by both users.
    expect([...popularity(s.train)]).toEqual([2, 2, 2, 1, 0, 0, 0, 0]);
  });

  it('ItemKNN cosine and RP3beta score by co-occurrence', () => {
    const c = coo();
    const s = makeSplit(c, 'loo', split(c, 'loo', 0));
    // Training: user 0 has 0..6, user 1 has 0..2. For user 1, item 4 co-occurs with 0..2 once each.
    const knn = itemKnnCosine(s.train, 200)(1);
    // cos(i, 4) = 1 / sqrt(n_i · n_4) = 1 / sqrt(2) for i = 0, 1, 2 → 3 / √2.
    expect(knn[4]).toBeCloseTo(3 / Math.SQRT2, 12);
    const rp3 = rp3beta(s.train, 0.5)(1);
    // Σ_{i∈{0,1,2}} (1/n_i)(1/n_u0) = 3 × (1/2)(1/7); divided by n_4^0.5 = 1.
    expect(rp3[4]).toBeCloseTo((3 * 0.5) / 7, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { CfError } from './errors';
import { bayesianMean, overallMean, rankByPopularity, rankByQuality } from './popularity';

describe('bayesianMean', () => {
  it('pulls small samples towards the prior', () => {
    // one 5-star rating, prior 3.5 with weight 10: (5 + 35) / 11
    expect(bayesianMean(5, 1, 3.5, 10)).toBeCloseTo(40 / 11, 12);
    // 300 ratings averaging 4.4: (1320 + 35) / 310
    expect(bayesianMean(1320, 300, 3.5, 10)).toBeCloseTo(1355 / 310, 12);
    expect(bayesianMean(0, 0, 3.5, 10)).toBe(3.5);
    expect(bayesianMean(0, 0, 3.5, 0)).toBe(3.5);
    expect(bayesianMean(8, 2, 3.5, 0)).toBe(4);
  });
  it('rejects negative counts and weights', () => {
    expect(() => bayesianMean(1, -1, 3, 1)).toThrow(CfError);
    expect(() => bayesianMean(1, 1, 3, -1)).toThrow(CfError);
  });
});

describe('rankByQuality / rankByPopularity', () => {
  const stats = [
    { n: 1, mean: 5 }, // damped (5 + 10·μ) / 11
    { n: 300, mean: 4.4 },
    { n: 0, mean: 0 },
    { n: 20, mean: 4.4 }, // same mean as item 1, fewer ratings → damped lower
    { n: 50, mean: 2 },
  ];
  it('ranks by damped mean with the rating-weighted prior', () => {
    const mu = overallMean(stats);
    expect(mu).toBeCloseTo((5 + 1320 + 88 + 100) / 371, 12);
    expect(rankByQuality(stats)).toEqual([1, 3, 0, 4]);
    expect(rankByQuality(stats, { priorWeight: 0 })).toEqual([0, 1, 3, 4]);
    expect(rankByQuality(stats, { minCount: 21, limit: 1 })).toEqual([1]);
    expect(rankByQuality(stats, { filter: (i) => i !== 1 })).toEqual([3, 0, 4]);
    expect(rankByQuality(stats, { minCount: 0 })).toEqual([1, 3, 0, 2, 4]);
  });
  it('breaks exact ties by count', () => {
    expect(rankByQuality([{ n: 2, mean: 4 }, { n: 8, mean: 4 }], { priorMean: 4 })).toEqual([1, 0]);
  });
  it('ranks popularity by count, ties by index', () => {
    expect(rankByPopularity([5, 9, 5, 0])).toEqual([1, 0, 2, 3]);
    expect(rankByPopularity([5, 9, 5, 0], { limit: 2, filter: (i) => i !== 1 })).toEqual([0, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { hitRate, listMetrics, mae, MetricError, ndcg, rankOf, relevantPositions, rmse, topListMetrics } from './metrics';
import { kFoldAssignment } from './kfold';

describe('rmse / mae', () => {
  it('match hand-computed values', () => {
    // errors 1, -2, 0, 1: squares 1+4+0+1 = 6 → sqrt(6/4); abs 1+2+0+1 = 4 → 1
    expect(rmse([4, 1, 3, 5], [3, 3, 3, 4])).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(mae([4, 1, 3, 5], [3, 3, 3, 4])).toBe(1);
    expect(rmse([2], [2])).toBe(0);
  });
  it('reject empty and mismatched inputs with a typed error', () => {
    expect(() => rmse([], [])).toThrow(MetricError);
    expect(() => mae([1, 2], [1])).toThrow(/length mismatch/);
  });
});

describe('rankOf', () => {
  it('counts strictly better eligible candidates and half the ties', () => {
    const scores = [0.9, 0.5, 0.7, 0.5, 0.1, 0.5];
    expect(rankOf(scores, 0, () => true)).toBe(0);
    expect(rankOf(scores, 2, () => true)).toBe(1);
    // target 1 (0.5): higher 0.9, 0.7 → 2; ties items 3 and 5 → +1
    expect(rankOf(scores, 1, () => true)).toBe(3);
    // excluding item 0 from the candidates moves it up one
    expect(rankOf(scores, 1, (j) => j !== 0)).toBe(2);
  });
});

describe('hitRate / ndcg', () => {
  it('score single-relevant-item ranks', () => {
    const ranks = [0, 1, 9, 10, 50];
    expect(hitRate(ranks, 10)).toBeCloseTo(3 / 5, 12);
    expect(hitRate(ranks, 1)).toBeCloseTo(1 / 5, 12);
    // 1/log2(2) + 1/log2(3) + 1/log2(11), over 5 users
    expect(ndcg(ranks, 10)).toBeCloseTo((1 + 1 / Math.log2(3) + 1 / Math.log2(11)) / 5, 12);
    expect(() => ndcg([], 10)).toThrow(MetricError);
  });
});

describe('listMetrics / topListMetrics', () => {
  it('match hand-worked recall, nDCG and reciprocal rank', () => {
    // Relevant at positions 0 and 2 of 3 relevant, k = 3: DCG = 1 + 1/log2(4) = 1.5,
    // IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.1309…, recall 2/3, RR 1.
    const m = listMetrics([0, 2], 3, 3);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.ndcg).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3) + 0.5), 12);
    expect(m.rr).toBe(1);
    expect(listMetrics([Infinity], 1, 10)).toEqual({ recall: 0, ndcg: 0, rr: 0 });
    expect(topListMetrics([7, 8, 9, 10], new Set([9, 42]), 2, 4)).toEqual({ recall: 0, ndcg: 0.5 / (1 + 1 / Math.log2(3)) });
    expect(relevantPositions([5, 6, 7], new Set([7, 5]))).toEqual([0, 2]);
  });
  it('agree with ndcg() for one relevant item', () => {
    const ranks = [0, 3, 9, 10, 40];
    const mean = ranks.reduce((s, r) => s + listMetrics([r], 1, 10).ndcg, 0) / ranks.length;
    expect(ndcg(ranks, 10)).toBe(mean);
    expect(ndcg([3], 10)).toBeCloseTo(1 / Math.log2(5), 12);
  });
});

describe('kFoldAssignment', () => {
  it('balances folds, is reproducible and depends on the seed', () => {
    const a = kFoldAssignment(103, 5, 0);
    const counts = [0, 0, 0, 0, 0];
    for (const f of a) counts[f]!++;
    expect(counts).toEqual([21, 21, 21, 20, 20]);
    expect([...kFoldAssignment(103, 5, 0)]).toEqual([...a]);
    expect([...kFoldAssignment(103, 5, 1)]).not.toEqual([...a]);
  });
  it('rejects impossible splits', () => {
    expect(() => kFoldAssignment(3, 5, 0)).toThrow(MetricError);
    expect(() => kFoldAssignment(10, 1, 0)).toThrow(MetricError);
  });
});

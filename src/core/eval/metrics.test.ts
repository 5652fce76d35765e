import { describe, expect, it } from 'vitest';
import { hitRate, mae, MetricError, ndcg, rankOf, rmse } from './metrics';
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

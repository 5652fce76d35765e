import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { topK } from './topk';

/** Reference: full sort by score desc, index asc. */
function bySort(scores: ArrayLike<number>, k: number, keep: (i: number) => boolean = () => true): number[] {
  return Array.from(scores, (s, i) => [s, i] as const)
    .filter(([s, i]) => !Number.isNaN(s) && keep(i))
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, i]) => i);
}

describe('topK', () => {
  it('returns the best scores first with their indices', () => {
    const r = topK([0.1, 0.9, 0.5, 0.7], 2);
    expect(Array.from(r.indices)).toEqual([1, 3]);
    expect(Array.from(r.scores)).toEqual([Math.fround(0.9), Math.fround(0.7)]);
  });

  it('breaks ties by the lower index', () => {
    expect(Array.from(topK([1, 2, 2, 1, 2], 3).indices)).toEqual([1, 2, 4]);
    expect(Array.from(topK([1, 2, 2, 1, 2], 4).indices)).toEqual([1, 2, 4, 0]);
  });

  it('handles k = 0, k > n, filters and NaN', () => {
    expect(topK([1, 2], 0).indices.length).toBe(0);
    expect(Array.from(topK([1, 3, 2], 10).indices)).toEqual([1, 2, 0]);
    expect(Array.from(topK([1, 3, 2], 2, (i) => i !== 1).indices)).toEqual([2, 0]);
    expect(Array.from(topK([NaN, 3, NaN], 3).indices)).toEqual([1]);
    expect(() => topK([1], -1)).toThrow(/non-negative/);
  });

  it('agrees with a full sort on random data', () => {
    const rand = createRng(3);
    for (const n of [1, 7, 100, 5000]) {
      // Few distinct values so ties are frequent.
      const scores = Float32Array.from({ length: n }, () => Math.round(rand() * 50) / 50);
      for (const k of [1, 5, 10, 64, n]) {
        expect(Array.from(topK(scores, k).indices)).toEqual(bySort(scores, k));
        const keep = (i: number) => i % 3 !== 0;
        expect(Array.from(topK(scores, k, keep).indices)).toEqual(bySort(scores, k, keep));
      }
    }
  });
});

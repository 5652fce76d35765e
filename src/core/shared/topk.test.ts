import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { TopK, topKIndices } from './topk';

describe('TopK', () => {
  it('keeps the k best of a random stream, best first, ties by lower index', () => {
    const rng = createRng(5);
    const scores = Array.from({ length: 500 }, () => Math.floor(rng() * 50));
    const want = scores
      .map((s, i) => [s, i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, 17)
      .map((x) => x[1]);
    expect(topKIndices(scores, 17)).toEqual(want);
  });
  it('handles k = 0, k larger than the input, NaN and eligibility', () => {
    expect(topKIndices([3, 1, 2], 0)).toEqual([]);
    expect(topKIndices([3, 1, 2], 10)).toEqual([0, 2, 1]);
    expect(topKIndices([Number.NaN, 1, 2], 10)).toEqual([2, 1]);
    expect(topKIndices([3, 1, 2], 10, (i) => i > 0)).toEqual([2, 1]);
  });
  it('can be drained and reused', () => {
    const h = new TopK(2);
    h.push(1, 0);
    h.push(3, 1);
    h.push(2, 2);
    const s = new Float64Array(2);
    const ix = new Uint32Array(2);
    expect(h.drain(s, ix)).toBe(2);
    expect([...ix]).toEqual([1, 2]);
    expect(h.length).toBe(0);
    h.push(5, 9);
    expect(h.drain(s, ix)).toBe(1);
    expect(ix[0]).toBe(9);
  });
});

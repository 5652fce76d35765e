import { describe, expect, it } from 'vitest';
import { SemanticError } from './errors';
import { cosine, dot, l2Normalize, norm } from './vector';

describe('vector helpers', () => {
  it('computes dot products and norms', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(norm([3, 4])).toBe(5);
  });

  it('normalises to unit length and keeps a zero vector at zero', () => {
    const v = l2Normalize([3, 4]);
    expect(v[0]).toBeCloseTo(0.6, 7);
    expect(v[1]).toBeCloseTo(0.8, 7);
    expect(norm(v)).toBeCloseTo(1, 6);
    expect(Array.from(l2Normalize([0, 0, 0]))).toEqual([0, 0, 0]);
  });

  it('gives cosine 1 for parallel, 0 for orthogonal, -1 for opposite vectors', () => {
    expect(cosine([1, 2, 2], [2, 4, 4])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [0, 3])).toBe(0);
    expect(cosine([1, 1], [-2, -2])).toBeCloseTo(-1, 12);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    expect(cosine([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('rejects vectors of different dimensions', () => {
    expect(() => dot([1, 2], [1, 2, 3])).toThrow(SemanticError);
    try {
      dot([1], [1, 2]);
    } catch (err) {
      expect((err as SemanticError).code).toBe('DIM_MISMATCH');
    }
  });
});

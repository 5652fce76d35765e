import { describe, expect, it } from 'vitest';
import { scoreVectors } from './score';
import { createRng } from '../random';
import { gaussianVector } from './test-rng';
import { dot, l2Normalize } from './vector';
import { quantizeVectors } from './vectors-file';

describe('scoreVectors', () => {
  it('computes scale · (query · int8 row) for every row', () => {
    // Rows quantise exactly: [127, -50, 25]·0.02 and [0, 127, 0]·(1/127).
    const set = quantizeVectors('e', [[2.54, -1.0, 0.5], [0, 1, 0]], 3);
    const s = scoreVectors(set, [1, 1, 1]);
    expect(s[0]).toBeCloseTo(2.04, 5);
    expect(s[1]).toBeCloseTo(1, 6);
  });

  it('matches float cosine within the int8 error bound on unit vectors', () => {
    const rand = createRng(11);
    const rows = Array.from({ length: 200 }, () => l2Normalize(gaussianVector(rand, 256)));
    const set = quantizeVectors('e', rows, 256);
    const q = l2Normalize(gaussianVector(rand, 256));
    const s = scoreVectors(set, q);
    rows.forEach((r, i) => {
      // |q·(x − x̂)| ≤ ‖q‖₁ · scale/2 ≤ √dim · scale/2.
      expect(Math.abs(s[i]! - dot(q, r))).toBeLessThanOrEqual((Math.sqrt(256) * set.scales[i]!) / 2);
    });
  });

  it('handles dimensions that are not a multiple of 4', () => {
    const set = quantizeVectors('e', [[1.27, 0, 0, 0, 0, 0, -1.27]], 7);
    expect(scoreVectors(set, [1, 1, 1, 1, 1, 1, 2])[0]).toBeCloseTo(1.27 - 2.54, 5);
  });

  it('rejects a query of the wrong dimension', () => {
    const set = quantizeVectors('e', [[1, 0]], 2);
    expect(() => scoreVectors(set, [1, 0, 0])).toThrow(/dimension/);
  });
});

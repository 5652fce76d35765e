import { describe, expect, it } from 'vitest';
import { dequantizeInt8, quantizeInt8 } from './quantize';
import { createRng } from '../random';
import { gaussianVector } from './test-rng';
import { cosine, l2Normalize } from './vector';

describe('int8 quantisation', () => {
  it('maps the largest magnitude to ±127 and the rest proportionally', () => {
    const { q, scale } = quantizeInt8([2.54, -1.0, 0.5, 0]);
    expect(scale).toBe(Math.fround(0.02));
    expect(Array.from(q)).toEqual([127, -50, 25, 0]);
    const back = dequantizeInt8(q, scale);
    expect(back[1]).toBeCloseTo(-1.0, 6);
  });

  it('gives a zero vector scale 0', () => {
    const { q, scale } = quantizeInt8([0, 0]);
    expect(scale).toBe(0);
    expect(Array.from(q)).toEqual([0, 0]);
  });

  it('reconstructs every component within half a step (scale / 2)', () => {
    const rand = createRng(7);
    for (let t = 0; t < 50; t++) {
      const v = l2Normalize(gaussianVector(rand, 512));
      const { q, scale } = quantizeInt8(v);
      const back = dequantizeInt8(q, scale);
      let worst = 0;
      for (let i = 0; i < v.length; i++) worst = Math.max(worst, Math.abs(v[i]! - back[i]!));
      expect(worst).toBeLessThanOrEqual(scale / 2 + 1e-7);
      // For 512-d unit vectors the step is ~0.03/127: cosine to the original stays above 0.9999.
      expect(cosine(v, back)).toBeGreaterThan(0.9999);
    }
  });
});

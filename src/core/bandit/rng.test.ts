import { describe, expect, it } from 'vitest';
import { nextGaussian, nextInt, nextUniform, rngFromSeed } from './rng';

describe('bandit rng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = rngFromSeed(42);
    const b = rngFromSeed(42);
    const c = rngFromSeed(43);
    const sa = Array.from({ length: 5 }, () => nextUniform(a));
    const sb = Array.from({ length: 5 }, () => nextUniform(b));
    const sc = Array.from({ length: 5 }, () => nextUniform(c));
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('resumes the same stream from a copied state', () => {
    const a = rngFromSeed(7);
    for (let i = 0; i < 10; i++) nextUniform(a);
    const copy = { s: a.s };
    expect(Array.from({ length: 5 }, () => nextUniform(copy))).toEqual(Array.from({ length: 5 }, () => nextUniform(a)));
  });

  it('gives uniforms in [0, 1) with mean ½ and variance 1/12', () => {
    const r = rngFromSeed(1);
    const n = 20000;
    let sum = 0;
    let sq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = nextUniform(r);
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sq += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(sq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it('gives standard normals (mean 0, variance 1, ~68% within one sd)', () => {
    const r = rngFromSeed(2);
    const n = 20000;
    let sum = 0;
    let sq = 0;
    let within = 0;
    for (let i = 0; i < n; i++) {
      const z = nextGaussian(r);
      sum += z;
      sq += z * z;
      if (Math.abs(z) < 1) within++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(sq / n).toBeGreaterThan(0.96);
    expect(sq / n).toBeLessThan(1.04);
    expect(within / n).toBeCloseTo(0.6827, 1);
  });

  it('draws every integer of a range', () => {
    const r = rngFromSeed(3);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const k = nextInt(r, 5);
      expect(Number.isInteger(k) && k >= 0 && k < 5).toBe(true);
      seen.add(k);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng, randomInt, shuffleInPlace } from './random';

describe('createRng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(sa);
    expect(c()).not.toBe(sa[0]);
  });
  it('stays in [0, 1) and is roughly uniform', () => {
    const rng = createRng(7);
    const bins = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng();
      if (!(x >= 0 && x < 1)) outside++;
      else bins[Math.floor(x * 10)]!++;
    }
    expect(outside).toBe(0);
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
  it('randomInt covers exactly 0..n-1', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(randomInt(rng, 5));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('shuffleInPlace', () => {
  it('permutes typed and plain arrays reproducibly', () => {
    const a = shuffleInPlace(Int32Array.from({ length: 20 }, (_, i) => i), createRng(3));
    const b = shuffleInPlace(Array.from({ length: 20 }, (_, i) => i), createRng(3));
    expect([...a]).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect([...a]).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
  it('leaves empty and single arrays alone', () => {
    expect(shuffleInPlace([], createRng(1))).toEqual([]);
    expect(shuffleInPlace(['x'], createRng(1))).toEqual(['x']);
  });
});

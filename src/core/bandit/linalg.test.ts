import { describe, expect, it } from 'vitest';
import { choleskyLower, dot, matVec, quadForm, shermanMorrison } from './linalg';

describe('bandit linalg', () => {
  it('computes dot, M·x and xᵀMx', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    const m = Float64Array.from([2, 1, 1, 3]);
    expect(Array.from(matVec(m, [1, 2], 2, new Float64Array(2)))).toEqual([4, 7]);
    expect(quadForm(m, [1, 2], 2)).toBe(18); // 2 + 2·1·2 + 3·4
    expect(quadForm(m, [9, 1, 2], 2, 1)).toBe(18); // same vector at offset 1
  });

  it('Sherman–Morrison gives (I + x xᵀ)⁻¹ for x = (1, 2)', () => {
    const m = Float64Array.from([1, 0, 0, 1]);
    const u = new Float64Array(2);
    const denom = shermanMorrison(m, [1, 2], 1, 2, u);
    expect(denom).toBe(6);
    // (I + x xᵀ) = [[2, 2], [2, 5]], inverse = [[5, −2], [−2, 2]] / 6
    const expected = [5 / 6, -2 / 6, -2 / 6, 2 / 6];
    m.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it('keeps the inverse exact over many weighted updates (A·A⁻¹ = I)', () => {
    const d = 4;
    const a = new Float64Array(d * d);
    const inv = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      a[i * d + i] = 0.5;
      inv[i * d + i] = 2;
    }
    const u = new Float64Array(d);
    for (let t = 0; t < 200; t++) {
      const x = [Math.sin(t), Math.cos(3 * t), (t % 7) / 7, 1];
      const w = 1 + (t % 5);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) a[i * d + j]! += w * x[i]! * x[j]!;
      shermanMorrison(inv, x, w, d, u);
    }
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += a[i * d + k]! * inv[k * d + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 9);
      }
    }
  });

  it('factors [[4, 2], [2, 3]] as L = [[2, 0], [1, √2]] and refuses an indefinite matrix', () => {
    const l = new Float64Array(4);
    expect(choleskyLower(Float64Array.from([4, 2, 2, 3]), 2, l)).toBe(true);
    expect(l[0]).toBe(2);
    expect(l[1]).toBe(0);
    expect(l[2]).toBe(1);
    expect(l[3]).toBeCloseTo(Math.SQRT2, 14);
    expect(choleskyLower(Float64Array.from([1, 2, 2, 1]), 2, l)).toBe(false);
  });
});

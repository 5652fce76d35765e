import { describe, expect, it } from 'vitest';
import type { Baselines } from './baseline';
import { buildRatingMatrix, cooFromTriples } from './matrix';
import { itemNeighbours, sortRange } from './similarity';

// Items A0 B1 C2 D3, F4 G5. With μ = 3 and zero biases, residuals are r − 3:
//   u0: A +1, B +2, C −1, D +1     u1: A −1, B −2, C +1     u2: A +2, B +1, D +1     u3: F, G (one co-rater only)
const coo = cooFromTriples(4, 6, [
  [0, 0, 4], [0, 1, 5], [0, 2, 2], [0, 3, 4],
  [1, 0, 2], [1, 1, 1], [1, 2, 4],
  [2, 0, 5], [2, 1, 4], [2, 3, 4],
  [3, 4, 0.5], [3, 5, 0.5],
]);
const zero = (mu: number, nUsers: number, nItems: number): Baselines => ({
  globalMean: mu,
  userBias: new Float32Array(nUsers),
  itemBias: new Float32Array(nItems),
});
const listOf = (nb: ReturnType<typeof itemNeighbours>, i: number) =>
  Array.from({ length: nb.ptr[i + 1]! - nb.ptr[i]! }, (_, k) => [nb.item[nb.ptr[i]! + k]!, nb.sim[nb.ptr[i]! + k]!] as const);

describe('itemNeighbours (Pearson-baseline with shrinkage)', () => {
  const m = buildRatingMatrix(coo);
  const b = zero(3, 4, 6);

  it('matches similarities worked by hand', () => {
    const nb = itemNeighbours(m, b, { shrinkage: 2, maxNeighbours: 10, minSupport: 1 });
    // A–B over u0,u1,u2: Σ e e = 2 + 2 + 2 = 6, Σ e_A² = 6, Σ e_B² = 9 → 6/√54; n = 3 → × 2/(2 + 2) → 1/√6
    // A–D over u0,u2: 3/√10, n = 2 → × 1/(1 + 2) → 1/√10;   B–D: Σ = 3, Σ e_B² = 5, Σ e_D² = 2 → also 1/√10
    // A–C and B–C are negative (dropped); C–D and F–G have one co-rater (factor 0).
    const a = listOf(nb, 0);
    expect(a.map((x) => x[0])).toEqual([1, 3]);
    expect(a[0]![1]).toBeCloseTo(1 / Math.sqrt(6), 6);
    expect(a[1]![1]).toBeCloseTo(1 / Math.sqrt(10), 6);
    // D's two neighbours tie exactly: the lower item index comes first.
    expect(listOf(nb, 3).map((x) => x[0])).toEqual([0, 1]);
    expect(listOf(nb, 3)[1]![1]).toBeCloseTo(1 / Math.sqrt(10), 6);
    expect(listOf(nb, 2)).toEqual([]);
    expect(listOf(nb, 4)).toEqual([]);
    expect(listOf(nb, 5)).toEqual([]);
  });

  it('without shrinkage gives the plain baseline-centred correlation', () => {
    const nb = itemNeighbours(m, b, { shrinkage: 0, maxNeighbours: 10, minSupport: 1 });
    // Unshrunk, B–D (3/√10 ≈ 0.949, two co-raters) outranks B–A (6/√54 ≈ 0.816, three).
    expect(listOf(nb, 1).map((x) => x[0])).toEqual([3, 0]);
    expect(listOf(nb, 1)[0]![1]).toBeCloseTo(3 / Math.sqrt(10), 6);
    expect(listOf(nb, 1)[1]![1]).toBeCloseTo(6 / Math.sqrt(54), 6);
  });

  it('keeps only the best maxNeighbours and honours minSupport', () => {
    const nb = itemNeighbours(m, b, { shrinkage: 2, maxNeighbours: 1, minSupport: 1 });
    expect(listOf(nb, 0).map((x) => x[0])).toEqual([1]);
    expect(listOf(nb, 3).map((x) => x[0])).toEqual([0]);
    const strict = itemNeighbours(m, b, { shrinkage: 2, maxNeighbours: 10, minSupport: 3 });
    expect(listOf(strict, 0).map((x) => x[0])).toEqual([1]);
  });

  it('gives constant (zero-variance) residuals similarity 0, never NaN', () => {
    const flat = buildRatingMatrix(cooFromTriples(3, 2, [[0, 0, 3], [0, 1, 3], [1, 0, 3], [1, 1, 3], [2, 0, 3], [2, 1, 3]]));
    const nb = itemNeighbours(flat, zero(3, 3, 2), { shrinkage: 0, maxNeighbours: 5, minSupport: 1 });
    expect(nb.item.length).toBe(0);
    expect([...nb.ptr]).toEqual([0, 0, 0]);
  });

  it('uses weights as fractional co-raters', () => {
    // Two users rate A and B identically (residuals ±1); the second has weight 0.5 on both:
    // pair weight 0.25, n = 1.25, correlation 1 → shrunk by 0.25 / (0.25 + 1).
    const w = buildRatingMatrix(cooFromTriples(1, 2, [[0, 0, 4], [0, 1, 4]]), [
      [
        { item: 0, rating: 2, weight: 0.5 },
        { item: 1, rating: 2, weight: 0.5 },
      ],
    ]);
    const nb = itemNeighbours(w, zero(3, 2, 2), { shrinkage: 1, maxNeighbours: 5, minSupport: 1 });
    expect(listOf(nb, 0)[0]![1]).toBeCloseTo(0.25 / 1.25, 6);
  });
});

describe('sortRange', () => {
  it('sorts sub-ranges of any size in place', () => {
    let x = 12345;
    const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x);
    for (const n of [0, 1, 2, 15, 16, 17, 100, 1000]) {
      const a = Float64Array.from({ length: n + 4 }, () => next());
      const want = [...a.subarray(2, n + 2)].sort((p, q) => p - q);
      const before = [a[0], a[1], a[n + 2], a[n + 3]];
      sortRange(a, 2, n + 2);
      expect([...a.subarray(2, n + 2)]).toEqual(want);
      expect([a[0], a[1], a[n + 2], a[n + 3]]).toEqual(before);
    }
  });
});

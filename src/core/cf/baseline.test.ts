import { describe, expect, it } from 'vitest';
import { fitBaselines } from './baseline';
import { buildRatingMatrix, cooFromTriples as cooOf } from './matrix';

// u0: i0 = 4, i1 = 2; u1: i0 = 5. μ = 11/3.
const m = buildRatingMatrix(cooOf(2, 2, [[0, 0, 4], [0, 1, 2], [1, 0, 5]]));

describe('fitBaselines (ALS)', () => {
  it('matches one epoch worked by hand', () => {
    const b = fitBaselines(m, { regItem: 1, regUser: 1, epochs: 1 });
    expect(b.globalMean).toBeCloseTo(11 / 3, 12);
    // items first with b_u = 0: b_i0 = ((4 − μ) + (5 − μ)) / (1 + 2) = 5/9, b_i1 = (2 − μ) / (1 + 1) = −5/6
    expect(b.itemBias[0]).toBeCloseTo(5 / 9, 6);
    expect(b.itemBias[1]).toBeCloseTo(-5 / 6, 6);
    // then users: b_u0 = ((4 − μ − 5/9) + (2 − μ + 5/6)) / (1 + 2) = −19/54, b_u1 = (5 − μ − 5/9) / 2 = 7/18
    expect(b.userBias[0]).toBeCloseTo(-19 / 54, 6);
    expect(b.userBias[1]).toBeCloseTo(7 / 18, 6);
  });

  it('converges to the fixed point of both regularised least-squares steps', () => {
    const b = fitBaselines(m, { regItem: 2, regUser: 3, epochs: 200 });
    const mu = b.globalMean;
    const [bu0, bu1] = [b.userBias[0]!, b.userBias[1]!];
    const [bi0, bi1] = [b.itemBias[0]!, b.itemBias[1]!];
    expect(bi0).toBeCloseTo((4 - mu - bu0 + (5 - mu - bu1)) / (2 + 2), 6);
    expect(bi1).toBeCloseTo((2 - mu - bu0) / (2 + 1), 6);
    expect(bu0).toBeCloseTo((4 - mu - bi0 + (2 - mu - bi1)) / (3 + 2), 6);
    expect(bu1).toBeCloseTo((5 - mu - bi0) / (3 + 1), 6);
  });

  it('weights count as fractional ratings', () => {
    // One extra user whose single rating has weight 0.5: b_u = 0.5 (r − μ − b_i) / (reg + 0.5).
    const w = buildRatingMatrix(cooOf(1, 1, [[0, 0, 3]]), [[{ item: 0, rating: 5, weight: 0.5 }]]);
    const b = fitBaselines(w, { regItem: 0, regUser: 1, epochs: 1 });
    expect(b.globalMean).toBeCloseTo((3 + 0.5 * 5) / 1.5, 12); // 11/3
    // b_i0 = (1·(3 − μ) + 0.5·(5 − μ)) / (0 + 1.5) = 0 at the weighted mean; b_u1 = 0.5·(5 − μ) / (1 + 0.5) = 4/9
    expect(b.itemBias[0]).toBeCloseTo(0, 6);
    expect(b.userBias[1]).toBeCloseTo(4 / 9, 6);
  });

  it('gives zeros for an empty matrix and zero biases for constant ratings', () => {
    const e = fitBaselines(buildRatingMatrix(cooOf(2, 2, [])), { regItem: 10, regUser: 15, epochs: 10 });
    expect(e.globalMean).toBe(0);
    expect([...e.userBias, ...e.itemBias]).toEqual([0, 0, 0, 0]);
    const c = fitBaselines(buildRatingMatrix(cooOf(2, 2, [[0, 0, 3], [0, 1, 3], [1, 1, 3]])), { regItem: 0, regUser: 0, epochs: 5 });
    expect(c.globalMean).toBe(3);
    expect([...c.userBias, ...c.itemBias].every((x) => x === 0)).toBe(true);
  });

  it('rejects negative regularisation', () => {
    expect(() => fitBaselines(m, { regItem: -1, regUser: 1, epochs: 1 })).toThrow(/out of range/);
  });
});

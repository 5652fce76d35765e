import { describe, expect, it } from 'vitest';
import { feedbackToRatings } from './feedback';
import { foldInUser } from './foldin';
import { cooFromTriples } from './matrix';
import { trainCf, userRatings } from './model';

const coo = cooFromTriples(3, 4, [
  [0, 0, 4], [0, 1, 5], [0, 2, 2],
  [1, 0, 2], [1, 1, 1], [1, 3, 4],
  [2, 0, 5], [2, 1, 4], [2, 2, 3], [2, 3, 1],
]);

describe('trainCf', () => {
  it('reports its phases in order, ending with done', () => {
    const seen: string[] = [];
    trainCf(coo, {}, [], (phase, f) => seen.push(`${phase}:${f}`));
    expect(seen[0]).toBe('baselines:0');
    expect(seen).toContain('neighbours:0');
    expect(seen.at(-1)).toBe('done:1');
  });

  it('records counts, biases and the CSR / CSC copies of the ratings', () => {
    const m = trainCf(coo);
    expect([...m.itemCount]).toEqual([3, 3, 2, 2]);
    expect(m.globalMean).toBeCloseTo(31 / 10, 6);
    expect(userRatings(m, 1)).toEqual([
      { item: 0, rating: 2 },
      { item: 1, rating: 1 },
      { item: 3, rating: 4 },
    ]);
    // CSC residuals are r − (μ + b_u + b_i) of the same ratings.
    const c = m.colPtr[3]!; // first rater of item 3 is user 1
    expect(m.colUser[c]).toBe(1);
    expect(m.colResidual[c]).toBeCloseTo(4 - (m.globalMean + m.userBias[1]! + m.itemBias[3]!), 5);
    expect(() => userRatings(m, 3)).toThrow(/outside/);
  });

  it('appends the app user as an extra, weighted user whose trained bias matches the fold-in', () => {
    const mine = feedbackToRatings([
      { item: 0, kind: 'like', at: 1 },
      { item: 2, kind: 'dislike', at: 2 },
      { item: 3, kind: 'click', at: 3 },
    ]);
    const m = trainCf(coo, {}, [mine]);
    expect(m.nUsers).toBe(4);
    expect(userRatings(m, 3)).toEqual([
      { item: 0, rating: 4.5, weight: 1 },
      { item: 2, rating: 1.5, weight: 1 },
      { item: 3, rating: 4, weight: 0.25 },
    ]);
    expect(foldInUser(m, mine, { self: 3 }).bias).toBeCloseTo(m.userBias[3]!, 5);
    expect(m.colWeight).not.toBeNull();
  });
});

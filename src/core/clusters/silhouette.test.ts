import { describe, expect, it } from 'vitest';
import { pointsFromRows } from './points';
import { selectK } from './select-k';
import { silhouette } from './silhouette';

describe('silhouette', () => {
  it('matches the hand computation on 0, 1 | 4, 5', () => {
    // s(0) = (4.5 − 1)/4.5 = 7/9, s(1) = (3.5 − 1)/3.5 = 5/7, and symmetrically for 4 and 5.
    const r = silhouette(pointsFromRows([[0], [1], [4], [5]]), [0, 0, 1, 1], 2);
    expect([...r.perPoint]).toEqual([7 / 9, 5 / 7, 5 / 7, 7 / 9].map((x) => expect.closeTo(x, 12)));
    expect(r.mean).toBeCloseTo((7 / 9 + 5 / 7) / 2, 12);
    expect(r.perCluster[0]).toBeCloseTo((7 / 9 + 5 / 7) / 2, 12);
  });

  it('counts a singleton cluster as 0', () => {
    // s(0) = (10 − 1)/10, s(1) = (9 − 1)/9, s(10) = 0.
    const r = silhouette(pointsFromRows([[0], [1], [10]]), [0, 0, 1], 2);
    expect(r.perPoint[2]).toBe(0);
    expect(r.mean).toBeCloseTo((0.9 + 8 / 9) / 3, 12);
  });

  it('is negative for a labelling that mixes the two groups', () => {
    const r = silhouette(pointsFromRows([[0], [1], [4], [5]]), [0, 1, 0, 1], 2);
    expect(r.mean).toBeLessThan(0);
  });
});

describe('selectK', () => {
  it('picks k = 3 for three separated blobs and reports every k tried', () => {
    const rows: number[][] = [];
    for (const [x, y] of [
      [0, 0],
      [8, 0],
      [4, 7],
    ]) {
      for (const [dx, dy] of [
        [0, 0],
        [0.5, 0],
        [0, 0.5],
        [-0.5, 0],
        [0, -0.5],
      ]) {
        rows.push([x! + dx!, y! + dy!]);
      }
    }
    const r = selectK(pointsFromRows(rows), { kMin: 2, kMax: 6, seed: 3 });
    expect(r.k).toBe(3);
    expect(r.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6]);
    const best = Math.max(...r.scores.map((s) => s.silhouette));
    expect(r.scores.find((s) => s.k === 3)!.silhouette).toBe(best);
  });

  it('rejects a range that needs more points than there are', () => {
    expect(() => selectK(pointsFromRows([[0], [1], [2]]), { kMin: 2, kMax: 3 })).toThrow(/kMax=3 needs more than 3 points/);
  });
});

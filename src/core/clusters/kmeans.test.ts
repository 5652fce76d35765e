import { describe, expect, it } from 'vitest';
import { createRng, shuffleInPlace } from '../random';
import { ClusterError } from './errors';
import { kmeans, nearestCentroid } from './kmeans';
import { pointsFromRows } from './points';

/** Three tight blobs of 4 points around (0, 0), (10, 0) and (0, 10): a plus-shaped ±1 pattern. */
const CENTRES = [
  [0, 0],
  [10, 0],
  [0, 10],
] as const;
const OFFSETS = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
] as const;
const ROWS = CENTRES.flatMap(([x, y]) => OFFSETS.map(([dx, dy]) => [x + dx, y + dy]));
const TRUTH = CENTRES.flatMap((_, c) => OFFSETS.map(() => c));

/** True when two labellings define the same partition (equal up to renaming). */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]!) ?? b[i]) !== b[i] || (ba.get(b[i]!) ?? a[i]) !== a[i]) return false;
    ab.set(a[i]!, b[i]!);
    ba.set(b[i]!, a[i]!);
  }
  return true;
}

describe('kmeans', () => {
  it('recovers three known 2-D clusters and their means', () => {
    const fit = kmeans(pointsFromRows(ROWS), 3, { seed: 7 });
    expect(samePartition(fit.labels, TRUTH)).toBe(true);
    expect(fit.converged).toBe(true);
    expect(fit.sizes).toEqual([4, 4, 4]);
    // Each blob's mean is its centre; the inertia is 12 points × distance² 1.
    const centroids = [0, 1, 2].map((c) => [fit.centroids[c * 2]!, fit.centroids[c * 2 + 1]!]);
    expect(centroids.map(([x, y]) => `${x},${y}`).sort()).toEqual(['0,0', '0,10', '10,0']);
    expect(fit.inertia).toBeCloseTo(12, 10);
  });

  it('numbers clusters by their first member in lexicographic order', () => {
    const fit = kmeans(pointsFromRows(ROWS), 3, { seed: 7 });
    // Smallest point is (−1, 0) in blob 0; then (0, 9) in blob 2; then (9, 0) in blob 1.
    expect([fit.labels[1], fit.labels[11], fit.labels[5]]).toEqual([0, 1, 2]);
  });

  it('gives identical labels and centroids for the same input and seed', () => {
    const rng = createRng(3);
    const rows = Array.from({ length: 200 }, () => [rng(), rng(), rng()]);
    const a = kmeans(pointsFromRows(rows), 5, { seed: 11 });
    const b = kmeans(pointsFromRows(rows), 5, { seed: 11 });
    expect([...a.labels]).toEqual([...b.labels]);
    expect([...a.centroids]).toEqual([...b.centroids]);
    expect(a.inertia).toBe(b.inertia);
  });

  it('does not depend on the order of the rows: permuting them permutes the labels', () => {
    const rng = createRng(5);
    const rows = Array.from({ length: 150 }, () => [rng(), rng()]);
    const perm = shuffleInPlace(
      Array.from({ length: rows.length }, (_, i) => i),
      createRng(9),
    );
    const a = kmeans(pointsFromRows(rows), 4, { seed: 2 });
    const b = kmeans(pointsFromRows(perm.map((i) => rows[i]!)), 4, { seed: 2 });
    expect(perm.map((i) => a.labels[i])).toEqual([...b.labels]);
    expect([...b.centroids]).toEqual([...a.centroids]);
  });

  it('copes with fewer distinct points than k (no empty or NaN clusters)', () => {
    const fit = kmeans(pointsFromRows([[0], [0], [0], [5], [5]]), 3, { seed: 1 });
    expect(fit.sizes.every((s) => s > 0)).toBe(true);
    expect([...fit.centroids].every(Number.isFinite)).toBe(true);
  });

  it('refuses k outside 1…n and non-finite input with ClusterError codes', () => {
    expect(() => kmeans(pointsFromRows([[0], [1]]), 3)).toThrowError(ClusterError);
    expect(() => kmeans(pointsFromRows([[0], [1]]), 0)).toThrow(/k must be an integer/);
    expect(() => pointsFromRows([[0], [Number.NaN]])).toThrow(/not a finite number/);
    expect(() => kmeans(pointsFromRows([[0]]), 1, { restarts: 0 })).toThrow(expect.objectContaining({ code: 'ERR_CLUSTER_OPTIONS' }));
    expect(() => kmeans(pointsFromRows([[0], [1]]), 3)).toThrow(expect.objectContaining({ code: 'ERR_CLUSTER_OPTIONS' }));
  });
});

describe('nearestCentroid', () => {
  it('returns the closest centroid and breaks ties towards the lower index', () => {
    const centroids = Float64Array.from([0, 0, 2, 0]);
    expect(nearestCentroid(centroids, 2, [1.5, 0])).toEqual({ cluster: 1, sqDistance: 0.25 });
    expect(nearestCentroid(centroids, 2, [1, 0]).cluster).toBe(0);
  });
});

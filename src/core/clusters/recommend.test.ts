import { describe, expect, it } from 'vitest';
import type { MovieIndexEntry, RatingsCOO } from '../catalogue/types';
import { buildClusterItemStats, characteristicMovies } from './cluster-stats';
import { clusterRecommendations } from './recommend';

const movies: MovieIndexEntry[] = [1, 2, 3].map((id) => ({ id, title: `Movie ${id}`, year: 1990 + id, genres: [], n: 50, mean: 3.5 }));

/** 4 users: 0 and 1 in cluster 0, 2 and 3 in cluster 1. */
function coo(rows: [number, number, number][]): RatingsCOO {
  return {
    nUsers: 4,
    nItems: 3,
    user: Uint16Array.from(rows.map((r) => r[0])),
    item: Uint16Array.from(rows.map((r) => r[1])),
    rating: Float32Array.from(rows.map((r) => r[2])),
    time: new Uint32Array(rows.length),
  };
}

const R = coo([
  [0, 0, 5],
  [0, 1, 3],
  [1, 0, 4],
  [1, 1, 2],
  [1, 2, 5],
  [2, 1, 5],
  [2, 0, 1],
  [3, 1, 4],
  [3, 2, 3],
]);
const LABELS = [0, 0, 1, 1];

describe('cluster statistics and recommendations', () => {
  const stats = buildClusterItemStats(R, LABELS, 2);

  it('aggregates ratings per cluster and item', () => {
    expect(stats.sizes).toEqual([2, 2]);
    expect([...stats.count]).toEqual([2, 2, 1, 1, 2, 1]);
    expect([...stats.sum]).toEqual([9, 5, 5, 1, 9, 3]);
    // Cluster 0 rated 5,3,4,2,5: mean 19/5.
    expect(stats.clusterMean[0]).toBeCloseTo(3.8, 12);
    // Loved = at least 0.5 above the member's own mean (user 0: mean 4 → the 5; user 1: mean 11/3 → only the 5).
    expect([...stats.loved]).toEqual([1, 0, 1, 0, 2, 0]);
  });

  it('ranks by the damped mean within the cluster, with minimum support, excluding rated movies', () => {
    // Cluster 0, prior 3.8 with weight 1: movie 1 → (9 + 3.8)/3 = 4.2667, movie 2 → (5 + 3.8)/3 = 2.9333; movie 3 has 1 rating.
    const picks = clusterRecommendations(stats, 0, 'test fans', movies, new Set(), { minSupport: 2, priorWeight: 1 });
    expect(picks.map((p) => p.movieId)).toEqual([1, 2]);
    expect(picks[0]!.score).toBeCloseTo(12.8 / 3, 12);
    expect(picks[0]).toMatchObject({ mean: 4.5, support: 2, reasons: [{ kind: 'cluster', label: 'test fans' }] });
    expect(clusterRecommendations(stats, 0, 'x', movies, new Set([1]), { minSupport: 2, priorWeight: 1 }).map((p) => p.movieId)).toEqual([2]);
    expect(clusterRecommendations(stats, 0, 'x', movies, new Set(), { minSupport: 1, priorWeight: 0 }).map((p) => p.movieId)).toEqual([3, 1, 2]);
  });

  it('picks as characteristic the movie the cluster loves more than everyone', () => {
    // Loved shares: cluster 0 → [1/2, 0, 1/2], everyone → [1/4, 2/4, 1/4]: lifts [1/4, −1/2, 1/4], the tie goes to movie 1.
    // Cluster 1 → [0, 2/2, 0]: lifts [−1/4, 1/2, −1/4] → movie 2.
    expect(characteristicMovies(stats, movies).map((m) => m?.movieId)).toEqual([1, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../catalogue/catalogue';
import type { Genre, MovieIndexEntry } from '../catalogue/types';
import { priorWeights } from '../hybrid/weights';
import { topGenres, topMovies } from './community';
import { currentOpinions } from './events';
import { genreProfile } from './genre-profile';
import { computeAnalytics } from './insights';
import { moodProfile } from './mood-profile';
import { rewardSeries, thinIndices, weightSeries } from './series';

const m = (id: number, genres: Genre[], n: number, mean = 4): MovieIndexEntry => ({ id, title: `Film ${id}`, year: 2000, genres, n, mean });
// Community: 100 ratings in all; Comedy 60 + 10 = 70 (70 %), Drama 30 + 10 = 40 (40 %), Horror 0.
const MOVIES = [m(1, ['Comedy'], 60), m(2, ['Drama'], 30), m(3, ['Comedy', 'Drama'], 10), m(4, ['Horror'], 0, 0)];
const CAT = createCatalogue(MOVIES);

describe('genreProfile', () => {
  it('puts the share of liked movies per genre next to the share of community ratings', () => {
    // Liked: films 2 and 3 → Drama 2/2, Comedy 1/2.
    const rows = genreProfile([MOVIES[1]!, MOVIES[2]!], MOVIES);
    const get = (g: Genre) => rows.find((r) => r.genre === g)!;
    expect(get('Drama')).toEqual({ genre: 'Drama', liked: 2, likedShare: 1, ratings: 40, communityShare: 0.4 });
    expect(get('Comedy')).toEqual({ genre: 'Comedy', liked: 1, likedShare: 0.5, ratings: 70, communityShare: 0.7 });
    expect(get('Horror')).toMatchObject({ likedShare: 0, communityShare: 0 });
    expect(rows.slice(0, 2).map((r) => r.genre)).toEqual(['Drama', 'Comedy']);
  });
  it('has zero user shares and community order without likes', () => {
    const rows = genreProfile([], MOVIES);
    expect(rows[0]).toMatchObject({ genre: 'Comedy', likedShare: 0, communityShare: 0.7 });
  });
});

describe('community tops', () => {
  it('ranks genres and movies by number of ratings', () => {
    expect(topGenres(CAT, 2)).toEqual([
      { genre: 'Comedy', ratings: 70, share: 0.7 },
      { genre: 'Drama', ratings: 40, share: 0.4 },
    ]);
    expect(topMovies(CAT, 2).map((x) => [x.movieId, x.ratings])).toEqual([
      [1, 60],
      [2, 30],
    ]);
  });
});

describe('moodProfile', () => {
  it('averages the mood rows of liked and of disliked movies', () => {
    const table = { moods: ['funny', 'dark'] as const, nMovies: 3, scores: Float32Array.from([1, 0, 0.5, 0.5, 0, 1]) };
    expect(moodProfile(table, [0, 1], [2])).toEqual({ moods: ['funny', 'dark'], liked: [0.75, 0.25], disliked: [0, 1], nLiked: 2, nDisliked: 1 });
    expect(moodProfile(table, [], []).liked).toBeNull();
  });
});

describe('learning curves', () => {
  it('thins long series evenly, keeping both ends', () => {
    expect(thinIndices(3, 5)).toEqual([0, 1, 2]);
    expect(thinIndices(11, 3)).toEqual([0, 5, 10]);
  });

  it('orders weight snapshots by time, one value per feature', () => {
    const w1 = priorWeights();
    const w2 = priorWeights();
    w2.w.cf = 1.75;
    w2.updates = 4;
    const s = weightSeries([
      { at: 20, weights: w2 },
      { at: 10, weights: w1 },
    ]);
    expect(s.features).toEqual(['semantic', 'genre', 'mood', 'cf', 'quality', 'fresh']);
    expect(s.points.map((p) => [p.at, p.values[3], p.updates])).toEqual([
      [10, 1, 0],
      [20, 1.75, 4],
    ]);
  });

  it('accumulates reward with a running and a moving mean, split by exploration', () => {
    const s = rewardSeries(
      [
        { at: 1, reward: 1, explored: false },
        { at: 2, reward: 0, explored: true },
        { at: 3, reward: 1, explored: false },
        { at: 4, reward: 0, explored: false },
      ],
      2,
    );
    expect(s.points.map((p) => [p.n, p.cumulative, p.mean, p.recent])).toEqual([
      [1, 1, 1, 1],
      [2, 1, 0.5, 0.5],
      [3, 2, 2 / 3, 0.5],
      [4, 2, 0.5, 0.5],
    ]);
    expect(s.total).toEqual({ rounds: 4, mean: 0.5, explored: 1, exploredMean: 0, exploitedMean: 2 / 3 });
  });
});

describe('computeAnalytics', () => {
  it('combines counts, the current opinions and the profiles', () => {
    const events = [
      { movieId: 2, kind: 'dislike' as const, at: Date.parse('2024-05-01T09:00Z') },
      { movieId: 2, kind: 'like' as const, at: Date.parse('2024-05-02T09:00Z') },
      { movieId: 3, kind: 'like' as const, at: Date.parse('2024-05-02T10:00Z') },
      { movieId: 1, kind: 'dislike' as const, at: Date.parse('2024-05-02T11:00Z') },
      { movieId: 1, kind: 'click' as const, at: Date.parse('2024-05-02T11:00Z') },
      { movieId: 999, kind: 'like' as const, at: Date.parse('2024-05-02T11:00Z') },
    ];
    expect([...currentOpinions(events)]).toEqual([
      [2, 'like'],
      [3, 'like'],
      [1, 'dislike'],
      [999, 'like'],
    ]);
    const moods = { moods: ['funny'] as const, nMovies: 4, scores: Float32Array.from([1, 0.2, 0.6, 0]) };
    const a = computeAnalytics(CAT, moods, { events });
    expect(a.counts).toEqual({ like: 2, dislike: 2, click: 1, liked: 2, disliked: 1, events: 5 });
    expect(a.timeline.points.map((p) => [p.label, p.like, p.dislike, p.click])).toEqual([
      ['2024-05-01', 0, 1, 0],
      ['2024-05-02', 2, 1, 1],
    ]);
    expect(a.genres.find((g) => g.genre === 'Drama')!.likedShare).toBe(1);
    expect(a.moods!.liked![0]).toBeCloseTo(0.4, 6);
    expect(a.moods!.disliked).toEqual([1]);
    expect(a.community.ratings).toBe(100);
    expect(a.weights.points).toEqual([]);
    expect(a.rewards.total.rounds).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { GENRES, type Genre, type MovieIndexEntry, type RatingsCOO } from '../catalogue/types';
import { buildItemFeatures, featureBaseline, signalsFromEvents, signalsFromRatings, tasteVector } from './taste';

const movie = (id: number, genres: Genre[]): MovieIndexEntry => ({ id, title: `M${id}`, year: 2000, genres, n: 1, mean: 3 });
// A = Action, B = Comedy, C = Action + Comedy.
const MOVIES = [movie(10, ['Action']), movie(20, ['Comedy']), movie(30, ['Action', 'Comedy'])];
const INDEX = new Map(MOVIES.map((m, i) => [m.id, i]));
const A = GENRES.indexOf('Action');
const C = GENRES.indexOf('Comedy');

describe('taste vectors', () => {
  const f = buildItemFeatures(MOVIES, null);
  // Baseline with rating counts 1, 1, 2: Action (1 + 2)/4 = 0.75, Comedy (1 + 2)/4 = 0.75.
  const baseline = featureBaseline(f, [1, 1, 2]);

  it('builds the rating-weighted baseline', () => {
    expect(baseline[A]).toBe(0.75);
    expect(baseline[C]).toBe(0.75);
    expect(baseline[GENRES.indexOf('Drama')]).toBe(0);
  });

  it('is the unit signed lift over the baseline: like Action, dislike Comedy → (1, −1)/√2', () => {
    // p = [1·(1 − .75) − 1·(0 − .75), 1·(0 − .75) − 1·(1 − .75)] / 2 = [0.5, −0.5]
    const s = signalsFromEvents(
      [
        { movieId: 10, kind: 'like', at: 1 },
        { movieId: 20, kind: 'dislike', at: 2 },
      ],
      INDEX,
    );
    const v = tasteVector(s, f, baseline)!;
    expect(v[A]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(v[C]).toBeCloseTo(-Math.SQRT1_2, 12);
    expect(v.filter((x, i) => i !== A && i !== C && x !== 0)).toHaveLength(0);
  });

  it('weights local events: latest opinion wins, a click adds 0.25 once, unknown movies are ignored', () => {
    const s = signalsFromEvents(
      [
        { movieId: 10, kind: 'dislike', at: 1 },
        { movieId: 10, kind: 'like', at: 5 },
        { movieId: 10, kind: 'click', at: 2 },
        { movieId: 10, kind: 'click', at: 3 },
        { movieId: 30, kind: 'click', at: 4 },
        { movieId: 999, kind: 'like', at: 4 },
      ],
      INDEX,
    );
    expect([...s.items]).toEqual([0, 2]);
    expect([...s.weights]).toEqual([1.25, 0.25]);
  });

  it('centres community ratings on the member mean: 5 and 3 (mean 4) → 1/1.5 + 0.25 and −1/1.5 + 0.25', () => {
    const r: RatingsCOO = {
      nUsers: 1,
      nItems: 3,
      user: Uint16Array.from([0, 0]),
      item: Uint16Array.from([0, 1]),
      rating: Float32Array.from([5, 3]),
      time: new Uint32Array(2),
    };
    const [s] = signalsFromRatings(r);
    expect(s!.weights[0]).toBeCloseTo(1 / 1.5 + 0.25, 12);
    expect(s!.weights[1]).toBeCloseTo(-1 / 1.5 + 0.25, 12);
  });

  it('gives the mood block its share of the norm and returns null without signal', () => {
    const moods = { moods: ['funny', 'dark'] as const, nMovies: 3, scores: Float32Array.from([0, 1, 1, 0, 0.5, 0.5]) };
    const fm = buildItemFeatures(MOVIES, moods);
    const b = featureBaseline(fm, [1, 1, 2]);
    const v = tasteVector(signalsFromEvents([{ movieId: 10, kind: 'like', at: 1 }], INDEX), fm, b, { moodShare: 0.35 })!;
    const g = GENRES.length;
    const sq = (from: number, to: number) => v.slice(from, to).reduce((s, x) => s + x * x, 0);
    expect(sq(0, g)).toBeCloseTo(0.65, 12);
    expect(sq(g, g + 2)).toBeCloseTo(0.35, 12);
    // Liking the dark action film: "dark" is above the baseline (1 vs 0.5), "funny" below.
    expect(v[g + 1]).toBeGreaterThan(0);
    expect(v[g]).toBeLessThan(0);
    expect(tasteVector(signalsFromEvents([], INDEX), fm, b)).toBeNull();
  });
});

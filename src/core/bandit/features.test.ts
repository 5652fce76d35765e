import { describe, expect, it } from 'vitest';
import { BanditError } from './errors';
import {
  cyclicTime,
  DEFAULT_FEATURE_SPEC,
  emptyTaste,
  featureNames,
  jointDim,
  jointFeatures,
  movieActionFeatures,
  timeOfUse,
  userTaste,
  type ActionFeatures,
  type BanditContext,
  type FeatureSpec,
} from './features';

const spec: FeatureSpec = { genres: 3, embedding: 2, mood: 2 };

const movie: ActionFeatures = { genres: [1, 1, 0], embedding: [3, 4], mood: [1, 3], popularity: 0.5, quality: 0.2 };

describe('joint feature map', () => {
  it('has d = 10 + G + E + 4·Mo (53 by default) with one name per dimension', () => {
    expect(jointDim(spec)).toBe(23);
    expect(jointDim(DEFAULT_FEATURE_SPEC)).toBe(53);
    expect(featureNames(DEFAULT_FEATURE_SPEC)).toHaveLength(53);
    expect(featureNames(spec, ['a', 'b', 'c']).slice(0, 7)).toEqual(['bias', 'popularity', 'quality', 'coldPopularity', 'genre:a', 'genre:b', 'genre:c']);
  });

  it('computes every block of a hand-worked example', () => {
    const ctx: BanditContext = {
      taste: { genres: [1, -0.5, 0.3], embedding: [0, 2], mood: [1, -1], strength: 0.6 },
      intent: { genres: [0, 1, 0], embedding: [4, -3], mood: [0, 1] },
      time: { hourSin: 1, hourCos: 0, daySin: 0, dayCos: -1 },
    };
    const x = Array.from(jointFeatures(spec, ctx, movie));
    const expected = [
      1, 0.5, 0.2, 0.4 * 0.5, // bias, popularity, quality, (1 − 0.6)·popularity
      0.5, 0.5, 0, // genre share
      0.6, 0.8, // unit embedding
      (1 - 0.5) / 2, // taste·genre share
      0.8, // cos((0, 2), (3, 4))
      0.25 - 0.75, // taste mood · mood share (¼, ¾)
      0.5, // intent genre
      0, // cos((4, −3), (3, 4)) = 0
      0.75, // intent mood
      0.25, 0.75, 0, 0, 0, 0, -0.25, -0.75, // time × mood share
    ];
    expect(x).toHaveLength(23);
    x.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it('gives zeros, not NaN, for empty taste, no intent and movies without genres, embedding or mood', () => {
    const bare: ActionFeatures = { genres: [0, 0, 0], embedding: [0, 0], mood: [0, 0], popularity: 0, quality: 0 };
    const x = jointFeatures(spec, { taste: emptyTaste(spec), intent: null, time: cyclicTime(0, 0) }, bare);
    expect(Array.from(x)).toEqual([1, ...new Array(22).fill(0)]);
  });

  it('rejects blocks of the wrong size', () => {
    const ctx: BanditContext = { taste: emptyTaste(spec), intent: null, time: cyclicTime(0, 0) };
    expect(() => jointFeatures(spec, ctx, { ...movie, embedding: [1, 2, 3] })).toThrow(BanditError);
  });
});

describe('building features from the app data', () => {
  it('scales a catalogue movie: log popularity and a shrunk mean rating', () => {
    const a = movieActionFeatures({ genres: ['Action', 'Comedy'], n: 9, mean: 4.5 }, { maxCount: 99 });
    expect(a.popularity).toBeCloseTo(Math.log(10) / Math.log(100), 12); // 0.5
    // (9·4.5 + 10·3.5) / 19 = 3.9737 → (3.9737 − 3.5) / 1.5
    expect(a.quality).toBeCloseTo(9 / 28.5, 12);
    expect(Array.from(a.genres).flatMap((v, i) => (v ? [i] : []))).toEqual([0, 4]);
    expect(Array.from(a.embedding)).toEqual(new Array(8).fill(0));
  });

  it('builds taste as shrunk mean reaction per genre and a signed embedding direction', () => {
    const like: ActionFeatures = { genres: [1, 0, 0], embedding: [3, 4], mood: [1, 0], popularity: 0, quality: 0 };
    const dislike: ActionFeatures = { genres: [1, 1, 0], embedding: [0, 2], mood: [0, 1], popularity: 0, quality: 0 };
    const ignored: ActionFeatures = { genres: [0, 0, 1], embedding: [1, 0], mood: [1, 1], popularity: 0, quality: 0 };
    const t = userTaste(
      [
        { action: like, reward: 1 },
        { action: dislike, reward: -1 },
        { action: ignored, reward: 0 },
      ],
      spec,
    );
    expect(Array.from(t.genres)).toEqual([0 / (2 + 2), -1 / (1 + 2), 0]);
    expect(Array.from(t.mood)).toEqual([1 / 3, -1 / 3]);
    expect(t.embedding[0]).toBeCloseTo(0.6, 12);
    expect(t.embedding[1]).toBeCloseTo(0.8 - 1, 12);
    expect(t.strength).toBeCloseTo(2 / 12, 12);
  });

  it('turns a date into cyclic hour and weekday features (TZ=UTC in tests)', () => {
    const t = timeOfUse(new Date('2024-01-06T18:00:00Z')); // a Saturday
    expect(t.hourSin).toBeCloseTo(-1, 12);
    expect(t.hourCos).toBeCloseTo(0, 12);
    expect(t.daySin).toBeCloseTo(Math.sin((2 * Math.PI * 6) / 7), 12);
    expect(t.dayCos).toBeCloseTo(Math.cos((2 * Math.PI * 6) / 7), 12);
  });
});

import { describe, expect, it } from 'vitest';
import { BanditError } from './errors';
import {
  cyclicTime,
  DEFAULT_FEATURE_SPEC,
  emptyTaste,
  featureNames,
  featureShape,
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

describe('feature map', () => {
  it('lays out [context | action | linear]: C = 7 + G + E + Mo, A = 3 + G + E + Mo, L = 3, one name per entry', () => {
    expect(featureShape(spec)).toEqual({ context: 14, action: 10, linear: 3 });
    expect(jointDim(spec)).toBe(27);
    expect(featureShape(DEFAULT_FEATURE_SPEC)).toEqual({ context: 38, action: 34, linear: 3 });
    expect(featureNames(DEFAULT_FEATURE_SPEC)).toHaveLength(75);
    expect(featureNames(spec, ['a', 'b', 'c']).slice(0, 4)).toEqual(['context:bias', 'context:taste:a', 'context:taste:b', 'context:taste:c']);
    expect(featureNames(spec, ['a', 'b', 'c']).slice(14, 18)).toEqual(['action:bias', 'action:genre:a', 'action:genre:b', 'action:genre:c']);
  });

  it('computes every block of a hand-worked example', () => {
    const ctx: BanditContext = {
      taste: { genres: [1, -0.5, 0.3], embedding: [0, 2], mood: [1, -1], strength: 0.6, mean: 0.25 },
      intent: { genres: [0, 1, 0], embedding: [4, -3], mood: [0, 1] },
      time: { hourSin: 1, hourCos: 0, daySin: 0, dayCos: -1 },
    };
    const x = Array.from(jointFeatures(spec, ctx, movie));
    const expected = [
      1, 1, -0.5, 0.3, 0, 1, 1, -1, 0.6, 0.25, 1, 0, 0, -1, // context: bias, taste genres, unit taste embedding, taste mood, strength, generosity, time
      1, 0.5, 0.5, 0, 0.6, 0.8, 0.25, 0.75, 0.5, 0.2, // action: bias, genre share, unit embedding, mood share, popularity, quality
      0.5, 0, 0.75, // intent genre, cos((4, −3), (3, 4)) = 0, intent mood
    ];
    expect(x).toHaveLength(27);
    x.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it('gives zeros, not NaN, for empty taste, no intent and movies without genres, embedding or mood', () => {
    const bare: ActionFeatures = { genres: [0, 0, 0], embedding: [0, 0], mood: [0, 0], popularity: 0, quality: 0 };
    const x = jointFeatures(spec, { taste: emptyTaste(spec), intent: null, time: cyclicTime(0, 0) }, bare);
    // context: bias 1, zeros, time (sin 0, cos 1, sin 0, cos 1); action: bias 1, zeros
    expect(Array.from(x)).toEqual([1, ...new Array(9).fill(0), 0, 1, 0, 1, 1, ...new Array(12).fill(0)]);
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
    // generosity: (1 − 1 + 0) / (3 events + 2)
    expect(t.mean).toBe(0);
  });

  it('turns a date into cyclic hour and weekday features (TZ=UTC in tests)', () => {
    const t = timeOfUse(new Date('2024-01-06T18:00:00Z')); // a Saturday
    expect(t.hourSin).toBeCloseTo(-1, 12);
    expect(t.hourCos).toBeCloseTo(0, 12);
    expect(t.daySin).toBeCloseTo(Math.sin((2 * Math.PI * 6) / 7), 12);
    expect(t.dayCos).toBeCloseTo(Math.cos((2 * Math.PI * 6) / 7), 12);
  });
});

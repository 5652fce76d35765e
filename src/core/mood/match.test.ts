import { describe, expect, it } from 'vitest';
import { moodMatch } from './match';
import { MOOD_IDS, MOOD_INDEX, type MoodId, type MoodWant } from './moods';

const profile = (values: Partial<Record<MoodId, number>>) => {
  const p = new Float32Array(MOOD_IDS.length);
  for (const [m, v] of Object.entries(values)) p[MOOD_INDEX[m as MoodId]] = v;
  return p;
};
const want = (mood: MoodId, weight = 1, negated = false): MoodWant => ({ mood, weight, negated, source: 'cue' });

describe('moodMatch', () => {
  it('is 0 without moods', () => {
    expect(moodMatch([], profile({ scary: 1 }))).toBe(0);
  });
  it('is the profile score for one plain mood', () => {
    expect(moodMatch([want('scary')], profile({ scary: 0.8 }))).toBeCloseTo(0.8, 6);
  });
  it('sharpens with intensity and flattens with "a bit"', () => {
    expect(moodMatch([want('scary', 1.5)], profile({ scary: 0.64 }))).toBeCloseTo(0.512, 5);
    expect(moodMatch([want('scary', 0.5)], profile({ scary: 0.64 }))).toBeCloseTo(0.8, 5);
  });
  it('averages several wanted moods by weight', () => {
    expect(moodMatch([want('scary'), want('funny')], profile({ scary: 0.8, funny: 0.2 }))).toBeCloseTo(0.5, 6);
    expect(moodMatch([want('scary', 2), want('funny', 1)], profile({ scary: 0.5, funny: 1 }))).toBeCloseTo((2 * 0.25 + 1) / 3, 6);
  });
  it('penalises a hard negation by the full mood score', () => {
    expect(moodMatch([want('scary', 1, true)], profile({ scary: 0.6 }))).toBeCloseTo(-0.6, 6);
    expect(moodMatch([want('funny'), want('scary', 1, true)], profile({ funny: 0.9, scary: 0.3 }))).toBeCloseTo(0.6, 6);
  });
  it('tolerates a little under a soft negation', () => {
    // weight 0.5: tolerance 0.5, penalty 0.5 · (p − 0.5) / 0.5.
    expect(moodMatch([want('scary', 0.5, true)], profile({ scary: 0.4 }))).toBe(0);
    expect(moodMatch([want('scary', 0.5, true)], profile({ scary: 0.6 }))).toBeCloseTo(-0.1, 6);
    expect(moodMatch([want('scary', 0.5, true)], profile({ scary: 1 }))).toBeCloseTo(-0.5, 6);
  });
  it('uses the strongest penalty and clamps to [−1, 1]', () => {
    expect(moodMatch([want('scary', 1, true), want('dark', 1, true)], profile({ scary: 0.2, dark: 0.7 }))).toBeCloseTo(-0.7, 6);
    expect(moodMatch([want('scary', 2, true)], profile({ scary: 1 }))).toBe(-1);
  });
});

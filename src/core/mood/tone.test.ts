import { describe, expect, it } from 'vitest';
import type { MoodWant } from './moods';
import { emotionalTone, toneLabel } from './tone';

const w = (mood: MoodWant['mood'], weight = 1, negated = false): MoodWant => ({ mood, weight, negated, source: 'cue' });

describe('emotionalTone', () => {
  it('is the position of a single mood', () => {
    expect(emotionalTone([w('feel-good')])).toEqual({ valence: 0.85, arousal: 0.45, label: 'cosy' });
    expect(emotionalTone([w('scary')])).toEqual({ valence: -0.6, arousal: 0.9, label: 'tense' });
  });
  it('is the weighted mean of several and ignores negated moods', () => {
    expect(emotionalTone([w('feel-good'), w('scary'), w('sad', 1, true)])).toEqual({ valence: 0.125, arousal: 0.675, label: 'intense' });
    // (3·−0.7 + 0.75) / 4 = −0.3375, (3·0.3 + 0.6) / 4 = 0.375; rounded to 3 decimals.
    const t = emotionalTone([w('sad', 3), w('funny', 1)])!;
    expect(Math.abs(t.valence + 0.3375)).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(t.arousal).toBeCloseTo(0.375, 6);
    expect(t.label).toBe('melancholic');
  });
  it('is null when nothing is wanted', () => {
    expect(emotionalTone([])).toBeNull();
    expect(emotionalTone([w('scary', 1, true)])).toBeNull();
  });
  it('labels the quadrants', () => {
    expect(toneLabel(0.5, 0.8)).toBe('upbeat');
    expect(toneLabel(0, 0.2)).toBe('reflective');
  });
});

import { describe, expect, it } from 'vitest';
import { GENRES } from '../catalogue/types';
import { EXTRACT_CUES } from './extract-cues';
import { MOOD_IDS, MOOD_INDEX, MOODS, isMoodId, moodById } from './moods';
import { normaliseTag, TAG_AFFINITY } from './tag-affinity';

describe('mood table', () => {
  it('lists every mood once, in column order', () => {
    expect(MOODS.map((m) => m.id)).toEqual([...MOOD_IDS]);
    MOOD_IDS.forEach((id, i) => expect(MOOD_INDEX[id]).toBe(i));
    expect(moodById('sad').label).toBe('Sad');
    expect(isMoodId('funny')).toBe(true);
    expect(isMoodId('grumpy')).toBe(false);
  });
  it('keeps weights, positions and genre names in range', () => {
    for (const m of MOODS) {
      expect(m.description.length).toBeGreaterThan(40);
      expect(m.cues.length).toBeGreaterThan(3);
      for (const c of m.cues) expect(c.weight > 0 && c.weight <= 2).toBe(true);
      for (const [g, v] of [...Object.entries(m.genres), ...Object.entries(m.antiGenres)]) {
        expect(GENRES).toContain(g);
        expect(v > 0 && v < 1).toBe(true);
      }
      expect(Math.abs(m.valence)).toBeLessThanOrEqual(1);
      expect(m.arousal >= 0 && m.arousal <= 1).toBe(true);
    }
  });
  it('writes tag keys in normalised form with weights in (−1, 1]', () => {
    for (const id of MOOD_IDS) {
      for (const [tag, w] of Object.entries(TAG_AFFINITY[id])) {
        expect(normaliseTag(tag)).toBe(tag);
        expect(w !== 0 && w >= -1 && w <= 1).toBe(true);
      }
    }
  });
  it('compiles every extract cue', () => {
    for (const id of MOOD_IDS) for (const [src] of EXTRACT_CUES[id]) expect(() => new RegExp(src, 'u')).not.toThrow();
  });
});

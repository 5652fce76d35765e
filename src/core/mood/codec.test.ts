import { describe, expect, it } from 'vitest';
import { decodeMoods, encodeMoods, MoodCodecError } from './codec';
import { MOOD_IDS } from './moods';
import type { MoodMatrix } from './profile';

const k = MOOD_IDS.length;
const matrix: MoodMatrix = {
  moods: MOOD_IDS,
  nMovies: 3,
  scores: Float32Array.from({ length: 3 * k }, (_, i) => (i % 7) / 6),
};

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    return err instanceof MoodCodecError ? err.code : 'other';
  }
  return undefined;
}

describe('moods.bin codec', () => {
  it('round-trips within quantisation error', () => {
    const bytes = encodeMoods(matrix);
    const ids = MOOD_IDS.join(',');
    expect(bytes.byteLength).toBe(16 + ((ids.length + 3) & ~3) + 3 * k);
    const back = decodeMoods(bytes, { nMovies: 3 });
    expect(back.nMovies).toBe(3);
    expect(back.moods).toEqual([...MOOD_IDS]);
    back.scores.forEach((s, i) => expect(Math.abs(s - matrix.scores[i]!)).toBeLessThanOrEqual(0.5 / 255 + 1e-7));
    expect(back.scores[0]).toBe(0);
    expect(back.scores[6]).toBe(1);
  });
  it('clamps out-of-range and NaN scores', () => {
    const m: MoodMatrix = { moods: MOOD_IDS, nMovies: 1, scores: new Float32Array(k) };
    m.scores[0] = -0.5;
    m.scores[1] = 1.5;
    m.scores[2] = Number.NaN;
    const back = decodeMoods(encodeMoods(m));
    expect([back.scores[0], back.scores[1], back.scores[2]]).toEqual([0, 1, 0]);
  });
  it('decodes from an ArrayBuffer and from a Uint8Array view with an offset', () => {
    const bytes = encodeMoods(matrix);
    expect(decodeMoods(bytes.slice().buffer).nMovies).toBe(3);
    const padded = new Uint8Array(bytes.byteLength + 8);
    padded.set(bytes, 8);
    expect(decodeMoods(padded.subarray(8)).scores[6]).toBe(1);
  });
  it('rejects malformed or stale files with stable codes', () => {
    const bytes = encodeMoods(matrix);
    const bad = bytes.slice();
    bad[0] = 0;
    expect(codeOf(() => decodeMoods(bad))).toBe('ERR_MOODS_MAGIC');
    expect(codeOf(() => decodeMoods(bytes.subarray(0, bytes.byteLength - 1)))).toBe('ERR_MOODS_TRUNCATED');
    expect(codeOf(() => decodeMoods(bytes.subarray(0, 8)))).toBe('ERR_MOODS_TRUNCATED');
    const v2 = bytes.slice();
    v2[4] = 2;
    expect(codeOf(() => decodeMoods(v2))).toBe('ERR_MOODS_VERSION');
    expect(codeOf(() => decodeMoods(bytes, { nMovies: 4 }))).toBe('ERR_MOODS_COUNT');
    expect(codeOf(() => decodeMoods(bytes, { moods: ['funny'] }))).toBe('ERR_MOODS_IDS');
    const other: MoodMatrix = { moods: ['funny', 'sad'] as never, nMovies: 1, scores: new Float32Array([0.5, 1]) };
    expect(codeOf(() => decodeMoods(encodeMoods(other)))).toBe('ERR_MOODS_IDS');
    expect(decodeMoods(encodeMoods(other), { moods: null }).moods).toEqual(['funny', 'sad']);
  });
  it('refuses a matrix whose scores do not match its shape', () => {
    expect(() => encodeMoods({ moods: MOOD_IDS, nMovies: 2, scores: new Float32Array(3) })).toThrow(RangeError);
  });
});

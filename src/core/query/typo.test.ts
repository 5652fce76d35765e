import { describe, expect, it } from 'vitest';
import { damerauLevenshtein } from './typo';

describe('damerauLevenshtein (optimal string alignment)', () => {
  it('counts each kind of edit as 1', () => {
    expect(damerauLevenshtein('comedy', 'comedy')).toBe(0);
    expect(damerauLevenshtein('thriller', 'thriler')).toBe(1);
    expect(damerauLevenshtein('comedy', 'comdey')).toBe(1);
    expect(damerauLevenshtein('horror', 'horrir')).toBe(1);
    expect(damerauLevenshtein('war', 'wars')).toBe(1);
  });
  it('gives known distances', () => {
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('ca', 'abc')).toBe(3); // OSA, not unrestricted Damerau (2)
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('abc', '')).toBe(3);
  });
  it('stops early past max, returning max + 1', () => {
    expect(damerauLevenshtein('kitten', 'sitting', 1)).toBe(2);
    expect(damerauLevenshtein('a', 'abcdef', 1)).toBe(2);
    expect(damerauLevenshtein('documentry', 'documentary', 1)).toBe(1);
  });
  it('is symmetric', () => {
    for (const [a, b] of [['western', 'eastern'], ['sci', 'scifi'], ['abcd', 'badc']] as const) {
      expect(damerauLevenshtein(a, b)).toBe(damerauLevenshtein(b, a));
    }
  });
});

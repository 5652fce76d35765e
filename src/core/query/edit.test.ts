import { describe, expect, it } from 'vitest';
import { withGenre, withMood, withoutGenre, withoutMood, withoutYears } from './edit';
import { parseQuery } from './parse';

describe('query edits', () => {
  const q = parseQuery('a feel-good sci-fi movie from the 90s, no horror');
  it('starts from what the parser understood', () => {
    expect(q.genres.include).toEqual(['Sci-Fi']);
    expect(q.genres.exclude).toEqual(['Horror']);
    expect(q.moods.map((m) => m.mood)).toEqual(['feel-good']);
    expect(q.years).toEqual({ from: 1990, to: 1999 });
  });
  it('removes and adds chips without touching the rest', () => {
    const a = withoutGenre(q, 'Sci-Fi', 'include');
    expect(a.genres.include).toEqual([]);
    expect(a.genres.exclude).toEqual(['Horror']);
    expect(q.genres.include).toEqual(['Sci-Fi']);
    const b = withGenre(q, 'Horror', 'include');
    expect(b.genres.include).toEqual(['Sci-Fi', 'Horror']);
    expect(b.genres.exclude).toEqual([]);
    expect(withoutMood(q, 'feel-good').moods).toEqual([]);
    expect(withMood(q, 'funny').moods.map((m) => m.mood)).toEqual(['feel-good', 'funny']);
    expect(withoutYears(q).years).toBeNull();
    expect(withGenre(q, 'Sci-Fi', 'include').genres.include).toEqual(['Sci-Fi']);
  });
});

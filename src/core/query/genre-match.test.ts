import { describe, expect, it } from 'vitest';
import { genreMatch } from './genre-match';
import { parseQuery } from './parse';

describe('genreMatch', () => {
  it('rewards the share of included genres a movie has', () => {
    const intent = { include: ['Sci-Fi', 'Comedy'] as const, exclude: [], excludeCombos: [] };
    const i = { ...intent, include: [...intent.include] };
    expect(genreMatch(i, ['Comedy'])).toEqual({ score: 0.5, excluded: false });
    expect(genreMatch(i, ['Comedy', 'Sci-Fi', 'Action'])).toEqual({ score: 1, excluded: false });
    expect(genreMatch(i, ['Drama'])).toEqual({ score: 0, excluded: false });
  });
  it('is 0 and never excludes when the query names no genre', () => {
    expect(genreMatch({ include: [], exclude: [], excludeCombos: [] }, ['Horror'])).toEqual({ score: 0, excluded: false });
  });
  it('flags any excluded genre', () => {
    expect(genreMatch(parseQuery('comedy, no horror').genres, ['Horror', 'Comedy'])).toEqual({ score: 1, excluded: true });
  });
  it('flags a combination only when all its genres are present', () => {
    const g = parseQuery('no rom-coms').genres;
    expect(genreMatch(g, ['Romance', 'Drama']).excluded).toBe(false);
    expect(genreMatch(g, ['Comedy']).excluded).toBe(false);
    expect(genreMatch(g, ['Romance', 'Comedy', 'Drama']).excluded).toBe(true);
  });
});

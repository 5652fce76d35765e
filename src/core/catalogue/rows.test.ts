import { describe, expect, it } from 'vitest';
import { createCatalogue } from './catalogue';
import { createRng, randomInt } from '../random';
import { dampedMean, genresByPopularity, popular, selectTop, topRated } from './rows';
import { searchTitles } from './search';
import type { MovieIndexEntry } from './types';

const m = (id: number, title: string, n: number, mean: number, genres: MovieIndexEntry['genres'] = ['Drama'], year = 2000): MovieIndexEntry => ({
  id,
  title,
  year,
  genres,
  n,
  mean,
});

const cat = createCatalogue([
  m(1, 'Toy Story', 200, 3.9, ['Animation', 'Comedy'], 1995),
  m(2, 'Toy Story 2', 100, 3.8, ['Animation', 'Comedy'], 1999),
  m(3, 'Obscure Gem', 2, 5, ['Drama']),
  m(4, 'The Matrix', 250, 4.2, ['Action', 'Sci-Fi'], 1999),
  m(5, 'Story of Us', 10, 3.0, ['Romance']),
  m(6, 'Flop', 400, 2.0, ['Comedy']),
]);
// Global mean = 3050 / 962 ≈ 3.1705; damped (weight 20): Matrix 4.124, Toy Story 3.834, Toy Story 2 3.695,
// Obscure Gem 3.337, Story of Us 3.114, Flop 2.056.

describe('dampedMean', () => {
  it('pulls small samples to the prior', () => {
    expect(dampedMean(5, 2, 3.5, 20)).toBeCloseTo((10 + 70) / 22, 10);
    expect(dampedMean(4, 0, 3.5, 20)).toBe(3.5);
  });
});

describe('rows', () => {
  it('top rated does not let two 5-star ratings win', () => {
    expect(topRated(cat).map((x) => x.id)).toEqual([4, 1, 2, 3, 5, 6]);
    expect(topRated(cat, { genre: 'Animation' }).map((x) => x.id)).toEqual([1, 2]);
  });
  it('popular sorts by count and honours exclusions and limits', () => {
    expect(popular(cat, { limit: 2 }).map((x) => x.id)).toEqual([6, 4]);
    expect(popular(cat, { exclude: new Set([6, 4]), limit: 2 }).map((x) => x.id)).toEqual([1, 2]);
  });
  it('selects the same head as a stable sort, ties and exclusions included', () => {
    const rng = createRng(7);
    // Few distinct counts, so many ties: the order among equals must stay the catalogue's order.
    const pool = Array.from({ length: 500 }, (_, i) => m(i + 1, `M${i}`, randomInt(rng, 12), 1 + randomInt(rng, 5)));
    const byCount = (a: MovieIndexEntry, b: MovieIndexEntry) => b.n - a.n || b.mean - a.mean;
    const exclude = new Set(pool.filter((_, i) => i % 7 === 0).map((x) => x.id));
    for (const limit of [0, 1, 20, 499, 600]) {
      const expected = [...pool].sort(byCount).filter((x) => !exclude.has(x.id)).slice(0, limit).map((x) => x.id);
      expect(selectTop(pool, byCount, { limit, exclude }).map((x) => x.id)).toEqual(expected);
    }
  });
  it('orders genres by rating volume', () => {
    expect(genresByPopularity(cat).slice(0, 3)).toEqual(['Comedy', 'Animation', 'Action']);
  });
});

describe('searchTitles', () => {
  it('ranks exact, then prefix, then word matches', () => {
    expect(searchTitles(cat, 'toy story').map((h) => [h.movie.id, h.quality])).toEqual([
      [1, 3],
      [2, 2],
    ]);
    // "Story of Us" starts with the query; the Toy Story titles only contain the word.
    expect(searchTitles(cat, 'story').map((h) => h.movie.id)).toEqual([5, 1, 2]);
  });
  it('ignores case, accents and the leading article; narrows by year', () => {
    expect(searchTitles(cat, 'MATRIX')[0]?.movie.id).toBe(4);
    expect(searchTitles(cat, 'toy story 1999').map((h) => h.movie.id)).toEqual([2]);
  });
  it('returns nothing for empty or punctuation-only input', () => {
    expect(searchTitles(cat, '   ')).toEqual([]);
    expect(searchTitles(cat, '!!!')).toEqual([]);
  });
});

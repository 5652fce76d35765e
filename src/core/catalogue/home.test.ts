import { describe, expect, it } from 'vitest';
import { createCatalogue } from './catalogue';
import { cardsToFill, checkHomeSnapshot, HOME_GENRE_ROWS, homeRows, homeSnapshot } from './home';
import { genresByPopularity, popular, topRated } from './rows';
import { GENRES, type MovieIndexEntry } from './types';

/** 300 movies over every genre, with counts and means spread out (deterministic). */
const movies: MovieIndexEntry[] = Array.from({ length: 300 }, (_, i) => ({
  id: i + 1,
  title: `Movie ${i + 1}`,
  year: 1950 + (i % 70),
  genres: [GENRES[i % GENRES.length]!, GENRES[(i * 7) % GENRES.length]!].filter((g, j, a) => a.indexOf(g) === j),
  n: (i * 37) % 251,
  mean: 0.5 + ((i * 13) % 10) / 2,
}));
const cat = createCatalogue(movies);
const SHA = 'ab'.repeat(32);

describe('homeRows', () => {
  it('is popular, top rated, then the most-rated genres’ top rated, 20 each', () => {
    const rows = homeRows(cat);
    const genres = genresByPopularity(cat).slice(0, HOME_GENRE_ROWS);
    expect(rows.map((r) => r.title)).toEqual(['Popular on RecoStream', 'Top rated', ...genres.map((g) => `Top ${g}`)]);
    expect(rows[0]!.movies.map((m) => m.id)).toEqual(popular(cat).map((m) => m.id));
    expect(rows[1]!.movies.map((m) => m.id)).toEqual(topRated(cat).map((m) => m.id));
    expect(rows[2]!.movies.map((m) => m.id)).toEqual(topRated(cat, { genre: genres[0] }).map((m) => m.id));
    expect(rows[2]!.movies.every((m) => m.genres.includes(genres[0]!))).toBe(true);
    expect(rows.every((r) => r.movies.length === 20)).toBe(true);
    expect(rows[2]!.note).toBe('');
  });
});

describe('homeSnapshot', () => {
  it('round-trips through JSON and passes its check with the same rows', () => {
    const snap = checkHomeSnapshot(JSON.parse(JSON.stringify(homeSnapshot(cat, SHA))));
    expect(snap).not.toBeNull();
    expect(snap!.catalogueSha256).toBe(SHA);
    expect(snap!.rows.map((r) => [r.title, r.note, r.movies.map((m) => m.id)])).toEqual(homeRows(cat).map((r) => [r.title, r.note, r.movies.map((m) => m.id)]));
    expect(snap!.rows[0]!.movies[0]).toEqual(popular(cat)[0]);
  });
  it('rejects malformed snapshots', () => {
    const good = JSON.parse(JSON.stringify(homeSnapshot(cat, SHA)));
    expect(checkHomeSnapshot(null)).toBeNull();
    expect(checkHomeSnapshot({ ...good, v: 2 })).toBeNull();
    expect(checkHomeSnapshot({ ...good, catalogueSha256: 'nope' })).toBeNull();
    const badGenre = structuredClone(good);
    badGenre.rows[0].movies[0].genres = ['Space Opera'];
    expect(checkHomeSnapshot(badGenre)).toBeNull();
    const noTitle = structuredClone(good);
    noTitle.rows[1].title = '';
    expect(checkHomeSnapshot(noTitle)).toBeNull();
  });
});

describe('cardsToFill', () => {
  it('covers a phone’s row with one card to spare, a desktop’s with 8', () => {
    // 390 px: 140.4 px columns + 14.4 px gap → 2.5 cards visible → 3 + 1.
    expect(cardsToFill(390)).toBe(4);
    expect(cardsToFill(320)).toBe(4);
    // 768 px: 180 px columns (the cap) + gap → 3.95 visible → 4 + 1.
    expect(cardsToFill(768)).toBe(5);
    expect(cardsToFill(1280)).toBe(8);
    expect(cardsToFill(0)).toBe(8);
    expect(cardsToFill(Number.NaN)).toBe(8);
  });
});

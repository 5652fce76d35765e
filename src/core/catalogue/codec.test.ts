import { describe, expect, it } from 'vitest';
import {
  decodeCatalogueIndex,
  decodeRatings,
  encodeCatalogueIndex,
  encodeRatings,
  genresToMask,
  maskToGenres,
} from './codec';
import type { MovieIndexEntry } from './types';

describe('genre masks', () => {
  it('round-trips and orders genres canonically', () => {
    expect(maskToGenres(genresToMask(['Sci-Fi', 'Action']))).toEqual(['Action', 'Sci-Fi']);
    expect(genresToMask([])).toBe(0);
    expect(genresToMask(['Action'])).toBe(1);
  });
});

describe('catalogue index codec', () => {
  it('round-trips entries and rounds means to 2 decimals', () => {
    const movies: MovieIndexEntry[] = [
      { id: 1, title: 'Toy Story', year: 1995, genres: ['Animation', 'Comedy'], n: 215, mean: 3.920930232 },
      { id: 2, title: 'Babylon 5', year: null, genres: [], n: 0, mean: 0 },
    ];
    const back = decodeCatalogueIndex(JSON.parse(JSON.stringify(encodeCatalogueIndex(movies, 1))));
    expect(back[0]).toEqual({ ...movies[0], mean: 3.92 });
    expect(back[1]).toEqual(movies[1]);
  });
  it('rejects a file that is not a catalogue', () => {
    expect(() => decodeCatalogueIndex({ hello: 1 })).toThrow(/not a RecoStream catalogue/);
    expect(() => decodeCatalogueIndex(null)).toThrow(/not a RecoStream catalogue/);
  });
});

describe('ratings codec', () => {
  it('round-trips half-star ratings exactly', () => {
    const r = {
      nUsers: 2,
      nItems: 3,
      user: Uint16Array.from([0, 0, 1]),
      item: Uint16Array.from([0, 2, 1]),
      rating: Float32Array.from([0.5, 4.5, 5]),
      time: Uint32Array.from([964982703, 964981247, 1]),
    };
    const back = decodeRatings(encodeRatings(r));
    expect(back.nUsers).toBe(2);
    expect(back.nItems).toBe(3);
    expect(Array.from(back.user)).toEqual([0, 0, 1]);
    expect(Array.from(back.item)).toEqual([0, 2, 1]);
    expect(Array.from(back.rating)).toEqual([0.5, 4.5, 5]);
    expect(Array.from(back.time)).toEqual([964982703, 964981247, 1]);
  });
  it('rejects truncated or foreign bytes', () => {
    const bytes = encodeRatings({
      nUsers: 1,
      nItems: 1,
      user: Uint16Array.from([0]),
      item: Uint16Array.from([0]),
      rating: Float32Array.from([3]),
      time: Uint32Array.from([0]),
    });
    expect(() => decodeRatings(bytes.slice(0, bytes.length - 1))).toThrow(/truncated/);
    expect(() => decodeRatings(new Uint8Array(32))).toThrow(/not a RecoStream ratings file/);
  });
});

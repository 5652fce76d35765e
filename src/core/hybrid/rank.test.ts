import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../catalogue/catalogue';
import type { MovieIndexEntry } from '../catalogue/types';
import { renderReasons } from '../explain/reasons';
import { MOOD_IDS, MOOD_INDEX } from '../mood/moods';
import { parseQuery } from '../query/parse';
import { normaliseSemantic, rankHybrid, type RankInput } from './rank';
import { priorWeights } from './weights';

const mk = (id: number, title: string, genres: MovieIndexEntry['genres'], year: number, n = 50, mean = 3.5): MovieIndexEntry => ({ id, title, year, genres, n, mean });
const cat = createCatalogue([
  mk(1, 'Space Joy', ['Sci-Fi', 'Comedy'], 2010),
  mk(2, 'Space Dread', ['Sci-Fi', 'Horror'], 2012),
  mk(3, 'Paris Love', ['Romance'], 1995),
  mk(4, 'Interstellar', ['Sci-Fi', 'Drama'], 2014, 70, 4.1),
]);
const K = MOOD_IDS.length;
const moods = new Float32Array(4 * K);
moods[0 * K + MOOD_INDEX['feel-good']] = 0.9;
moods[1 * K + MOOD_INDEX.scary] = 0.9;
moods[2 * K + MOOD_INDEX.romantic] = 0.9;

const base = (over: Partial<RankInput> = {}): RankInput => ({ catalogue: cat, intent: null, weights: priorWeights(), k: 10, moods, ...over });

describe('normaliseSemantic', () => {
  it('maps the mean to 0 and the best match to 1', () => {
    const [a, b, c] = normaliseSemantic(Float32Array.from([0.1, 0.3, 0.5]));
    expect(a).toBe(0);
    expect(b).toBeCloseTo(0, 6);
    expect(c).toBeCloseTo(1, 6);
    expect(Array.from(normaliseSemantic(Float32Array.from([0.2, 0.2])))).toEqual([0, 0]);
  });
});

describe('rankHybrid', () => {
  it('honours exclusions and year ranges as hard filters', () => {
    // A five-movie catalogue: a constraint met by one movie still holds (the app relaxes below 10).
    const r = rankHybrid(base({ intent: parseQuery('sci-fi but no horror after 2005'), constraintMin: 1 }));
    expect(r.map((x) => x.movie.id).sort()).toEqual([1, 4]);
  });

  it('puts the feel-good sci-fi film first for "a feel-good sci-fi movie" and says why', () => {
    const r = rankHybrid(base({ intent: parseQuery('I want a feel-good sci-fi movie') }));
    expect(r[0]!.movie.id).toBe(1);
    expect(r[0]!.features.genre).toBe(1);
    expect(r[0]!.features.mood).toBeGreaterThan(0.5);
    expect(renderReasons(r[0]!.reasons)).toBe('Sci-fi with a feel-good tone, as you asked.');
    // The romance has neither genre nor mood: no genre or mood reason may be claimed for it.
    const paris = r.find((x) => x.movie.id === 3)!;
    expect(paris.reasons.some((x) => x.kind === 'genre-match' || x.kind === 'mood-match')).toBe(false);
  });

  it('uses CF only when personalised and names the liked neighbour', () => {
    const relevance = Float32Array.from([0, 0.2, 0, 0.8]);
    const cold = rankHybrid(base({ cf: { relevance, personalised: false } }));
    expect(cold.every((x) => x.features.cf === 0)).toBe(true);
    const because = (i: number) => (i === 3 ? 0 : -1);
    const warm = rankHybrid(base({ cf: { relevance, because, personalised: true }, exclude: new Set([1]) }));
    expect(warm.find((x) => x.movie.id === 2)!.features.cf).toBeCloseTo(0.25, 6);
    expect(warm[0]!.movie.id).toBe(4);
    expect(warm[0]!.features.cf).toBe(1);
    expect(renderReasons(warm[0]!.reasons)).toBe('Because you liked Space Joy.');
  });

  it('lets semantic similarity decide among otherwise equal items', () => {
    const r = rankHybrid(base({ intent: parseQuery('lovers in paris'), semantic: Float32Array.from([0.1, 0.1, 0.6, 0.1]) }));
    expect(r[0]!.movie.id).toBe(3);
    expect(r[0]!.reasons[0]).toMatchObject({ kind: 'semantic-match' });
  });

  it('filters by the genres asked for, unless too few movies would remain', () => {
    // Only 3 sci-fi films here (< GENRE_FILTER_MIN), so genre rewards but does not filter.
    const few = rankHybrid(base({ intent: parseQuery('a sci-fi movie') }));
    expect(few.map((r) => r.movie.id)).toContain(3);
    expect(few.slice(0, 3).every((r) => r.movie.genres.includes('Sci-Fi'))).toBe(true);
    const many = createCatalogue([...Array.from({ length: 25 }, (_, i) => mk(100 + i, `Space ${i}`, ['Sci-Fi'], 2000)), mk(1, 'Paris Love', ['Romance'], 1995, 300, 4.5)]);
    const filtered = rankHybrid({ ...base(), catalogue: many, moods: null, intent: parseQuery('a sci-fi movie'), k: 30 });
    expect(filtered).toHaveLength(25);
    expect(filtered.every((r) => r.movie.genres.includes('Sci-Fi'))).toBe(true);
  });

  it('returns at most k items', () => {
    expect(rankHybrid(base({ k: 2 }))).toHaveLength(2);
  });
});

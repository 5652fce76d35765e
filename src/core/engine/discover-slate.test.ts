import { describe, expect, it } from 'vitest';
import { serializeBandit } from '../bandit';
import { createCatalogue } from '../catalogue/catalogue';
import type { MovieIndexEntry } from '../catalogue/types';
import { DISCOVER_SHAPE } from './discover';
import { DISCOVER_SLATE, discoverCandidates, sampleSeed, userSeed } from './discover-slate';
import { resumeDiscoverBandit } from './discover';

/** The state Discover resumes with (the restore note is tested in core/bandit). */
const resumeBandit = (...args: Parameters<typeof resumeDiscoverBandit>) => resumeDiscoverBandit(...args).state;

/** 400 movies; every third has fewer than `minRatings` ratings. */
const movies: MovieIndexEntry[] = Array.from({ length: 400 }, (_, i) => ({ id: 1000 + i, title: `M${i}`, year: 2000, genres: ['Drama'], n: i % 3 === 0 ? 2 : 10 + i, mean: 3.5 }));
const cat = createCatalogue(movies);
const top = Array.from({ length: 200 }, (_, i) => 399 - i);

describe('discoverCandidates', () => {
  it('offers the top picks first, then a seeded sample of rated-enough, unrated, new movies', () => {
    const rated = new Set([1000 + 10, 1000 + 11]);
    const pool = discoverCandidates(cat, top, rated, 42);
    expect(pool).toHaveLength(DISCOVER_SLATE.topPicks + DISCOVER_SLATE.sampled);
    expect(pool.slice(0, DISCOVER_SLATE.topPicks)).toEqual(top.slice(0, DISCOVER_SLATE.topPicks));
    const sampled = pool.slice(DISCOVER_SLATE.topPicks);
    expect(new Set(pool).size).toBe(pool.length);
    for (const i of sampled) {
      expect(movies[i]!.n).toBeGreaterThanOrEqual(DISCOVER_SLATE.minRatings);
      expect(rated.has(movies[i]!.id)).toBe(false);
      expect(top.slice(0, DISCOVER_SLATE.topPicks)).not.toContain(i);
    }
    expect(discoverCandidates(cat, top, rated, 42)).toEqual(pool);
    expect(discoverCandidates(cat, top, rated, 43).slice(DISCOVER_SLATE.topPicks)).not.toEqual(sampled);
  });

  it('samples only what is eligible when the catalogue is small', () => {
    const small = createCatalogue(movies.slice(0, 9));
    // Eligible: indices with n ≥ 5 (not multiples of 3) outside the top picks [8, 7].
    const pool = discoverCandidates(small, [8, 7], new Set(), 1);
    expect(pool.slice(0, 2)).toEqual([8, 7]);
    expect(pool.slice(2).sort((a, b) => a - b)).toEqual([1, 2, 4, 5]);
  });
});

describe('sampleSeed', () => {
  it('stays the same within an hour and changes with the next', () => {
    const hour = DISCOVER_SLATE.reseedMs;
    expect(sampleSeed(7, 5 * hour)).toBe(sampleSeed(7, 5 * hour + hour - 1));
    expect(sampleSeed(7, 6 * hour)).toBe(sampleSeed(7, 5 * hour) + 1);
  });
});

describe('resumeDiscoverBandit', () => {
  // A small stand-in for the community prior (its fit is tested in tests/unit/discover.test.ts).
  const d = DISCOVER_SHAPE.context * DISCOVER_SHAPE.action + DISCOVER_SHAPE.linear;
  const prior = { center: new Float64Array(DISCOVER_SHAPE.context + DISCOVER_SHAPE.action), mean: Float64Array.from({ length: d }, (_, i) => (i % 7) / 10), variance: new Float64Array(d).fill(0.05) };

  it('starts a new user from the community prior, and resumes a saved one with the new strategy', () => {
    const fresh = resumeBandit(null, prior, { kind: 'epsilon-greedy', epsilon: 0.1 }, 5);
    expect(fresh.shape).toEqual(DISCOVER_SHAPE);
    expect(Array.from(fresh.mean)).toEqual(Array.from(prior.mean));
    expect(fresh.variance[0]).toBe(0.05);
    const resumed = resumeBandit(serializeBandit(fresh), prior, { kind: 'linucb', alpha: 1 }, 99);
    expect(resumed.strategy.kind).toBe('linucb');
    expect(Array.from(resumed.mean)).toEqual(Array.from(fresh.mean));
  });

  it('starts again from the prior, without throwing, for a state saved by the previous model or a damaged one', () => {
    const legacy = { format: 'recostream-bandit', version: 1, dim: 53, ridge: 4, aInv: [], b: [], theta: [], rng: 1, updates: 3, totalWeight: 3 };
    for (const saved of [legacy, { format: 'recostream-bandit', version: 2 }, 'junk']) {
      const s = resumeBandit(saved, prior, { kind: 'linucb', alpha: 0.3 }, 5);
      expect(s.updates).toBe(0);
      expect(Array.from(s.mean)).toEqual(Array.from(prior.mean));
    }
  });
});

describe('userSeed', () => {
  it('is a stable 32-bit FNV-1a hash of the user id', () => {
    expect(userSeed('')).toBe(2166136261);
    expect(userSeed('a')).toBe(0xe40c292c);
    expect(userSeed('ada')).toBe(userSeed('ada'));
    expect(userSeed('ada')).not.toBe(userSeed('bob'));
  });
});

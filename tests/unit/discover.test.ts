import { describe, expect, it } from 'vitest';
import { createBandit, deserializeBandit, learn, serializeBandit, jointDim } from '../../src/core/bandit';
import { DISCOVER_SPEC, discover, discoverPrior, randomProjection } from '../../src/core/engine/discover';
import { realData } from '../fixtures/real-data';
import { createRng } from '../../src/core/random';

const pool = Array.from({ length: 200 }, (_, i) => i * 40);
const now = new Date(Date.UTC(2026, 10, 1, 20));

describe('discover', () => {
  it('picks a reproducible slate with propensities and honest exploration tags', () => {
    const data = { catalogue: realData().catalogue, moods: null, projection: null };
    const make = () => {
      const s = createBandit({ dim: jointDim(DISCOVER_SPEC), strategy: { kind: 'epsilon-greedy', epsilon: 0.5 }, seed: 7 });
      // Some knowledge first, so that exploiting and exploring differ (a blank model has no favourite).
      for (const p of discover(s, data, pool, [], 10, now)) learn(s, p.log, p.movie.genres.includes('Comedy') ? 1 : 0);
      return s;
    };
    const a = discover(make(), data, pool, [], 10, now);
    const b = discover(make(), data, pool, [], 10, now);
    expect(a.map((p) => p.movie.id)).toEqual(b.map((p) => p.movie.id));
    expect(new Set(a.map((p) => p.movie.id)).size).toBe(10);
    for (const p of a) {
      expect(p.log.propensity).toBeGreaterThan(0);
      expect(p.log.propensity).toBeLessThanOrEqual(1);
      expect(p.log.features).toHaveLength(jointDim(DISCOVER_SPEC));
      expect(p.reasons.some((r) => r.kind === 'exploration')).toBe(p.exploratory);
    }
    // With ε = 0.5 over 10 slots some picks explore.
    expect(a.some((p) => p.exploratory)).toBe(true);
  });

  it('learns from rewards: a liked kind of movie rises in the next slates', () => {
    const data = { catalogue: realData().catalogue, moods: null, projection: null };
    const state = createBandit({ dim: jointDim(DISCOVER_SPEC), strategy: { kind: 'epsilon-greedy', epsilon: 0 }, seed: 1 });
    const isHorror = (id: number) => data.catalogue.movies[data.catalogue.indexOf.get(id)!]!.genres.includes('Horror');
    const before = discover(state, data, pool, [], 10, now).filter((p) => isHorror(p.movie.id)).length;
    for (let round = 0; round < 30; round++) {
      for (const p of discover(state, data, pool, [], 10, now)) learn(state, p.log, isHorror(p.movie.id) ? 1 : -1);
    }
    const restored = deserializeBandit(JSON.parse(JSON.stringify(serializeBandit(state))));
    const after = discover(restored, data, pool, [], 10, now).filter((p) => isHorror(p.movie.id)).length;
    expect(after).toBeGreaterThan(before);
    expect(after).toBeGreaterThanOrEqual(8);
  });
});

describe('randomProjection', () => {
  it('roughly keeps which vectors are close', () => {
    const rng = createRng(3);
    const dim = 64;
    const base = Array.from({ length: dim }, () => rng() - 0.5);
    const near = base.map((x) => x + (rng() - 0.5) * 0.05);
    const far = Array.from({ length: dim }, () => rng() - 0.5);
    const p = randomProjection(3, dim, (i) => [base, near, far][i]!, 8, createRng(5));
    const d = (i: number, j: number) => Math.hypot(...Array.from({ length: 8 }, (_, k) => p[i * 8 + k]! - p[j * 8 + k]!));
    expect(d(0, 1)).toBeLessThan(d(0, 2));
  });
});

describe('discoverPrior', () => {
  it('makes a new user’s first slate favour well-rated, popular films over obscure ones', () => {
    const data = { catalogue: realData().catalogue, moods: null, projection: null };
    const state = createBandit({ dim: jointDim(DISCOVER_SPEC), strategy: { kind: 'epsilon-greedy', epsilon: 0 }, seed: 3, priorMean: discoverPrior(), ridge: 4 });
    const picks = discover(state, data, pool, [], 10, now);
    const meanCount = picks.reduce((s, p) => s + p.movie.n, 0) / picks.length;
    const poolMean = pool.reduce((s, i) => s + data.catalogue.movies[i]!.n, 0) / pool.length;
    expect(meanCount).toBeGreaterThan(3 * poolMean);
  });
});

import { describe, expect, it } from 'vitest';
import { createBandit, deserializeBandit, learn, serializeBandit, jointDim, EXPLORATION_MESSAGE, type SerializedBandit } from '../../src/core/bandit';
import {
  DISCOVER_SHAPE,
  DISCOVER_SPEC,
  communityExamples,
  discover,
  discoverPrior,
  learnSaved,
  newDiscoverBandit,
  randomProjection,
  resumeDiscoverBandit,
} from '../../src/core/engine/discover';
import { realData } from '../fixtures/real-data';
import { parseExportFile } from '../../src/core/auth/export-file';
import { createRng } from '../../src/core/random';

const pool = Array.from({ length: 200 }, (_, i) => i * 40);
const now = new Date(Date.UTC(2026, 10, 1, 20));

describe('discover', () => {
  it('picks a reproducible slate with propensities and honest exploration tags', () => {
    const data = { catalogue: realData().catalogue, moods: null, projection: null };
    const make = () => {
      const s = createBandit({ shape: DISCOVER_SHAPE, strategy: { kind: 'epsilon-greedy', epsilon: 0.5 }, seed: 7 });
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
      expect(p.explanation.kind === 'explore').toBe(p.exploratory);
      if (p.exploratory) expect(p.explanation.text).toBe(EXPLORATION_MESSAGE);
    }
    // With ε = 0.5 over 10 slots some picks explore.
    expect(a.some((p) => p.exploratory)).toBe(true);
  });

  it('learns from rewards: a liked kind of movie rises in the next slates', () => {
    const data = { catalogue: realData().catalogue, moods: null, projection: null };
    const state = createBandit({ shape: DISCOVER_SHAPE, strategy: { kind: 'epsilon-greedy', epsilon: 0 }, seed: 1 });
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

describe('the community prior', () => {
  const data = () => ({ catalogue: realData().catalogue, moods: null, projection: null });

  it('is fitted reproducibly from the community ratings (seeded), and differs with the seed', () => {
    const ex = communityExamples(data(), realData().ratings, { seed: 5, users: 40, examplesPerUser: 10 });
    expect(ex.length).toBeGreaterThan(300);
    expect(ex[0]!.features).toHaveLength(jointDim(DISCOVER_SPEC));
    const a = discoverPrior(data(), realData().ratings, 5);
    const b = discoverPrior(data(), realData().ratings, 5);
    expect(Array.from(a.mean)).toEqual(Array.from(b.mean));
    expect(Array.from(a.variance)).toEqual(Array.from(b.variance));
    expect(Array.from(a.center)).toEqual(Array.from(b.center));
    expect(Array.from(discoverPrior(data(), realData().ratings, 6).mean)).not.toEqual(Array.from(a.mean));
  });

  it('makes a new user’s first slate favour what the community rates well, with reasons for the picks', () => {
    const prior = discoverPrior(data(), realData().ratings);
    const state = newDiscoverBandit(prior, { kind: 'epsilon-greedy', epsilon: 0 }, 3);
    const picks = discover(state, data(), pool, [], 10, now);
    const meanOf = (ids: number[]) => ids.reduce((s, id) => s + data().catalogue.movies[data().catalogue.indexOf.get(id)!]!.mean, 0) / ids.length;
    const poolMean = meanOf(pool.map((i) => data().catalogue.movies[i]!.id));
    expect(meanOf(picks.map((p) => p.movie.id))).toBeGreaterThan(poolMean + 0.2);
    for (const p of picks) expect(p.explanation.text.length).toBeGreaterThan(0);
  });
});

describe('existing users after the model change', () => {
  const data = () => ({ catalogue: realData().catalogue, moods: null, projection: null });
  // What version 1 stored (dense ridge regression over 53 joint features), abbreviated.
  const legacy = { format: 'recostream-bandit', version: 1, dim: 53, strategy: { kind: 'linucb', alpha: 1 }, ridge: 4, aInv: [], b: [], theta: [], rng: 9, updates: 12, totalWeight: 12 };

  it('an old saved state starts again from the prior, and Discover works', () => {
    const prior = discoverPrior(data(), realData().ratings);
    const { state, note } = resumeDiscoverBandit(legacy, prior, { kind: 'softmax', temperature: 0.05 }, 4);
    expect(note?.reason).toBe('legacy');
    expect(state.shape).toEqual(DISCOVER_SHAPE);
    expect(Array.from(state.mean)).toEqual(Array.from(prior.mean));
    expect(discover(state, data(), pool, [], 5, now)).toHaveLength(5);
  });

  it('learning from an old state or an old impression leaves the state as it is instead of failing', () => {
    const old = legacy as unknown as SerializedBandit;
    expect(learnSaved(old, { features: new Array(53).fill(0.1), propensity: 0.5 }, 1)).toBe(old);
    const current = serializeBandit(createBandit({ shape: DISCOVER_SHAPE, strategy: { kind: 'linucb', alpha: 1 } }));
    expect(learnSaved(current, { features: new Array(53).fill(0.1), propensity: 0.5 }, 1)).toBe(current);
    const learned = learnSaved(current, { features: new Array(jointDim(DISCOVER_SPEC)).fill(0.1), propensity: 1 }, 1);
    expect(learned.updates).toBe(1);
  });
});

describe('a Discover state in the data export', () => {
  it('survives export and import: the same model and the same next slate', () => {
    const data = { catalogue: realData().catalogue, moods: null, projection: null };
    const prior = discoverPrior(data, realData().ratings);
    const strategy = { kind: 'softmax' as const, temperature: 0.05 };
    const state = newDiscoverBandit(prior, strategy, 11);
    for (const p of discover(state, data, pool, [], 10, now)) learn(state, p.log, p.movie.genres.includes('Drama') ? 1 : -1);
    const file = {
      format: 'recostream-export',
      version: 1,
      exportedAt: '2026-12-02T00:00:00.000Z',
      profile: { username: 'Ada', createdAt: 1, avatar: 0 },
      feedback: [],
      impressions: [],
      settings: [],
      modelState: [{ model: 'bandit', version: 1, updatedAt: 2, state: { state: serializeBandit(state), pending: [] } }],
    };
    const text = JSON.stringify(file);
    // Small per user: 1,763 weights × (mean, variance) + the centring, well under 100 KB of JSON.
    expect(JSON.stringify(serializeBandit(state)).length).toBeLessThan(100_000);
    // The file has no feedback or impressions: no movie ids to check.
    const imported = parseExportFile(text, { movieIds: new Set<number>() }).modelState[0]!.state as { state: unknown };
    const { state: back, note } = resumeDiscoverBandit(imported.state, prior, strategy, 11);
    expect(note).toBeNull();
    expect(serializeBandit(back)).toEqual(serializeBandit(state));
    expect(discover(back, data, pool, [], 10, now).map((p) => p.movie.id)).toEqual(discover(state, data, pool, [], 10, now).map((p) => p.movie.id));
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
    const state = newDiscoverBandit(discoverPrior(data, realData().ratings), { kind: 'epsilon-greedy', epsilon: 0 }, 3);
    const picks = discover(state, data, pool, [], 10, now);
    const meanCount = picks.reduce((s, p) => s + p.movie.n, 0) / picks.length;
    const poolMean = pool.reduce((s, i) => s + data.catalogue.movies[i]!.n, 0) / pool.length;
    expect(meanCount).toBeGreaterThan(3 * poolMean);
  });
});

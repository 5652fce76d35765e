import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useAuthEnvs } from '../../tests/fixtures/auth/env';
import { learnFromImpression } from '../core/hybrid/learn';
import { priorWeights, type FeatureValues } from '../core/hybrid/weights';
import { LearningService } from './learning';

const newEnv = useAuthEnvs();
const x = (over: Partial<FeatureValues>): FeatureValues => ({ semantic: 0, genre: 0, mood: 0, cf: 0, quality: 0, fresh: 0, ...over });

async function setup() {
  const env = newEnv();
  const learning = new LearningService(env.db, env.auth, env.clock.now);
  const ada = await env.auth.signUp('Ada', 'plum tree valley');
  const bob = await env.auth.signUp('Bob', 'quiet harbour lights');
  return { ...env, learning, ada, bob };
}

describe('LearningService', () => {
  it('starts from the priors and learns from a like on a logged impression, skipping the items above', async () => {
    const { learning, ada } = await setup();
    expect(await learning.weights(ada)).toEqual(priorWeights());
    const shown = [
      { movieId: 10, position: 0, features: x({ semantic: 1 }) },
      { movieId: 11, position: 1, features: x({ genre: 1 }) },
    ];
    const [, second] = await learning.logImpressions(ada, shown, { surface: 'semantic', query: 'space' });
    const w = await learning.learn(ada, second!, 'like');
    // Same maths by hand: the first item was skipped, then the second was liked.
    const expected = learnFromImpression(learnFromImpression(priorWeights(), x({ semantic: 1 }), 'skipped'), x({ genre: 1 }), 'like');
    expect(w).toEqual(expected);
    expect(await learning.weights(ada)).toEqual(expected);
    expect((await learning.history(ada)).map((h) => h.w.genre)).toEqual([expected.w.genre]);
  });

  it('keeps profiles apart: one cannot learn from another’s impressions', async () => {
    const { learning, ada, bob } = await setup();
    const [id] = await learning.logImpressions(ada, [{ movieId: 1, position: 0, features: x({ cf: 1 }) }], { surface: 'home-row' });
    expect(await learning.learn(bob, id!, 'like')).toBeNull();
    expect(await learning.weights(bob)).toEqual(priorWeights());
  });

  it('resets to the priors', async () => {
    const { learning, ada } = await setup();
    const [id] = await learning.logImpressions(ada, [{ movieId: 1, position: 0, features: x({ mood: 1 }) }], { surface: 'semantic' });
    await learning.learn(ada, id!, 'dislike');
    expect((await learning.weights(ada)).w.mood).toBeLessThan(priorWeights().w.mood);
    await learning.reset(ada);
    expect(await learning.weights(ada)).toEqual(priorWeights());
    expect(await learning.history(ada)).toEqual([]);
  });
});

describe('impressions retention', () => {
  it('keeps the newest 5,000 per user or the last 90 days, whichever is more, and learning still works', { timeout: 120_000 }, async () => {
    const { ada, bob, db, auth } = await setup();
    const day = 24 * 60 * 60 * 1000;
    const base = Date.UTC(2024, 0, 1);
    let t = base;
    // The service's own clock runs over many days; the session's stays put (its token stays valid).
    const learning = new LearningService(db, auth, () => t);
    const adaId = (await auth.verify(ada)).userId;
    const list = (n: number) => Array.from({ length: n }, (_, i) => ({ movieId: 10 + i, position: i, features: x({ semantic: i / n }) }));
    // 400 days of use, 20 impressions a day: 8,000 rows, of which the last 90 days hold only 1,820.
    for (let d = 0; d < 400; d++) {
      t = base + d * day;
      await learning.logImpressions(ada, list(20), { surface: 'home-row' });
    }
    await learning.logImpressions(bob, list(20), { surface: 'home-row' });
    const now = t;
    const mine = () => db.impressions.where('userId').equals(adaId);
    // The 5,000 rule keeps more: the newest 5,000 (the rule runs every 200 rows logged, so up to 200 more wait).
    const kept = await mine().toArray();
    expect(kept.length).toBeGreaterThanOrEqual(5000);
    expect(kept.length).toBeLessThanOrEqual(5200);
    const newest = kept.map((i) => i.at).sort((p, q) => q - p);
    expect(newest[4999]).toBe(now - 249 * day);
    // A burst of 6,000 today: the 90-day rule keeps more (1,820 + 6,000), everything older goes.
    for (let k = 0; k < 300; k++) await learning.logImpressions(ada, list(20), { surface: 'semantic', query: `q${k}` });
    const after = await mine().toArray();
    expect(after.length).toBeGreaterThanOrEqual(1820 + 6000);
    expect(after.length).toBeLessThanOrEqual(1820 + 6000 + 200);
    expect(after.filter((i) => i.at >= now - 90 * day)).toHaveLength(1820 + 6000);
    // Bob's rows are untouched.
    expect(await db.impressions.where('userId').equals((await auth.verify(bob)).userId).count()).toBe(20);

    // Learning still works on what is kept: a like on a fresh impression moves the weights, skips counted.
    const before = await learning.weights(ada);
    const shown = [
      { movieId: 10, position: 0, features: x({ semantic: 1 }) },
      { movieId: 11, position: 1, features: x({ genre: 1 }) },
    ];
    t += 1;
    const [, second] = await learning.logImpressions(ada, shown, { surface: 'semantic', query: 'space' });
    const w = await learning.learn(ada, second!, 'like');
    expect(w).toEqual(learnFromImpression(learnFromImpression(before, x({ semantic: 1 }), 'skipped'), x({ genre: 1 }), 'like'));
    expect(await learning.weights(ada)).toEqual(w);
  });
});

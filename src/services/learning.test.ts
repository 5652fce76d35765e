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

/**
 * Ties the tuning scripts' fast re-ranker (scripts/eval/features.ts) to the real hybrid ranker:
 * for random weights, re-ranking the recorded feature matrix must give exactly the order
 * RecoEngine.search / topPicks (src/core/hybrid/rank.ts) give, so eval:hybrid tunes what the app runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { trainCf, type CfModel } from '../../src/core/cf/model';
import { RecoEngine } from '../../src/core/engine/engine';
import { HYBRID_FEATURES, priorWeights, type HybridWeights } from '../../src/core/hybrid/weights';
import { parseQuery } from '../../src/core/query/parse';
import { createRng } from '../../src/core/random';
import { realData } from '../../tests/fixtures/real-data';
import { featureMatrix, rankTop, topPicksMatrix } from './features';

let model: CfModel;
beforeAll(() => {
  model = trainCf(realData().ratings);
});

function randomWeights(seed: number): HybridWeights {
  const rng = createRng(seed);
  const w = priorWeights();
  for (const f of HYBRID_FEATURES) w.w[f] = rng() * 5;
  w.bias = rng() - 0.5;
  return w;
}

describe('scripts/eval/features re-ranker', () => {
  it('reproduces RecoEngine.search and topPicks exactly for random weights', () => {
    const { catalogue } = realData();
    const engine = new RecoEngine({ catalogue, moods: null }, model);
    const now = Date.UTC(2026, 10, 1);
    engine.setFeedback(
      [260, 1214, 2571, 1].map((movieId, k) => ({ movieId, kind: k === 3 ? ('dislike' as const) : ('like' as const), at: now - (4 - k) * 60_000 })),
      now,
    );
    const n = catalogue.movies.length;
    const count = catalogue.movies.map((m) => m.n);
    // A semantic score per movie (any fixed vector will do: the ranker normalises it).
    const rng = createRng(11);
    const sims = Float32Array.from({ length: n }, () => rng() * 2 - 1);
    const k = 30;
    for (const text of ['a funny family animation', 'dark thriller from the 90s, no horror', 'space adventure']) {
      const intent = parseQuery(text, { latestYear: catalogue.latestYear });
      for (const semantic of [null, sims]) {
        const m = featureMatrix(engine, intent, semantic, n);
        for (let seed = 1; seed <= 4; seed++) {
          const w = randomWeights(seed);
          const real = engine.search(intent, semantic, w, k).map((r) => r.index);
          expect(rankTop(m, w, k, count), `${text} / semantic ${semantic ? 'on' : 'off'} / seed ${seed}`).toEqual(real);
        }
      }
    }
    const picks = topPicksMatrix(engine, n);
    for (let seed = 5; seed <= 8; seed++) {
      const w = randomWeights(seed);
      expect(rankTop(picks, w, k, count)).toEqual(engine.topPicks(w, k).map((r) => r.index));
    }
  });
});

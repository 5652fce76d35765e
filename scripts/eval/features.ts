/**
 * The hybrid ranker's feature values for every catalogue item, taken from the app's own code path
 * (RecoEngine.search with all weights zero and k = catalogue size), and a fast re-ranker over them
 * that reproduces rankHybrid's order for any weights (score = bias + Σ w_f x_f, ties by rating
 * count, then catalogue order). Tuning re-ranks hundreds of times without recomputing features.
 */
import type { RecoEngine } from '../../src/core/engine/engine';
import type { QueryIntent } from '../../src/core/query/types';
import { HYBRID_FEATURES, type HybridFeature, type HybridWeights } from '../../src/core/hybrid/weights';
import { topIndices } from './metrics';

const F = HYBRID_FEATURES.length;

/** Features of all items for one (engine, query): `x[i * 6 + f]`; `ok[i]` false when filtered out. */
export interface FeatureMatrix {
  n: number;
  x: Float64Array;
  ok: Uint8Array;
}

/** Weights that switch every feature off (features do not depend on the weights). */
export const ZERO_WEIGHTS: HybridWeights = { version: 1, bias: 0, w: { semantic: 0, genre: 0, mood: 0, cf: 0, quality: 0, fresh: 0 }, updates: 0 };

/** Runs the engine's search once and records every item's features. */
export function featureMatrix(engine: RecoEngine, intent: QueryIntent, sims: Float32Array | null, n: number): FeatureMatrix {
  const x = new Float64Array(n * F);
  const ok = new Uint8Array(n);
  for (const r of engine.search(intent, sims, ZERO_WEIGHTS, n)) {
    ok[r.index] = 1;
    HYBRID_FEATURES.forEach((f, c) => (x[r.index * F + c] = r.features[f]));
  }
  return { n, x, ok };
}

/** The same for the query-less "Top picks" ranking (rated movies already excluded by the engine). */
export function topPicksMatrix(engine: RecoEngine, n: number): FeatureMatrix {
  const x = new Float64Array(n * F);
  const ok = new Uint8Array(n);
  for (const r of engine.topPicks(ZERO_WEIGHTS, n)) {
    ok[r.index] = 1;
    HYBRID_FEATURES.forEach((f, c) => (x[r.index * F + c] = r.features[f]));
  }
  return { n, x, ok };
}

/** Weights with only the named features kept (the rest zero). */
export function onlyFeatures(w: HybridWeights, keep: readonly HybridFeature[]): HybridWeights {
  const out = { ...w, w: { ...w.w } };
  for (const f of HYBRID_FEATURES) if (!keep.includes(f)) out.w[f] = 0;
  return out;
}

/** The linear score of every item (−Infinity when filtered out), summed in rankHybrid's order. */
export function scoreAll(m: FeatureMatrix, w: HybridWeights, out = new Float64Array(m.n)): Float64Array {
  const ws = HYBRID_FEATURES.map((f) => w.w[f]);
  for (let i = 0; i < m.n; i++) {
    if (!m.ok[i]) {
      out[i] = -Infinity;
      continue;
    }
    let z = w.bias;
    for (let c = 0; c < F; c++) z += ws[c]! * m.x[i * F + c]!;
    out[i] = z;
  }
  return out;
}

/** Top-k item indices under weights `w`, rankHybrid's tie rule (rating count `count`). */
export function rankTop(m: FeatureMatrix, w: HybridWeights, k: number, count: ArrayLike<number>, eligible?: (i: number) => boolean): number[] {
  const z = scoreAll(m, w);
  return topIndices(z, k, count, (i) => m.ok[i] === 1 && (!eligible || eligible(i)));
}

/**
 * 0-based positions of `targets` in the ranking under `w` restricted to `eligible` items: the
 * number of eligible items ordered before each (Infinity when the target is filtered out).
 */
export function positionsOf(m: FeatureMatrix, w: HybridWeights, targets: readonly number[], count: ArrayLike<number>, eligible: (i: number) => boolean): number[] {
  const z = scoreAll(m, w);
  return targets.map((t) => {
    if (!m.ok[t]) return Infinity;
    const zt = z[t]!;
    const ct = count[t]!;
    let before = 0;
    for (let i = 0; i < m.n; i++) {
      if (i === t || !m.ok[i] || !eligible(i)) continue;
      const zi = z[i]!;
      if (zi > zt || (zi === zt && (count[i]! > ct || (count[i] === ct && i < t)))) before++;
    }
    return before;
  });
}

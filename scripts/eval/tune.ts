/** Seeded coordinate search over hybrid weights on a grid (the evaluation scripts' tuner). */
import type { HybridFeature, HybridWeights } from '../../src/core/hybrid/weights';

/** Values tried for each tuned weight. */
export const WEIGHT_GRID = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4, 5] as const;

const copy = (w: HybridWeights): HybridWeights => ({ ...w, w: { ...w.w } });

/**
 * Coordinate ascent from `start`: for each feature in turn, try every grid value with the others
 * fixed and keep the best (a move needs a gain above `minGain`, so ties keep the current value);
 * repeats until a full pass changes nothing or `maxPasses` is reached. Deterministic.
 */
export function coordinateSearch(
  start: HybridWeights,
  features: readonly HybridFeature[],
  objective: (w: HybridWeights) => number,
  opts: { grid?: readonly number[]; maxPasses?: number; minGain?: number } = {},
): { weights: HybridWeights; value: number; evaluations: number; passes: number } {
  const grid = opts.grid ?? WEIGHT_GRID;
  let best = copy(start);
  let value = objective(best);
  let evaluations = 1;
  let passes = 0;
  for (let pass = 0; pass < (opts.maxPasses ?? 4); pass++) {
    passes++;
    let moved = false;
    for (const f of features) {
      for (const v of grid) {
        if (v === best.w[f]) continue;
        const w = copy(best);
        w.w[f] = v;
        const s = objective(w);
        evaluations++;
        if (s > value + (opts.minGain ?? 1e-6)) {
          best = w;
          value = s;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  return { weights: best, value, evaluations, passes };
}

/** Exhaustive search over a 2-D grid of two features (ties keep the first best in grid order from `start`). */
export function gridSearch2(
  start: HybridWeights,
  [a, b]: readonly [HybridFeature, HybridFeature],
  objective: (w: HybridWeights) => number,
  grid: readonly number[] = WEIGHT_GRID,
): { weights: HybridWeights; value: number; evaluations: number } {
  let best = copy(start);
  let value = objective(best);
  let evaluations = 1;
  for (const va of grid) {
    for (const vb of grid) {
      const w = copy(start);
      w.w[a] = va;
      w.w[b] = vb;
      const s = objective(w);
      evaluations++;
      if (s > value + 1e-6) {
        best = w;
        value = s;
      }
    }
  }
  return { weights: best, value, evaluations };
}

/**
 * Linear Thompson sampling slates (Agrawal & Goyal 2013; with a diagonal posterior as in Chapelle & Li
 * 2011): draw θ̃ ~ N(mean, scale²·diag(variance)) and rank candidates by their sampled scores. The chance that a candidate wins a slot has no closed
 * form, so it is estimated from `samples` draws (the first is the one that ranked the slate, so a
 * chosen candidate's propensity is ≥ 1/samples). Slots after the first use the marginal chance of
 * being best among the remaining candidates — an approximation of the conditional one.
 */
import { sampleScores } from '../model';
import { argmaxFree, type SlateInput, type SlateOutput } from './shared';

/** Sampled scores of `samples` posterior draws, row-major samples×M: row s holds θ̃ₛᵀx per candidate. */
function sampledScores(input: SlateInput, scale: number, samples: number): Float64Array {
  const { state, m, scores } = input;
  if (scale > 0) return sampleScores(state, input.scored, scale, samples, state.rng);
  const out = new Float64Array(samples * m);
  for (let s = 0; s < samples; s++) out.set(scores, s * m);
  return out;
}

/** Index of the best free candidate in row `s` of a samples×M matrix (ties → lowest index). */
function argmaxRow(all: Float64Array, s: number, m: number, placed: Uint8Array): number {
  let best = -1;
  let bestValue = -Infinity;
  const off = s * m;
  for (let i = 0; i < m; i++) {
    if (placed[i]) continue;
    const v = all[off + i]!;
    if (best < 0 || v > bestValue) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}

/** Slate ranked by one posterior draw; propensities estimated from `samples` draws. */
export function thompsonSlate(input: SlateInput, scale: number, samples: number): SlateOutput {
  const { m, slots } = input;
  const all = sampledScores(input, scale, samples);
  const ranked = all.slice(0, m);
  const placed = new Uint8Array(m);
  const order: number[] = [];
  const slotProbabilities: Float64Array[] = [];
  for (let k = 0; k < slots; k++) {
    const p = new Float64Array(m);
    for (let s = 0; s < samples; s++) p[argmaxRow(all, s, m, placed)]! += 1;
    for (let i = 0; i < m; i++) p[i]! /= samples;
    const pick = argmaxFree(ranked, placed);
    placed[pick] = 1;
    order.push(pick);
    slotProbabilities.push(p);
  }
  return { order, slotProbabilities, rankScores: ranked };
}

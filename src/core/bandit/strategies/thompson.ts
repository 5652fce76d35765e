/**
 * Linear Thompson sampling slates (Agrawal & Goyal 2013): draw θ̃ = θ + scale·L z with L Lᵀ = A⁻¹,
 * z ~ N(0, I), and rank candidates by θ̃ᵀx. The chance that a candidate wins a slot has no closed
 * form, so it is estimated from `samples` draws (the first is the one that ranked the slate, so a
 * chosen candidate's propensity is ≥ 1/samples). Slots after the first use the marginal chance of
 * being best among the remaining candidates — an approximation of the conditional one.
 */
import { choleskyLower } from '../linalg';
import { nextGaussian } from '../rng';
import { argmaxFree, type SlateInput, type SlateOutput } from './shared';

/** Lower Cholesky factor of A⁻¹, with growing diagonal jitter if rounding broke positive definiteness. */
export function posteriorFactor(aInv: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  if (choleskyLower(aInv, d, l)) return l;
  let trace = 0;
  for (let i = 0; i < d; i++) trace += aInv[i * d + i]!;
  const m = aInv.slice();
  for (let jitter = 1e-10 * (trace / d || 1); jitter < 1e6; jitter *= 10) {
    for (let i = 0; i < d; i++) m[i * d + i] = aInv[i * d + i]! + jitter;
    if (choleskyLower(m, d, l)) return l;
  }
  // Give up on the covariance: sampling collapses to the mean (greedy) rather than failing.
  return new Float64Array(d * d);
}

/** Sampled scores of `samples` posterior draws, row-major samples×M: row s holds θ̃ₛᵀx per candidate. */
function sampledScores(input: SlateInput, scale: number, samples: number): Float64Array {
  const { state, x, m, scores } = input;
  const d = state.dim;
  const out = new Float64Array(samples * m);
  if (scale === 0) {
    for (let s = 0; s < samples; s++) out.set(scores, s * m);
    return out;
  }
  const l = posteriorFactor(state.aInv, d);
  const z = new Float64Array(d);
  const delta = new Float64Array(d);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < d; i++) z[i] = nextGaussian(state.rng);
    for (let i = 0; i < d; i++) {
      let t = 0;
      const row = i * d;
      for (let j = 0; j <= i; j++) t += l[row + j]! * z[j]!;
      delta[i] = scale * t;
    }
    const so = s * m;
    for (let a = 0; a < m; a++) {
      let t = 0;
      const off = a * d;
      for (let j = 0; j < d; j++) t += x[off + j]! * delta[j]!;
      out[so + a] = scores[a]! + t;
    }
  }
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

/**
 * LinUCB slates (Li et al. 2010, one model shared across actions through their features): rank by
 * the optimistic estimate mean + α·sd of each candidate's score under the (diagonal) posterior and
 * take the top N. Deterministic, so each pick has propensity 1 (not usable for off-policy
 * estimates of other policies).
 */
import { deterministicSlate, type SlateInput, type SlateOutput } from './shared';

/** Upper confidence bound of every candidate. */
export function upperConfidence(input: SlateInput, alpha: number): Float64Array {
  const { m, scores, scored } = input;
  const ucb = new Float64Array(m);
  for (let i = 0; i < m; i++) ucb[i] = scores[i]! + (alpha === 0 ? 0 : alpha * Math.sqrt(Math.max(0, scored.variances[i]!)));
  return ucb;
}

/** Top-N slate by upper confidence bound. */
export function linUcbSlate(input: SlateInput, alpha: number): SlateOutput {
  return deterministicSlate(upperConfidence(input, alpha), input.m, input.slots);
}

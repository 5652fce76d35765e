/**
 * LinUCB slates (Li et al. 2010, "disjoint" model shared across actions through the joint features):
 * rank by the optimistic estimate θᵀx + α·√(xᵀA⁻¹x) and take the top N. Deterministic, so each
 * pick has propensity 1 (not usable for off-policy estimates of other policies).
 */
import { quadForm } from '../linalg';
import { deterministicSlate, type SlateInput, type SlateOutput } from './shared';

/** Upper confidence bound of every candidate. */
export function upperConfidence(input: SlateInput, alpha: number): Float64Array {
  const { m, x, scores, state } = input;
  const d = state.dim;
  const ucb = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const v = alpha === 0 ? 0 : quadForm(state.aInv, x, d, i * d);
    ucb[i] = scores[i]! + alpha * Math.sqrt(Math.max(0, v));
  }
  return ucb;
}

/** Top-N slate by upper confidence bound. */
export function linUcbSlate(input: SlateInput, alpha: number): SlateOutput {
  return deterministicSlate(upperConfidence(input, alpha), input.m, input.slots);
}

/**
 * ε-greedy slates: slot k takes the best remaining candidate with probability 1 − ε and a uniformly
 * random remaining one with probability ε, so with K remaining the greedy candidate has propensity
 * ε/K + (1 − ε) and every other one ε/K. ε = 0 is the pure greedy policy.
 */
import { nextInt, nextUniform } from '../rng';
import { argmaxFree, type SlateInput, type SlateOutput } from './shared';

/** Fills the slate by per-slot ε-greedy choices among the remaining candidates. */
export function epsilonGreedySlate(input: SlateInput, epsilon: number): SlateOutput {
  const { m, scores, slots, state } = input;
  const placed = new Uint8Array(m);
  const order: number[] = [];
  const slotProbabilities: Float64Array[] = [];
  for (let k = 0; k < slots; k++) {
    const remaining = m - k;
    const greedy = argmaxFree(scores, placed);
    const p = new Float64Array(m);
    for (let i = 0; i < m; i++) if (!placed[i]) p[i] = epsilon / remaining;
    p[greedy]! += 1 - epsilon;
    let pick = greedy;
    if (epsilon > 0 && nextUniform(state.rng) < epsilon) {
      // the r-th free candidate, uniformly
      let r = nextInt(state.rng, remaining);
      for (let i = 0; i < m; i++) {
        if (placed[i]) continue;
        if (r === 0) {
          pick = i;
          break;
        }
        r--;
      }
    }
    placed[pick] = 1;
    order.push(pick);
    slotProbabilities.push(p);
  }
  return { order, slotProbabilities, rankScores: scores };
}

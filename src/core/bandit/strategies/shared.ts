/** What every exploration strategy receives and returns, and the helpers they share. */
import type { Scored } from '../model';
import type { BanditState } from '../types';

/** Candidates scored by the model: posterior mean and variance of each score. */
export interface SlateInput {
  state: BanditState;
  scored: Scored;
  /** Number of candidates M. */
  m: number;
  /** Posterior mean score per candidate. */
  scores: Float64Array;
  /** Slots to fill (≤ M). */
  slots: number;
}

/** A strategy's slate: candidate indices in slot order and each slot's conditional distribution. */
export interface SlateOutput {
  order: number[];
  slotProbabilities: Float64Array[];
  rankScores: Float64Array;
}

/** Index of the largest value among candidates not yet placed (`placed[i] === 0`); ties → lowest index. */
export function argmaxFree(values: ArrayLike<number>, placed: Uint8Array): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < placed.length; i++) {
    if (placed[i]) continue;
    const v = values[i]!;
    if (best < 0 || v > bestValue) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}

/** The top `slots` indices by value, best first (ties → lowest index), as a deterministic slate. */
export function deterministicSlate(values: Float64Array, m: number, slots: number): SlateOutput {
  const placed = new Uint8Array(m);
  const order: number[] = [];
  const slotProbabilities: Float64Array[] = [];
  for (let k = 0; k < slots; k++) {
    const i = argmaxFree(values, placed);
    placed[i] = 1;
    order.push(i);
    const p = new Float64Array(m);
    p[i] = 1;
    slotProbabilities.push(p);
  }
  return { order, slotProbabilities, rankScores: values };
}

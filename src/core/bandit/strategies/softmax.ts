/**
 * Softmax (Boltzmann) slates: slot k samples a remaining candidate with probability
 * ∝ exp(score / temperature) — a Plackett–Luce ranking, so each slot's conditional distribution is
 * the softmax restricted to the candidates not placed yet.
 */
import { nextUniform } from '../rng';
import type { SlateInput, SlateOutput } from './shared';

/** Softmax of `scores / temperature` over the free candidates (placed ones get 0); max-shifted for stability. */
export function softmaxFree(scores: ArrayLike<number>, placed: Uint8Array, temperature: number): Float64Array {
  const m = placed.length;
  let max = -Infinity;
  for (let i = 0; i < m; i++) if (!placed[i] && scores[i]! > max) max = scores[i]!;
  const p = new Float64Array(m);
  let sum = 0;
  for (let i = 0; i < m; i++) {
    if (placed[i]) continue;
    const e = Math.exp((scores[i]! - max) / temperature);
    p[i] = e;
    sum += e;
  }
  for (let i = 0; i < m; i++) p[i]! /= sum;
  return p;
}

/** Fills the slate by sampling each slot from the softmax over the remaining candidates. */
export function softmaxSlate(input: SlateInput, temperature: number): SlateOutput {
  const { m, scores, slots, state } = input;
  const placed = new Uint8Array(m);
  const order: number[] = [];
  const slotProbabilities: Float64Array[] = [];
  for (let k = 0; k < slots; k++) {
    const p = softmaxFree(scores, placed, temperature);
    const u = nextUniform(state.rng);
    let pick = -1;
    let acc = 0;
    for (let i = 0; i < m; i++) {
      if (placed[i] || p[i] === 0) continue;
      pick = i; // last free candidate with mass absorbs rounding
      acc += p[i]!;
      if (u < acc) break;
    }
    placed[pick] = 1;
    order.push(pick);
    slotProbabilities.push(p);
  }
  return { order, slotProbabilities, rankScores: scores };
}

/** An honest exploration tag for the UI: was a pick made to learn, or because it scored best? */
import type { Decision } from './types';

/** What the UI shows next to an exploratory pick. */
export const EXPLORATION_MESSAGE = 'Something different we think you might like';

/** `exploit`: the best predicted remaining item; `explore`: chosen although `gap` more reward was predicted for another. */
export type ExplorationTag = { kind: 'exploit' } | { kind: 'explore'; gap: number; message: string };

/**
 * Tags the pick at `position`: exploratory when exploitation alone (highest predicted reward among
 * the candidates still free at that slot) would have chosen another action. Undefined position → exploit.
 */
export function explorationTag(decision: Decision, position: number): ExplorationTag {
  const pick = decision.picks[position];
  if (!pick || !pick.exploratory) return { kind: 'exploit' };
  let best = -Infinity;
  const taken = new Set(decision.picks.slice(0, position).map((p) => p.index));
  decision.scores.forEach((s, i) => {
    if (!taken.has(i) && s > best) best = s;
  });
  return { kind: 'explore', gap: best - decision.scores[pick.index]!, message: EXPLORATION_MESSAGE };
}

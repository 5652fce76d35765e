/**
 * The reward scale the bandit learns on. Symmetric ±1 for the two explicit judgements; a click
 * (opening the details) is interest without a verdict, half a like; an impression that got no
 * reaction is the neutral 0 — most shown items get none, often because they were not looked at
 * (below the fold, end of a row), so treating silence as a dislike would punish positions rather
 * than movies. With these values the learned score reads directly as "expected reaction".
 */

/** Reward per reaction to a shown item. */
export const REWARDS = {
  like: 1,
  click: 0.5,
  ignore: 0,
  dislike: -1,
} as const;

/** A reaction to a shown item ("ignore" = shown, no reaction before the row was left). */
export type Reaction = keyof typeof REWARDS;

/** The reward for a reaction. */
export function rewardFor(reaction: Reaction): number {
  return REWARDS[reaction];
}

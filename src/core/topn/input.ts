/**
 * How interactions become the top-N model's input, and the model's defaults. Chosen on validation
 * splits by `npm run bench:topn -- --tune` and reported on other splits (README, Measurements):
 *
 * Community (the model's X), "graded": a rating ≥ 3.5 is a full interaction (1), a lower one half
 * of one (0.5): a film someone watched and disliked still says something about what they watch,
 * but less. Against binary X (every rating 1, the classic EASE input) this raised recall@20 on all
 * three validation splits (e.g. +0.014 ± 0.004 on the random ≥ 4-star holdout).
 *
 * The app user (x, folded in, no retraining):
 * - like → +1: the same as a community rating ≥ 3.5.
 * - click → +0.25: opening a movie page is interest, less than a watched film (not measurable on
 *   MovieLens, which has no clicks: a stated choice).
 * - dislike → −0.5: EASE is linear, so a negative entry subtracts the disliked film's row of B
 *   from every score: the films it would have lifted (its usual co-watches) move down. This is the
 *   user's explicit "not this"; note that for community users a negative value for 1–2-star
 *   ratings did not predict their next ratings better than +0.5 (see README), so it is a product
 *   choice — a dislike must be felt — not a measured gain.
 * - The latest like/dislike on a movie wins; clicks count once, only for movies without a verdict.
 * - Recency: the n-th most recent interaction (n = 0, 1, …) is weighted
 *   floor + (1 − floor) · 0.5^(n / halfLife), halfLife 5, floor 0.5: the last few count up to twice
 *   as much as old ones. A stronger decay (floor 0.3 or less) won more on the temporal splits but
 *   lost on the random holdout; this setting gains on all three.
 */
import type { ItemFeedbackEvent } from '../shared/feedback';
import { BINARY, GRADED, type CommunityValue, type Interaction } from './ease';

/** The top-N model's settings. */
export interface TopNOptions {
  /** EASE L2 penalty. */
  lambda: number;
  /** How a community rating becomes an entry of X. */
  community: 'graded' | 'binary';
  /** Recency weighting of a user's interactions (position from the most recent). */
  recency: { halfLife: number; floor: number };
  /** Values of the app user's feedback in x. */
  feedback: { like: number; click: number; dislike: number };
}

export const TOPN_DEFAULTS: Readonly<TopNOptions> = Object.freeze({
  lambda: 100,
  community: 'graded',
  recency: Object.freeze({ halfLife: 5, floor: 0.5 }),
  feedback: Object.freeze({ like: 1, click: 0.25, dislike: -0.5 }),
});

/** The rating → X mapping named by `community`. */
export function communityValue(community: TopNOptions['community']): CommunityValue {
  return community === 'graded' ? GRADED : BINARY;
}

/** Weight of the interaction at `position` (0 = most recent). */
export function recencyWeight(position: number, recency: TopNOptions['recency']): number {
  if (!(recency.halfLife > 0)) return 1;
  return recency.floor + (1 - recency.floor) * Math.pow(0.5, position / recency.halfLife);
}

/** A timed interaction of a community user (benchmarks fold MovieLens users in with this). */
export interface TimedInteraction {
  item: number;
  value: number;
  /** Any increasing clock; ties are broken by item index (higher index = later). */
  at: number;
}

/** Applies recency weights by position from the most recent (ties: higher item index counts as later). */
export function withRecency(xs: readonly TimedInteraction[], recency: TopNOptions['recency']): Interaction[] {
  const order = [...xs].sort((a, b) => b.at - a.at || b.item - a.item);
  return order.map((r, n) => ({ item: r.item, value: r.value * recencyWeight(n, recency) }));
}

/** The app user's feedback events as the model's input x (see the header for the mapping). */
export function feedbackToInteractions(events: readonly ItemFeedbackEvent[], options: Pick<TopNOptions, 'recency' | 'feedback'> = TOPN_DEFAULTS): Interaction[] {
  const verdict = new Map<number, { kind: 'like' | 'dislike'; at: number }>();
  const clicked = new Map<number, number>();
  for (const e of events) {
    if (e.kind === 'click') {
      clicked.set(e.item, Math.max(clicked.get(e.item) ?? -Infinity, e.at));
      continue;
    }
    const prev = verdict.get(e.item);
    if (!prev || e.at >= prev.at) verdict.set(e.item, { kind: e.kind, at: e.at });
  }
  const timed: TimedInteraction[] = [];
  for (const [item, v] of verdict) timed.push({ item, at: v.at, value: v.kind === 'like' ? options.feedback.like : options.feedback.dislike });
  for (const [item, at] of clicked) if (!verdict.has(item)) timed.push({ item, at, value: options.feedback.click });
  return withRecency(timed, options.recency);
}

/**
 * The app user's feedback as CF ratings. The mapping, and why:
 * - like → 4.5: MovieLens users' ratings of 4 and above average ≈ 4.4, so a like sits where
 *   community "liked it" ratings sit, clearly above the global mean (≈ 3.5).
 * - dislike → 1.5: ratings of 2 and below average ≈ 1.6; symmetric distance below the mean.
 * - click → 4.0 with weight 0.25: opening a film is interest, not a verdict. It has to be above the
 *   global mean to push in the positive direction at all (3.5 would sit at the mean and, for any
 *   above-average film, give a negative residual, i.e. act as a weak dislike), and its low weight
 *   makes it count a quarter of an explicit rating in the bias, the similarities and the weighted
 *   neighbour averages.
 * The latest explicit verdict (like/dislike) on an item wins; clicks only count for items that
 * have no verdict, and several clicks count once.
 */
import type { ItemFeedbackEvent } from '../shared/feedback';
import type { WeightedRating } from './matrix';

export type { ItemFeedbackEvent };

/** Ratings and weights that each kind of feedback maps to. */
export interface FeedbackMapping {
  like: number;
  dislike: number;
  click: number;
  clickWeight: number;
}

/** The mapping justified in this file's header. */
export const DEFAULT_FEEDBACK_MAPPING: Readonly<FeedbackMapping> = Object.freeze({ like: 4.5, dislike: 1.5, click: 4, clickWeight: 0.25 });

/** Collapses feedback events into one weighted rating per item, sorted by item. */
export function feedbackToRatings(events: readonly ItemFeedbackEvent[], mapping: Partial<FeedbackMapping> = {}): WeightedRating[] {
  const map = { ...DEFAULT_FEEDBACK_MAPPING, ...mapping };
  const verdict = new Map<number, { kind: 'like' | 'dislike'; at: number }>();
  const clicked = new Set<number>();
  for (const e of events) {
    if (e.kind === 'click') {
      clicked.add(e.item);
      continue;
    }
    const prev = verdict.get(e.item);
    if (!prev || e.at >= prev.at) verdict.set(e.item, { kind: e.kind, at: e.at });
  }
  const out: WeightedRating[] = [];
  for (const [item, v] of verdict) out.push({ item, rating: v.kind === 'like' ? map.like : map.dislike });
  for (const item of clicked) if (!verdict.has(item)) out.push({ item, rating: map.click, weight: map.clickWeight });
  return out.sort((a, b) => a.item - b.item);
}

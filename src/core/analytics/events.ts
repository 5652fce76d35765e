/** The user's feedback events as the analytics and taste code read them (a subset of the stored record). */

import type { FeedbackEvent, FeedbackKind } from '../shared/feedback';

export type { FeedbackEvent, FeedbackKind };

/** The current opinion per movie: the latest like or dislike wins (clicks are not opinions). */
export function currentOpinions(events: readonly FeedbackEvent[]): Map<number, 'like' | 'dislike'> {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const out = new Map<number, 'like' | 'dislike'>();
  for (const e of sorted) if (e.kind === 'like' || e.kind === 'dislike') out.set(e.movieId, e.kind);
  return out;
}

/** Counts of each kind of event. */
export function countKinds(events: readonly FeedbackEvent[]): Record<FeedbackKind, number> {
  const out: Record<FeedbackKind, number> = { like: 0, dislike: 0, click: 0 };
  for (const e of events) out[e.kind]++;
  return out;
}

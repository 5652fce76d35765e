/**
 * How long logged impressions are kept: the newest `keepLast` of each user, or everything from the
 * last `keepDays` days, whichever keeps more. Impressions only matter while a reaction to them can
 * still arrive (learning, Discover's pending slate) and for recent history; without a limit the
 * table grows by 20 rows on every refresh of a row of picks. The rule is applied when the log
 * crosses a multiple of `pruneEvery` rows, so a user may briefly hold up to `pruneEvery` more.
 */
export interface RetentionPolicy {
  keepLast: number;
  keepDays: number;
  pruneEvery: number;
}

export const IMPRESSION_RETENTION: RetentionPolicy = { keepLast: 5000, keepDays: 90, pruneEvery: 200 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Impressions logged strictly before this time are outside the time window. */
export function windowStart(now: number, policy: RetentionPolicy = IMPRESSION_RETENTION): number {
  return now - policy.keepDays * DAY_MS;
}

/**
 * How many of a user's oldest impressions to delete: those outside the time window, but never so
 * many that fewer than `keepLast` remain. `total` is the user's count, `outside` how many of them
 * are older than `windowStart`.
 */
export function impressionsToDelete(total: number, outside: number, policy: RetentionPolicy = IMPRESSION_RETENTION): number {
  return Math.max(0, Math.min(outside, total - policy.keepLast));
}

/** Whether logging ids `first…last` (autoincrement) crosses a multiple of `pruneEvery`: time to apply the rule. */
export function pruneDue(first: number, last: number, policy: RetentionPolicy = IMPRESSION_RETENTION): boolean {
  return Math.floor(last / policy.pruneEvery) > Math.floor((first - 1) / policy.pruneEvery);
}

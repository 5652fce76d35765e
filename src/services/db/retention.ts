/** Applies the impressions retention rule (core/retention) to one user's rows; call inside the logging transaction. */
import { IMPRESSION_RETENTION, impressionsToDelete, pruneDue, windowStart, type RetentionPolicy } from '../../core/retention';
import type { RecoStreamDB } from './database';

/**
 * After logging impressions with ids `ids`, deletes the user's oldest ones outside the rule (when a
 * prune is due); returns how many went.
 */
export async function pruneImpressions(db: RecoStreamDB, userId: string, ids: readonly number[], now: number, policy: RetentionPolicy = IMPRESSION_RETENTION): Promise<number> {
  if (!ids.length || !pruneDue(Math.min(...ids), Math.max(...ids), policy)) return 0;
  const mine = db.impressions.where('[userId+at]');
  const start = windowStart(now, policy);
  const [total, outside] = await Promise.all([
    mine.between([userId, -Infinity], [userId, Infinity]).count(),
    mine.between([userId, -Infinity], [userId, start], true, false).count(),
  ]);
  const n = impressionsToDelete(total, outside, policy);
  if (n === 0) return 0;
  // Oldest first in the index: exactly the n oldest, all older than the window.
  const doomed = await mine.between([userId, -Infinity], [userId, start], true, false).limit(n).primaryKeys();
  await db.impressions.bulkDelete(doomed);
  return doomed.length;
}

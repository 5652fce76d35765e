/**
 * The feedback log: likes, dislikes and clicks, per user, in IndexedDB. Every write happens in a
 * transaction before the UI reflects it; reads are live (Dexie liveQuery) so other tabs stay in step.
 *
 * A movie has at most one current opinion (like or dislike): setting one replaces the other, and
 * clearing it removes it (a retracted like should not keep teaching the models). Clicks are kept as
 * a history of what was opened and where.
 */
import { liveQuery, type Observable } from 'dexie';
import { currentOpinions } from '../core/analytics/events';
import { UserScopedService, type Session } from './scoped';
import type { FeedbackRecord, FeedbackSurface } from './db/schema';

export type { FeedbackKind, FeedbackRecord, FeedbackSurface } from './db/schema';

export type Opinion = 'like' | 'dislike';

/** Where the event happened. */
export interface FeedbackContext {
  surface: FeedbackSurface;
  list?: string;
  query?: string;
  position?: number;
  impressionId?: number;
}


/** The user's current opinions, derived from their events (the latest like or dislike wins). */
export const opinionsOf = (events: readonly FeedbackRecord[]): Map<number, Opinion> => currentOpinions(events);

export class FeedbackService extends UserScopedService {

  /** Sets (or with null clears) the user's opinion of a movie, atomically; returns the new event id. */
  setOpinion(session: Session, movieId: number, opinion: Opinion | null, ctx: FeedbackContext): Promise<number | null> {
    return this.auth.withUser(session, (userId) =>
      this.db.transaction('rw', this.db.feedback, async () => {
        await this.db.feedback
          .where('[userId+movieId]')
          .equals([userId, movieId])
          .filter((e) => e.kind === 'like' || e.kind === 'dislike')
          .delete();
        if (!opinion) return null;
        return (await this.db.feedback.add({ userId, movieId, kind: opinion, at: this.now(), ...ctx })) as number;
      }),
    );
  }

  /** Logs that the user opened a movie. */
  logClick(session: Session, movieId: number, ctx: FeedbackContext): Promise<number> {
    return this.auth.withUser(session, async (userId) => (await this.db.feedback.add({ userId, movieId, kind: 'click', at: this.now(), ...ctx })) as number);
  }

  /** Removes one event of the user's (from the "My feedback" page). */
  remove(session: Session, id: number): Promise<boolean> {
    return this.auth.withUser(session, (userId) =>
      this.db.transaction('rw', this.db.feedback, async () => {
        const row = await this.db.feedback.get(id);
        if (!row || row.userId !== userId) return false;
        await this.db.feedback.delete(id);
        return true;
      }),
    );
  }

  /** All of the user's events, oldest first. */
  list(session: Session): Promise<FeedbackRecord[]> {
    return this.auth.withUser(session, (userId) => this.db.feedback.where('[userId+at]').between([userId, -Infinity], [userId, Infinity]).toArray());
  }

  /**
   * A live view of the user's events (updates on writes from this and other tabs). The session is
   * verified once when subscribing; the query is scoped to that user.
   */
  async live(session: Session): Promise<Observable<FeedbackRecord[]>> {
    const { userId } = await this.auth.verify(session);
    return liveQuery(() => this.db.feedback.where('[userId+at]').between([userId, -Infinity], [userId, Infinity]).toArray());
  }
}

/**
 * The feedback log: likes, dislikes and clicks, per user, in IndexedDB, encrypted (db/personal.ts).
 * Every write happens in a transaction before the UI reflects it; reads are live (Dexie liveQuery)
 * so other tabs stay in step.
 *
 * A movie has at most one current opinion (like or dislike): setting one replaces the other, and
 * clearing it removes it (a retracted like should not keep teaching the models). Clicks are kept as
 * a history of what was opened and where.
 */
import { currentOpinions } from '../core/analytics/events';
import type { FeedbackChange } from '../core/shared/feedback-log';
import type { LiveList } from './db/personal';
import { UserScopedService, type Session } from './scoped';
import type { FeedbackRecord, FeedbackSurface } from './db/schema';

export type { FeedbackKind, FeedbackRecord, FeedbackSurface } from './db/schema';
export type { FeedbackChange } from '../core/shared/feedback-log';

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

  /**
   * Sets (or with null clears) the user's opinion of a movie, atomically; returns the change to the
   * user's list (the ids of the events it replaced, the new event as a read returns it). `at` is
   * the event's time (now unless given: the page stamps it when shown optimistically).
   */
  setOpinion(session: Session, movieId: number, opinion: Opinion | null, ctx: FeedbackContext, at: number = this.now()): Promise<FeedbackChange<FeedbackRecord>> {
    return this.auth.withUser(session, (userId) => this.store.replaceOpinion(userId, movieId, opinion ? { movieId, kind: opinion, at, ...ctx } : null));
  }

  /** Logs that the user opened a movie; returns the change to the user's list (the new event). */
  logClick(session: Session, movieId: number, ctx: FeedbackContext): Promise<FeedbackChange<FeedbackRecord>> {
    return this.auth.withUser(session, (userId) => this.store.appendFeedback(userId, [{ movieId, kind: 'click', at: this.now(), ...ctx }]));
  }

  /** Removes one event of the user's (from the "My feedback" page). */
  remove(session: Session, id: number): Promise<boolean> {
    return this.auth.withUser(session, (userId) => this.store.deleteFeedback(userId, id));
  }

  /** All of the user's events, oldest first (every stored row read and its envelope checked). */
  list(session: Session): Promise<FeedbackRecord[]> {
    return this.auth.withUser(session, (userId) => this.store.listFeedback(userId));
  }

  /**
   * A live view of the user's events (updates on writes from this and other tabs), decrypted. The
   * session is verified once when subscribing; the query is scoped to that user. Each change reads
   * the ids and only the records not yet decrypted in this session (PersonalStore.liveFeedback).
   */
  async live(session: Session): Promise<LiveList<FeedbackRecord[]>> {
    const { userId } = await this.auth.verify(session);
    return this.store.liveFeedback(userId);
  }
}

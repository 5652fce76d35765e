/**
 * The signed-in user's feedback as rune state, and the actions that write it. Each action is the
 * whole path of a user's reaction, in order:
 *   1. show the new opinion at once (optimistic, busy until stored) and write the event to IndexedDB
 *      in a transaction; a failed write reverts the button, which says why and offers Retry,
 *   2. apply the write's change to the list held in memory (the events it replaced out, the new one
 *      in, in the store's order: core/shared/feedback-log) — nothing is read back or decrypted again,
 *   3. refold the events into collaborative filtering and publish the new rows (reco.feedbackChanged),
 *      while the models learn from it — the ranker's weights and the Discover bandit, when the
 *      reaction was to something they showed (an impression); new weights re-rank Top picks after.
 * Writes from other tabs arrive through the live query (ids only, then the records not yet in
 * memory) and take step 3 only; the echo of this tab's own write is the list it already has.
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { describeError } from '../core/auth/messages';
import type { HybridWeights } from '../core/hybrid/weights';
import { applyFeedbackChange, feedbackChange, isEmptyChange, opinionsFor } from '../core/shared/feedback-log';
import { feedbackService } from '../services/app';
import { opinionsOf, type FeedbackChange, type FeedbackContext, type FeedbackRecord, type Opinion } from '../services/feedback';
import { discoverState } from './discover.svelte';
import { reco } from './reco.svelte';
import { navigate } from './router.svelte';
import { session } from './session.svelte';

class FeedbackState {
  /** The user's events in the store's order (oldest first), kept in step with every write. */
  events = $state.raw<FeedbackRecord[]>([]);
  /**
   * The current opinion per movie. Updated per movie (a change touches one or two), so a like
   * re-renders the buttons of that movie only, not every card's.
   */
  readonly opinions = new SvelteMap<number, Opinion>();
  /** The last write error, for a status message. */
  error = $state<string | null>(null);
  /** Movie ids with a write in flight (buttons show it and ignore double clicks). */
  readonly pending = new SvelteSet<number>();
  /** Opinions shown before their write is stored, by movie (dropped once stored, or on failure). */
  readonly #optimistic = new SvelteMap<number, Opinion | null>();
  /** Opinions that could not be saved, by movie: the buttons show the reason and offer a retry. */
  readonly failed = new SvelteMap<number, { opinion: Opinion | null; ctx: FeedbackContext; message: string }>();
  #userId: string | null = null;
  #unsubscribe: (() => void) | null = null;
  /**
   * This tab's writes not yet seen by the live query: ids added that no emission has listed yet,
   * ids removed that an emission still listed. An emission read before such a write landed would
   * otherwise take it back for a moment; its echo (which always follows) confirms it.
   */
  readonly #unconfirmed = { added: new Set<number>(), removed: new Set<number>() };
  /** Opinions being written, by movie, as changes to the list (the new event with a temporary, negative id). */
  readonly #inFlight = new Map<number, FeedbackChange<FeedbackRecord>>();
  #tempId = 0;

  /**
   * Follows a profile's events (this and other tabs' writes); null stops. Resolves once the first
   * list has been read, with it. Called by state/app when the profile changes.
   */
  async follow(userId: string | null): Promise<FeedbackRecord[]> {
    this.#userId = userId;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#unconfirmed.added.clear();
    this.#unconfirmed.removed.clear();
    this.#inFlight.clear();
    this.#replace([]);
    this.error = null;
    if (!userId) return [];
    try {
      // The one full read: every row decrypted and checked; later changes are applied to it.
      const first = await session.guard((t) => feedbackService().list(t));
      if (this.#userId !== userId) return [];
      this.#replace(first);
      const live = await session.guard((t) => feedbackService().live(t));
      if (this.#userId !== userId) return first;
      const sub = live.subscribe({
        next: (rows) => {
          if (this.#userId !== userId) return;
          // Another tab's write (or a deletion made elsewhere); the echo of this tab's own write
          // lists what `events` already holds and changes nothing.
          if (this.#replace(this.#withUnconfirmed(rows))) void reco.feedbackChanged(this.#withInFlight());
        },
        error: (err: unknown) => {
          this.error = describeError(err);
        },
      });
      this.#unsubscribe = () => sub.unsubscribe();
      return first;
    } catch (err) {
      this.error = describeError(err);
      return [];
    }
  }

  /**
   * Makes `next` the list; updates the opinions of the movies whose events changed. Returns false
   * (and keeps the current array) when `next` holds the same events.
   */
  #replace(next: FeedbackRecord[]): boolean {
    const prev = this.events;
    const change = feedbackChange(prev, next);
    if (change && isEmptyChange(change)) return false;
    this.events = next;
    if (!change) {
      // Events without ids (never from the store): all opinions again.
      const all = opinionsOf(next);
      for (const id of this.opinions.keys()) if (!all.has(id)) this.opinions.delete(id);
      for (const [id, o] of all) if (this.opinions.get(id) !== o) this.opinions.set(id, o);
      return true;
    }
    this.#syncOpinions(prev, next, change);
    return true;
  }

  /**
   * A live emission with this tab's unconfirmed writes kept: an emission that lists an added id (or
   * no longer lists a removed one) confirms it; one read before the write landed gets it applied.
   */
  #withUnconfirmed(rows: FeedbackRecord[]): FeedbackRecord[] {
    const { added, removed } = this.#unconfirmed;
    if (!added.size && !removed.size) return rows;
    const ids = new Set(rows.map((e) => e.id));
    for (const id of added) if (ids.has(id)) added.delete(id);
    for (const id of removed) if (!ids.has(id)) removed.delete(id);
    if (!added.size && !removed.size) return rows;
    return applyFeedbackChange(rows, { removed: [...removed], added: this.events.filter((e) => e.id !== undefined && added.has(e.id)) });
  }

  /** Applies a write's change to the list in memory (the result equals a full read: see feedback-log). */
  #apply(change: FeedbackChange<FeedbackRecord>): FeedbackRecord[] {
    for (const e of change.added) if (e.id !== undefined) this.#unconfirmed.added.add(e.id);
    for (const id of change.removed) this.#unconfirmed.removed.add(id);
    const prev = this.events;
    const next = applyFeedbackChange(prev, change);
    this.events = next;
    this.#syncOpinions(prev, next, change);
    return next;
  }

  /** Updates the opinions of the movies a change touched (one pass over the list). */
  #syncOpinions(prev: readonly FeedbackRecord[], list: readonly FeedbackRecord[], change: FeedbackChange<FeedbackRecord>): void {
    const touched = change.added.map((e) => e.movieId);
    if (change.removed.length) {
      const gone = new Set(change.removed);
      // The removed events are no longer in `list`: their movies are found in the list before.
      for (const e of prev) if (e.id !== undefined && gone.has(e.id)) touched.push(e.movieId);
    }
    if (!touched.length) return;
    for (const [id, o] of opinionsFor(list, new Set(touched))) {
      if (o === null) this.opinions.delete(id);
      else if (this.opinions.get(id) !== o) this.opinions.set(id, o);
    }
  }

  /** The opinion the buttons show: the one being stored, else the stored one. */
  opinion(movieId: number): Opinion | null {
    if (this.#optimistic.has(movieId)) return this.#optimistic.get(movieId) ?? null;
    return this.opinions.get(movieId) ?? null;
  }

  /** Toggles like/dislike: the same button again clears it. Signed-out people are sent to sign in. */
  async toggle(movieId: number, opinion: Opinion, ctx: FeedbackContext): Promise<void> {
    if (session.status !== 'signed-in') {
      navigate({ name: 'profiles' });
      return;
    }
    if (this.pending.has(movieId)) return;
    await this.#set(movieId, this.opinion(movieId) === opinion ? null : opinion, ctx);
  }

  /** Tries again to save the opinion that failed for `movieId`. */
  async retry(movieId: number): Promise<void> {
    const f = this.failed.get(movieId);
    if (!f || this.pending.has(movieId)) return;
    await this.#set(movieId, f.opinion, f.ctx);
  }

  async #set(movieId: number, next: Opinion | null, ctx: FeedbackContext): Promise<void> {
    this.pending.add(movieId);
    // The button shows the new opinion in the next frame (busy until stored); a new attempt clears
    // the previous failure's message, which comes back if this one fails too.
    this.#optimistic.set(movieId, next);
    this.failed.delete(movieId);
    const user = this.#userId;
    // The rows are recomputed with the new opinion while it is written (the event it will replace
    // out, the new one in with a temporary id and the time it will be stored with); the stored
    // change then replaces it — the same events, so the rows stand — or, if the write fails, the
    // rows go back with the button.
    const at = Date.now();
    const replaced = this.events.filter((e) => e.movieId === movieId && e.kind !== 'click' && e.id !== undefined).map((e) => e.id!);
    this.#inFlight.set(movieId, { removed: replaced, added: next ? [{ id: --this.#tempId, userId: user ?? '', movieId, kind: next, at, surface: ctx.surface }] : [] });
    // The write starts first; the rows are computed beside it.
    const write = session.guard((t) => feedbackService().setOpinion(t, movieId, next, ctx, at));
    void reco.feedbackChanged(this.#withInFlight());
    try {
      const change = await write;
      this.error = null;
      this.#inFlight.delete(movieId);
      if (this.#userId !== user) return; // the profile changed meanwhile: its list was read afresh
      this.#apply(change);
    } catch (err) {
      this.#inFlight.delete(movieId);
      this.error = describeError(err);
      // Nothing is lost silently: the button reverts (below), says it was not saved and why, and can retry.
      this.failed.set(movieId, { opinion: next, ctx, message: this.error });
      if (this.#userId === user) void reco.feedbackChanged(this.#withInFlight());
      return;
    } finally {
      // Stored (or failed): the buttons follow the stored events again; the models catch up below.
      this.#optimistic.delete(movieId);
      this.pending.delete(movieId);
    }
    await this.#teach(next && ctx.impressionId !== undefined ? { impressionId: ctx.impressionId, outcome: next } : null);
  }

  /** The events the recommender folds in: the stored ones with the opinions being written applied. */
  #withInFlight(): FeedbackRecord[] {
    let list = this.events;
    for (const change of this.#inFlight.values()) list = applyFeedbackChange(list, change);
    return list;
  }

  /** Logs that a movie was opened (no-op when signed out); never blocks the navigation. */
  click(movieId: number, ctx: FeedbackContext): void {
    if (session.status !== 'signed-in') return;
    const user = this.#userId;
    session
      .guard((t) => feedbackService().logClick(t, movieId, ctx))
      .then((change) => {
        if (this.#userId !== user) return;
        this.#apply(change);
        return this.#teach(ctx.impressionId !== undefined ? { impressionId: ctx.impressionId, outcome: 'click' } : null);
      })
      .catch((err: unknown) => (this.error = describeError(err)));
  }

  /** Removes one event (from "My feedback"). */
  async remove(id: number): Promise<void> {
    const user = this.#userId;
    try {
      const removed = await session.guard((t) => feedbackService().remove(t, id));
      if (!removed || this.#userId !== user) return;
      this.#apply({ removed: [id], added: [] });
      await this.#teach(null);
    } catch (err) {
      this.error = describeError(err);
    }
  }

  /**
   * Step 3: refold and publish the rows at once; the ranker and the bandit learn from a reaction to
   * what they showed meanwhile, and the ranker's new weights re-rank Top picks when they arrive.
   */
  async #teach(reaction: { impressionId: number; outcome: 'like' | 'dislike' | 'click' } | null): Promise<void> {
    let learned: Promise<HybridWeights | undefined> | undefined;
    if (reaction) {
      learned = Promise.all([
        reco.learn(reaction.impressionId, reaction.outcome).catch((err: unknown) => {
          this.error = describeError(err);
          return undefined;
        }),
        discoverState.react(reaction.impressionId, reaction.outcome).catch((err: unknown) => {
          this.error = describeError(err);
        }),
      ]).then(([weights]) => weights);
    }
    await reco.feedbackChanged(this.#withInFlight(), learned);
  }
}

export const feedback = new FeedbackState();

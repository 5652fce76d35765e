/**
 * The signed-in user's feedback as rune state, and the actions that write it. Each action is the
 * whole path of a user's reaction, in order:
 *   1. show the new opinion at once (optimistic, busy until stored) and write the event to IndexedDB
 *      in a transaction; a failed write reverts the button, which says why and offers Retry,
 *   2. read the user's events back,
 *   3. teach the models: the ranker's weights and the Discover bandit, when the reaction was to
 *      something they showed (an impression),
 *   4. refold the events into collaborative filtering and publish the new rows (reco.feedbackChanged).
 * Writes from other tabs arrive through the live query and take step 4 only.
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { describeError } from '../core/auth/messages';
import type { HybridWeights } from '../core/hybrid/weights';
import { feedbackService } from '../services/app';
import { opinionsOf, type FeedbackContext, type FeedbackRecord, type Opinion } from '../services/feedback';
import { discoverState } from './discover.svelte';
import { reco } from './reco.svelte';
import { navigate } from './router.svelte';
import { session } from './session.svelte';

class FeedbackState {
  events = $state.raw<FeedbackRecord[]>([]);
  opinions = $derived(opinionsOf(this.events));
  /** The last write error, for a status message. */
  error = $state<string | null>(null);
  /** Movie ids with a write in flight (buttons show it and ignore double clicks). */
  readonly pending = new SvelteSet<number>();
  /** Opinions shown before their write is stored, by movie (dropped once read back, or on failure). */
  readonly #optimistic = new SvelteMap<number, Opinion | null>();
  /** Opinions that could not be saved, by movie: the buttons show the reason and offer a retry. */
  readonly failed = new SvelteMap<number, { opinion: Opinion | null; ctx: FeedbackContext; message: string }>();
  #userId: string | null = null;
  #unsubscribe: (() => void) | null = null;

  /**
   * Follows a profile's events (this and other tabs' writes); null stops. Resolves once the first
   * list has been read, with it. Called by state/app when the profile changes.
   */
  async follow(userId: string | null): Promise<FeedbackRecord[]> {
    this.#userId = userId;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.events = [];
    this.error = null;
    if (!userId) return [];
    try {
      const first = await session.guard((t) => feedbackService().list(t));
      if (this.#userId !== userId) return [];
      this.events = first;
      const live = await session.guard((t) => feedbackService().live(t));
      if (this.#userId !== userId) return first;
      const sub = live.subscribe({
        next: (rows) => {
          this.events = rows;
          // Another tab's write (or the echo of ours, which reco skips as unchanged).
          void reco.feedbackChanged(rows);
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
    let events: FeedbackRecord[];
    try {
      await session.guard((t) => feedbackService().setOpinion(t, movieId, next, ctx));
      this.error = null;
      events = await this.#readBack();
    } catch (err) {
      this.error = describeError(err);
      // Nothing is lost silently: the button reverts (below), says it was not saved and why, and can retry.
      this.failed.set(movieId, { opinion: next, ctx, message: this.error });
      return;
    } finally {
      // Stored and read back (or failed): the buttons follow the stored events again; the models catch up below.
      this.#optimistic.delete(movieId);
      this.pending.delete(movieId);
    }
    await this.#teach(events, next && ctx.impressionId !== undefined ? { impressionId: ctx.impressionId, outcome: next } : null);
  }

  /** Logs that a movie was opened (no-op when signed out); never blocks the navigation. */
  click(movieId: number, ctx: FeedbackContext): void {
    if (session.status !== 'signed-in') return;
    session
      .guard((t) => feedbackService().logClick(t, movieId, ctx))
      .then(() => this.#readBack())
      .then((events) => this.#teach(events, ctx.impressionId !== undefined ? { impressionId: ctx.impressionId, outcome: 'click' } : null))
      .catch((err: unknown) => (this.error = describeError(err)));
  }

  /** Removes one event (from "My feedback"). */
  async remove(id: number): Promise<void> {
    try {
      await session.guard((t) => feedbackService().remove(t, id));
      await this.#teach(await this.#readBack(), null);
    } catch (err) {
      this.error = describeError(err);
    }
  }

  /** Step 2: the user's events as stored (the buttons follow them). */
  async #readBack(): Promise<FeedbackRecord[]> {
    const events = await session.guard((t) => feedbackService().list(t));
    this.events = events;
    return events;
  }

  /** Steps 3–4: teach the ranker and the bandit from a reaction to what they showed, refold, publish rows. */
  async #teach(events: readonly FeedbackRecord[], reaction: { impressionId: number; outcome: 'like' | 'dislike' | 'click' } | null): Promise<void> {
    let weights: HybridWeights | undefined;
    if (reaction) {
      const [learned] = await Promise.all([
        reco.learn(reaction.impressionId, reaction.outcome).catch((err: unknown) => {
          this.error = describeError(err);
          return undefined;
        }),
        discoverState.react(reaction.impressionId, reaction.outcome).catch((err: unknown) => {
          this.error = describeError(err);
        }),
      ]);
      weights = learned;
    }
    await reco.feedbackChanged(events, weights);
  }
}

export const feedback = new FeedbackState();

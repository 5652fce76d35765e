/**
 * The signed-in user's feedback as rune state: a live view of their events (this and other tabs)
 * and the actions that write them. Writes are committed to IndexedDB before the UI changes.
 */
import { SvelteSet } from 'svelte/reactivity';
import { describeError } from '../core/auth/messages';
import { feedbackService, learningService } from '../services/app';
import { opinionsOf, type FeedbackContext, type FeedbackRecord, type Opinion } from '../services/feedback';
import { navigate } from './router.svelte';
import { session } from './session.svelte';

class FeedbackState {
  events = $state.raw<FeedbackRecord[]>([]);
  opinions = $derived(opinionsOf(this.events));
  /** The last write error, for a status message. */
  error = $state<string | null>(null);
  /** Movie ids with a write in flight (buttons show it and ignore double clicks). */
  readonly pending = new SvelteSet<number>();
  /** Bumped on every committed write, so models can react. */
  revision = $state(0);
  /** Bumped when the ranker's weights were updated from a reaction. */
  learned = $state(0);
  #userId: string | null = null;
  #listeners: ((impressionId: number, outcome: 'like' | 'dislike' | 'click') => void)[] = [];

  /** Registers a model that learns from reactions to what it showed (e.g. the Discover bandit). */
  onReaction(fn: (impressionId: number, outcome: 'like' | 'dislike' | 'click') => void): void {
    this.#listeners.push(fn);
  }
  #unsubscribe: (() => void) | null = null;

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const id = session.status === 'signed-in' ? (session.user?.id ?? null) : null;
        if (id !== this.#userId) void this.#follow(id);
      });
    });
  }

  async #follow(userId: string | null): Promise<void> {
    this.#userId = userId;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.events = [];
    if (!userId) return;
    try {
      const live = await session.guard((t) => feedbackService().live(t));
      if (this.#userId !== userId) return;
      const sub = live.subscribe({
        next: (rows) => {
          this.events = rows;
        },
        error: (err: unknown) => {
          this.error = describeError(err);
        },
      });
      this.#unsubscribe = () => sub.unsubscribe();
    } catch (err) {
      this.error = describeError(err);
    }
  }

  opinion(movieId: number): Opinion | null {
    return this.opinions.get(movieId) ?? null;
  }

  /** Toggles like/dislike: the same button again clears it. Signed-out people are sent to sign in. */
  async toggle(movieId: number, opinion: Opinion, ctx: FeedbackContext): Promise<void> {
    if (session.status !== 'signed-in') {
      navigate({ name: 'profiles' });
      return;
    }
    if (this.pending.has(movieId)) return;
    const next = this.opinion(movieId) === opinion ? null : opinion;
    this.pending.add(movieId);
    try {
      await session.guard((t) => feedbackService().setOpinion(t, movieId, next, ctx));
      this.error = null;
      this.revision++;
      if (next && ctx.impressionId !== undefined) this.#learn(ctx.impressionId, next);
    } catch (err) {
      this.error = describeError(err);
    } finally {
      this.pending.delete(movieId);
    }
  }

  /** Logs that a movie was opened (no-op when signed out). */
  click(movieId: number, ctx: FeedbackContext): void {
    if (session.status !== 'signed-in') return;
    session
      .guard((t) => feedbackService().logClick(t, movieId, ctx))
      .then(() => {
        this.revision++;
        if (ctx.impressionId !== undefined) this.#learn(ctx.impressionId, 'click');
      })
      .catch((err: unknown) => (this.error = describeError(err)));
  }

  /** Teaches the hybrid ranker from a reaction to something it showed. */
  #learn(impressionId: number, outcome: 'like' | 'dislike' | 'click'): void {
    for (const fn of this.#listeners) fn(impressionId, outcome);
    session
      .guard((t) => learningService().learn(t, impressionId, outcome))
      .then(() => this.learned++)
      .catch((err: unknown) => (this.error = describeError(err)));
  }

  /** Removes one event (from "My feedback"). */
  async remove(id: number): Promise<void> {
    try {
      await session.guard((t) => feedbackService().remove(t, id));
      this.revision++;
    } catch (err) {
      this.error = describeError(err);
    }
  }
}

export const feedback = new FeedbackState();

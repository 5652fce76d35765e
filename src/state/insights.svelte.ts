/**
 * The Insights page's state: the signed-in user's events (live, other tabs included), their
 * logged learning history, and what the insights worker computes from them — chart data and the
 * taste clusters. The page calls `open` for the current profile and `close` when it goes; it only
 * renders this state.
 */
import type { RewardPoint, WeightSnapshot } from '../core/analytics';
import { AuthError } from '../core/auth/errors';
import { describeError } from '../core/auth/messages';
import type { FeedbackEvent } from '../core/shared/feedback';
import { banditService, feedbackService, learningService } from '../services/app';
import { insightsClient, type InsightsAnalytics, type TasteResult } from '../services/insights-client';
import { session } from './session.svelte';

/** A sentence to show: auth errors as the session describes them, data errors by their own (safe) message. */
const message = (err: unknown): string => (err instanceof AuthError ? describeError(err) : err instanceof Error ? err.message : 'Something went wrong.');

class InsightsState {
  /** The events computed on: the user's, or none when signed out (community charts still show). */
  events = $state.raw<readonly FeedbackEvent[] | null>(null);
  analytics = $state.raw<InsightsAnalytics | null>(null);
  taste = $state.raw<TasteResult | null>(null);
  loadError = $state('');
  tasteError = $state('');
  #weights: readonly WeightSnapshot[] = [];
  #rewards: readonly RewardPoint[] = [];
  #stop: (() => void) | null = null;
  #compute: AbortController | null = null;

  /**
   * Starts computing for `userId` (null: signed out, community only): starts the worker's
   * downloads, reads the learning history, subscribes to the user's events and recomputes on
   * every change.
   */
  open(userId: string | null): void {
    this.close();
    const client = insightsClient();
    client.prepare();
    this.analytics = null;
    this.taste = null;
    this.loadError = '';
    this.tasteError = '';
    this.#weights = [];
    this.#rewards = [];
    if (!userId) {
      this.events = [];
      this.#recompute();
      return;
    }
    this.events = null;
    let stopped = false;
    let sub: { unsubscribe(): void } | undefined;
    this.#stop = () => {
      stopped = true;
      sub?.unsubscribe();
    };
    void (async () => {
      try {
        const [live, weights, rewards] = await Promise.all([
          session.guard((t) => feedbackService().live(t)),
          session.guard((t) => learningService().history(t)),
          session.guard((t) => banditService().history(t)),
        ]);
        if (stopped) return;
        // One snapshot per update, oldest first: its position is the update's number.
        this.#weights = weights.map((s, i) => ({ at: s.at, weights: { version: 1 as const, bias: s.bias, w: s.w, updates: i + 1 } }));
        this.#rewards = rewards;
        sub = live.subscribe({
          next: (rows) => {
            this.events = rows;
            this.#recompute();
          },
          error: (err: unknown) => (this.loadError = message(err)),
        });
      } catch (err) {
        if (!stopped) this.loadError = message(err);
      }
    })();
  }

  /** Stops following the events (the worker stops itself when idle). */
  close(): void {
    this.#stop?.();
    this.#stop = null;
    this.#compute?.abort();
    this.#compute = null;
  }

  /** Computes the charts, then the taste clusters, for the current events; a newer change supersedes. */
  #recompute(): void {
    const events = this.events;
    if (!events) return;
    this.#compute?.abort();
    const c = new AbortController();
    this.#compute = c;
    const client = insightsClient();
    client.analytics(events, { weights: this.#weights, rewards: this.#rewards }, c.signal).then(
      (a) => (this.analytics = a),
      (err: unknown) => !c.signal.aborted && (this.loadError = message(err)),
    );
    client.taste(events, c.signal).then(
      (t) => {
        this.taste = t;
        this.tasteError = '';
      },
      (err: unknown) => !c.signal.aborted && (this.tasteError = message(err)),
    );
  }
}

export const insights = new InsightsState();

/**
 * Recommendations as rune state: starts the recommendation worker once the catalogue and the
 * session are known, keeps it in step with the user's feedback, and holds the personal rows.
 */
import { describeError } from '../core/auth/messages';
import type { BecauseRow, FeedbackEvent } from '../core/engine/engine';
import type { RankedItem } from '../core/hybrid/rank';
import { priorWeights, type HybridWeights } from '../core/hybrid/weights';
import { learningService } from '../services/app';
import { recoClient, type TrainProgress } from '../services/reco-client';
import { catalogue } from './catalogue.svelte';
import { feedback } from './feedback.svelte';
import { session } from './session.svelte';

type Status = 'idle' | 'starting' | 'training' | 'ready' | 'error';

class RecoState {
  status = $state<Status>('idle');
  progress = $state<TrainProgress | null>(null);
  error = $state<string | null>(null);
  weights = $state.raw<HybridWeights>(priorWeights());
  topPicks = $state.raw<RankedItem[]>([]);
  because = $state.raw<BecauseRow[]>([]);
  personalised = $state(false);
  /** Milliseconds the worker took to refold the last feedback change. */
  lastUpdateMs = $state<number | null>(null);
  /** Bumped whenever the engine's view of the user changed (pages re-query). */
  version = $state(0);
  #startedFor: string | null | undefined = undefined;
  #syncing: Promise<void> = Promise.resolve();

  constructor() {
    $effect.root(() => {
      // (Re)start when the catalogue is ready and the signed-in profile changes.
      $effect(() => {
        if (catalogue.status !== 'ready' || session.status === 'loading') return;
        const user = session.status === 'signed-in' ? (session.user?.id ?? null) : null;
        if (user !== this.#startedFor) void this.#start(user);
      });
      // Refold on every feedback change (this tab or another).
      $effect(() => {
        const events = feedback.events;
        if (this.status === 'ready') this.#sync(events.map((e) => ({ movieId: e.movieId, kind: e.kind, at: e.at })));
      });
      // Reload the learned weights after each update.
      $effect(() => {
        void feedback.learned;
        if (session.status === 'signed-in') void this.#loadWeights();
      });
    });
  }

  async #start(user: string | null): Promise<void> {
    this.#startedFor = user;
    this.status = 'starting';
    this.error = null;
    try {
      const tokens = user ? await session.tokens().catch(() => null) : null;
      await recoClient.start(tokens, (p) => {
        this.progress = p;
        if (p.phase !== 'loading' && p.phase !== 'done') this.status = 'training';
      });
      await this.#loadWeights();
      // Becoming ready re-runs the feedback effect above, which folds the current events in.
      this.status = 'ready';
    } catch (err) {
      this.status = 'error';
      this.error = describeError(err);
    }
  }

  async #loadWeights(): Promise<void> {
    if (session.status !== 'signed-in') {
      this.weights = priorWeights();
      return;
    }
    try {
      this.weights = await session.guard((t) => learningService().weights(t));
    } catch {
      this.weights = priorWeights();
    }
  }

  #sync(events: FeedbackEvent[]): void {
    this.#syncing = this.#syncing.then(async () => {
      try {
        this.lastUpdateMs = await recoClient.setFeedback(events);
        const [picks, because] = await Promise.all([recoClient.topPicks(this.weights, 20), recoClient.becauseYouLiked(3, 20)]);
        this.topPicks = picks;
        this.because = because;
        this.personalised = events.length > 0;
        this.version++;
      } catch (err) {
        this.error = describeError(err);
      }
    });
  }

  /** Retrains the CF model with the user's feedback (progress shown), then refreshes. */
  async retrain(): Promise<void> {
    if (session.status !== 'signed-in') return;
    this.status = 'training';
    try {
      const events = feedback.events.map((e) => ({ movieId: e.movieId, kind: e.kind, at: e.at }));
      await session.guard((t) => recoClient.retrain(t, events, (p) => (this.progress = p)));
      this.status = 'ready'; // the feedback effect refolds on becoming ready
    } catch (err) {
      this.status = 'error';
      this.error = describeError(err);
    }
  }

  /**
   * Logs a ranked list as shown (signed-in users only) so reactions to it can teach the ranker;
   * returns the impression ids aligned with `items`, or null when nothing was logged.
   */
  async logShown(items: readonly RankedItem[], surface: 'home-row' | 'semantic' | 'search', query?: string): Promise<number[] | null> {
    if (session.status !== 'signed-in' || items.length === 0) return null;
    try {
      const shown = items.map((it, position) => ({ movieId: it.movie.id, position, features: it.features }));
      return await session.guard((t) => learningService().logImpressions(t, shown, query ? { surface, query } : { surface }));
    } catch {
      return null;
    }
  }

  /** Forgets the learned ranking weights. */
  async resetWeights(): Promise<void> {
    this.weights = await session.guard((t) => learningService().reset(t));
    this.version++;
  }
}

export const reco = new RecoState();

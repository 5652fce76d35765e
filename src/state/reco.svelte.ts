/**
 * Recommendations as rune state: the personal rows, the ranker's weights and the recommender's
 * status. Nothing here runs by itself: `start` is called when the profile changes (state/app),
 * and `feedbackChanged` by the feedback actions (state/feedback) — each is one readable path from
 * an event to new rows.
 */
import { describeError } from '../core/auth/messages';
import type { BecauseRow } from '../core/engine/engine';
import type { RankedItem } from '../core/hybrid/rank';
import { priorWeights, type HybridWeights } from '../core/hybrid/weights';
import type { FeedbackEvent } from '../core/shared/feedback';
import { learningService } from '../services/app';
import { recoClient, type HomeRows, type TrainProgress } from '../services/reco-client';
import { session } from './session.svelte';

type Status = 'idle' | 'starting' | 'training' | 'ready' | 'error';

/** Sizes of the personal rows on the home page. */
const ROWS = { picks: 20, rows: 3, perRow: 20 } as const;

/**
 * What every ranking depends on besides the query: the user's feedback and the ranker's weights.
 * Replaced (never mutated) whenever either changes, so a page whose ranking reads it re-ranks.
 */
export interface Taste {
  events: readonly FeedbackEvent[];
  weights: HybridWeights;
}

class RecoState {
  status = $state<Status>('idle');
  progress = $state<TrainProgress | null>(null);
  error = $state<string | null>(null);
  topPicks = $state.raw<RankedItem[]>([]);
  because = $state.raw<BecauseRow[]>([]);
  personalised = $state(false);
  /**
   * Whether the rows above are this profile's to show: true once published, which on a first
   * visit is before training ends (rows that need no model: see RecoClient `start`'s preview).
   */
  rowsReady = $state(false);
  /** The inputs of every personal ranking (see Taste). */
  taste = $state.raw<Taste>({ events: [], weights: priorWeights() });
  /**
   * The taste rankings are made with, once the recommender is ready (null before): a page that
   * shows a ranking reads it and asks again when it changes (a new object after every feedback
   * change, a restart or a weights reset).
   */
  readonly readyTaste = $derived<Taste | null>(this.status === 'ready' ? this.taste : null);
  /** Milliseconds the worker took to refold the last feedback change. */
  lastUpdateMs = $state<number | null>(null);
  #queue: Promise<unknown> = Promise.resolve();
  #folded = '';

  /** The ranker's current weights. */
  get weights(): HybridWeights {
    return this.taste.weights;
  }

  /** Runs `fn` after the work already queued (feedback changes apply in order). */
  #enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * (Re)starts the recommender for the signed-in profile (or none): starts the worker's engine
   * from a cached or freshly trained model, loads the user's weights, folds in `events` and
   * publishes the rows.
   */
  start(events: readonly FeedbackEvent[]): Promise<void> {
    return this.#enqueue(async () => {
      this.status = 'starting';
      this.rowsReady = false;
      this.error = null;
      this.#folded = '';
      try {
        // A refused session ends here like on any guarded call (then the recommender starts signed out).
        const tokens = session.status === 'signed-in' ? await session.guard(async (t) => t).catch(() => null) : null;
        const weights = await this.#loadWeights();
        await recoClient.start(
          tokens,
          (p) => {
            this.progress = p;
            if (p.phase !== 'loading' && p.phase !== 'done') this.status = 'training';
          },
          { weights, opts: ROWS, show: (rows) => this.#publish(rows) },
        );
        this.taste = { events, weights };
        await this.#refold(events);
        this.status = 'ready';
      } catch (err) {
        this.status = 'error';
        this.error = describeError(err);
      }
    });
  }

  /**
   * The user's feedback changed (a like here, or a write in another tab): refolds it into the CF
   * model and publishes the new rows. `weights`, when given, are the ranker's newly learned ones.
   */
  feedbackChanged(events: readonly FeedbackEvent[], weights?: HybridWeights): Promise<void> {
    return this.#enqueue(async () => {
      if (this.status !== 'ready') {
        this.taste = { events, weights: weights ?? this.taste.weights };
        return;
      }
      try {
        await this.#refold(events, weights);
      } catch (err) {
        this.error = describeError(err);
      }
    });
  }

  /** Folds the events in (skipped when unchanged) and republishes the rows and the taste. */
  async #refold(events: readonly FeedbackEvent[], weights = this.taste.weights): Promise<void> {
    const key = `${events.length}:${events.map((e) => `${e.movieId}${e.kind[0]}${e.at}`).join(',')}`;
    if (key !== this.#folded) this.lastUpdateMs = await recoClient.setFeedback(events);
    this.#folded = key;
    this.#publish(await recoClient.homeRows(weights, ROWS));
    this.taste = { events, weights };
  }

  /** Shows new rows; Top picks equal to the ones shown (e.g. a first visit's preview) are kept as they are. */
  #publish(rows: HomeRows): void {
    const same = (a: readonly RankedItem[], b: readonly RankedItem[]) => a.length === b.length && a.every((x, i) => x.movie.id === b[i]!.movie.id && x.score === b[i]!.score);
    if (!this.rowsReady || !same(this.topPicks, rows.topPicks)) this.topPicks = rows.topPicks;
    this.because = rows.because;
    this.personalised = rows.personalised;
    this.rowsReady = true;
  }

  async #loadWeights(): Promise<HybridWeights> {
    if (session.status !== 'signed-in') return priorWeights();
    try {
      return await session.guard((t) => learningService().weights(t));
    } catch {
      return priorWeights();
    }
  }

  /**
   * Teaches the ranker from a reaction to one of its logged impressions; resolves to the new
   * weights (the current ones when the impression was not the ranker's).
   */
  async learn(impressionId: number, outcome: 'like' | 'dislike' | 'click'): Promise<HybridWeights> {
    const w = await session.guard((t) => learningService().learn(t, impressionId, outcome));
    return w ?? this.taste.weights;
  }

  /** Retrains the CF model with the user's feedback (progress shown), then republishes the rows. */
  retrain(): Promise<void> {
    return this.#enqueue(async () => {
      if (session.status !== 'signed-in') return;
      this.status = 'training';
      try {
        const events = this.taste.events.map((e) => ({ movieId: e.movieId, kind: e.kind, at: e.at }));
        await session.guard((t) => recoClient.retrain(t, events, (p) => (this.progress = p)));
        this.#folded = '';
        await this.#refold(this.taste.events);
        this.status = 'ready';
      } catch (err) {
        this.status = 'error';
        this.error = describeError(err);
      }
    });
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

  /** Forgets the learned ranking weights and republishes the rows with the starting ones. */
  resetWeights(): Promise<void> {
    return this.#enqueue(async () => {
      const weights = await session.guard((t) => learningService().reset(t));
      if (this.status === 'ready') await this.#refold(this.taste.events, weights);
      else this.taste = { ...this.taste, weights };
    });
  }
}

export const reco = new RecoState();

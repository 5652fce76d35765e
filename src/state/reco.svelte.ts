/**
 * Recommendations as rune state: the personal rows, the ranker's weights and the recommender's
 * status. Nothing here runs by itself: `start` is called when the profile changes (state/app),
 * and `feedbackChanged` by the feedback actions (state/feedback) — each is one readable path from
 * an event to new rows.
 */
import { describeError } from '../core/auth/messages';
import { topPicksWithoutModels, type BecauseRow } from '../core/engine/engine';
import type { MovieIndexEntry } from '../core/catalogue/types';
import type { RankedItem } from '../core/hybrid/rank';
import { priorWeights, type HybridWeights } from '../core/hybrid/weights';
import type { FeedbackEvent } from '../core/shared/feedback';
import { learningService } from '../services/app';
import { afterPaint } from '../services/paint';
import { recoClient, type HomeRows, type TrainProgress } from '../services/reco-client';
import { catalogue } from './catalogue.svelte';
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

/** The page catalogue's entry for a movie the worker sent (equal data; one object per movie on the page). */
function canonicalMovie(m: MovieIndexEntry): MovieIndexEntry {
  const cat = catalogue.current;
  const i = cat?.indexOf.get(m.id);
  const own = i === undefined ? undefined : cat!.movies[i];
  return own?.id === m.id ? own : m;
}
const canonical = (items: readonly RankedItem[]): RankedItem[] => items.map((it) => ({ ...it, movie: canonicalMovie(it.movie) }));

/** Whether two weight vectors are equal (a learning step that changed nothing needs no re-rank). */
function sameWeights(a: HybridWeights, b: HybridWeights): boolean {
  if (a === b) return true;
  if (a.bias !== b.bias) return false;
  const ka = Object.keys(a.w) as (keyof HybridWeights['w'])[];
  return ka.length === Object.keys(b.w).length && ka.every((k) => a.w[k] === b.w[k]);
}

class RecoState {
  status = $state<Status>('idle');
  progress = $state<TrainProgress | null>(null);
  error = $state<string | null>(null);
  topPicks = $state.raw<RankedItem[]>([]);
  because = $state.raw<BecauseRow[]>([]);
  personalised = $state(false);
  /**
   * Whether the rows above are this profile's to show: true once published, which for a profile
   * without feedback is at once, before the worker has its models (see `start`).
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
  /** Counts `start` calls, so a late preview of an earlier start is not published. */
  #generation = 0;

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
      const generation = ++this.#generation;
      try {
        // A refused session ends here like on any guarded call (then the recommender starts signed out).
        const tokens = session.status === 'signed-in' ? await session.guard(async (t) => t).catch(() => null) : null;
        const weights = this.#loadWeights();
        // Without feedback to fold in, Top picks need no model (core/engine `topPicksWithoutModels`):
        // they are ranked here from the page's catalogue, after the frame in progress has painted,
        // while the worker loads its data and its models.
        void weights.then((w) => this.#preview(generation, events, w));
        await recoClient.start(tokens, (p) => {
          this.progress = p;
          if (p.phase !== 'loading' && p.phase !== 'done') this.status = 'training';
        });
        this.taste = { events, weights: await weights };
        await this.#refold(events, { force: true });
        this.status = 'ready';
      } catch (err) {
        this.status = 'error';
        this.error = describeError(err);
      }
    });
  }

  /**
   * The user's feedback changed (a like here, or a write in another tab): refolds it into the CF
   * model and publishes the new rows at once. `learned`, when given, resolves to the ranker's newly
   * learned weights (it learns while the rows are computed); Top picks are re-ranked with them
   * when they differ. The taste (which pages re-rank on) changes once, with both.
   */
  feedbackChanged(events: readonly FeedbackEvent[], learned?: Promise<HybridWeights | undefined>): Promise<void> {
    return this.#enqueue(async () => {
      if (this.status !== 'ready') {
        const weights = (learned && (await learned)) ?? this.taste.weights;
        this.taste = { events, weights };
        return;
      }
      try {
        await this.#refold(events, { learned });
      } catch (err) {
        this.error = describeError(err);
      }
    });
  }

  /**
   * Folds the events in and republishes the rows and the taste — only what changed: events the
   * worker already holds are not sent again, and the rows are recomputed only when the events
   * changed (or `force`). With `weights` the rows are ranked with them; with `learned`, Top picks
   * are re-ranked once they resolve (if they differ).
   */
  async #refold(events: readonly FeedbackEvent[], opts: { force?: boolean; weights?: HybridWeights; learned?: Promise<HybridWeights | undefined> } = {}): Promise<void> {
    let weights = opts.weights ?? this.taste.weights;
    // Rows are recomputed only for a change: the echo of a write already folded in costs nothing.
    const { ms, rows } = await recoClient.refold(events, { weights, sizes: ROWS, force: !!opts.force || weights !== this.taste.weights });
    if (ms !== null) this.lastUpdateMs = ms;
    if (rows) this.#publish(rows);
    const learned = opts.learned && (await opts.learned);
    if (learned && !sameWeights(learned, weights)) {
      this.#publish({ topPicks: await recoClient.topPicks(learned, ROWS.picks), because: this.because, personalised: this.personalised });
    }
    if (learned) weights = learned;
    if (rows || learned) this.taste = { events, weights };
  }

  /** Publishes the Top picks that need no model (none when `events` would personalise them). */
  async #preview(generation: number, events: readonly FeedbackEvent[], weights: HybridWeights): Promise<void> {
    await new Promise<void>((painted) => afterPaint(painted));
    const cat = catalogue.current;
    if (!cat) return;
    if (generation !== this.#generation || this.rowsReady || this.status === 'error') return;
    const topPicks = topPicksWithoutModels({ catalogue: cat, moods: null }, events, weights, ROWS.picks);
    if (topPicks) this.#publish({ topPicks, because: [], personalised: false });
  }

  /**
   * Shows new rows, keeping what did not change as the same objects — Top picks equal to the ones
   * shown (e.g. a first visit's preview) and each "Because you liked" row equal to the one shown —
   * so the page re-renders only the rows that changed; every movie is the page catalogue's own
   * entry, so a card whose movie stays in place is left as it is.
   */
  #publish(rows: HomeRows): void {
    const same = (a: readonly RankedItem[], b: readonly RankedItem[]) => a.length === b.length && a.every((x, i) => x.movie.id === b[i]!.movie.id && x.score === b[i]!.score);
    if (!this.rowsReady || !same(this.topPicks, rows.topPicks)) this.topPicks = canonical(rows.topPicks);
    const before = new Map(this.because.map((r) => [r.source.id, r]));
    const because = rows.because.map((r) => {
      const old = before.get(r.source.id);
      return old && same(old.items, r.items) ? old : { source: canonicalMovie(r.source), items: canonical(r.items) };
    });
    if (because.length !== this.because.length || because.some((r, i) => r !== this.because[i])) this.because = because;
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
        await this.#refold(this.taste.events, { force: true });
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
      if (this.status === 'ready') await this.#refold(this.taste.events, { weights, force: true });
      else this.taste = { ...this.taste, weights };
    });
  }
}

export const reco = new RecoState();

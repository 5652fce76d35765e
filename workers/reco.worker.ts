/**
 * The recommendation worker: loads the catalogue, ratings and mood profiles (src/services/data),
 * trains (or receives cached) models — the rating model (CF KNN) and the top-N ranking model (EASE),
 * see src/core/engine/models — and answers ranking calls with a RecoEngine. Wiring only:
 * every ranking decision is in src/core (engine, engine/discover-slate, bandit). Errors leave with
 * stable codes (NOT_STARTED, DATA_*) through withWireErrors.
 */
import * as Comlink from 'comlink';
import { createCatalogue, type Catalogue } from '../src/core/catalogue/catalogue';
import { widenRatings } from '../src/core/catalogue/extended';
import type { RatingsCOO } from '../src/core/catalogue/types';
import { serializeBandit, type BanditPrior, type ImpressionLog, type SerializedBandit, type StrategyConfig } from '../src/core/bandit';
import { discover, discoverPrior, learnSaved, resumeDiscoverBandit, type DiscoverPick } from '../src/core/engine/discover';
import { DISCOVER_SLATE, discoverCandidates, sampleSeed } from '../src/core/engine/discover-slate';
import { RecoEngine, type BecauseRow } from '../src/core/engine/engine';
import { assertRecoModels, RECO_MODELS_KEY, trainRecoModels, type RecoModels } from '../src/core/engine/models';
import type { RankedItem } from '../src/core/hybrid/rank';
import type { HybridWeights } from '../src/core/hybrid/weights';
import type { QueryIntent } from '../src/core/query/types';
import type { FeedbackEvent } from '../src/core/shared/feedback';
import { applyFeedbackChange, type FeedbackChange, type StoredFeedbackEvent } from '../src/core/shared/feedback-log';
import type { ContentData } from '../src/core/content/limits';
import type { RankNotes } from '../src/core/hybrid/rank';
import { loadCatalogueIndex, loadContent, loadMoods, loadRatings, ratingsFingerprint, setDataBaseUrl } from '../src/services/data';
import { withWireErrors } from '../src/services/bridge/wire';

export interface TrainProgress {
  phase: 'loading' | 'baselines' | 'neighbours' | 'ranking' | 'done';
  fraction: number;
}

/** The personal rows of the home page, computed in one round trip. */
export interface HomeRows {
  topPicks: RankedItem[];
  because: BecauseRow[];
  personalised: boolean;
}

/** Thrown by ranking calls made before `start` (e.g. after the worker was restarted). */
export class RecoWorkerError extends Error {
  override readonly name = 'RecoWorkerError';
  constructor(
    readonly code: 'NOT_STARTED',
    message: string,
  ) {
    super(message);
  }
}

interface Loaded {
  catalogue: Catalogue;
  ratings: RatingsCOO;
  moods: Float32Array | null;
  /** Content levels and topics; null when the build has none (search then ignores limits and topics). */
  content: ContentData | null;
  key: string;
}

let loaded: Promise<Loaded> | undefined;
let engine: RecoEngine | null = null;
let data: Loaded | null = null;
let lastEvents: StoredFeedbackEvent[] = [];
/** Which of the page's lists `lastEvents` is (see RecoClient.setFeedback); 0: none yet. */
let eventsVersion = 0;
/** Discover's new-user prior, fitted once per data load on the community ratings (seeded: the same everywhere). */
let prior: { of: Loaded; prior: BanditPrior } | null = null;

function load(): Promise<Loaded> {
  loaded ??= (async () => {
    const movies = await loadCatalogueIndex();
    const [ratings, moods, content, fp] = await Promise.all([loadRatings(), loadMoods(movies.length), loadContent(movies.length), ratingsFingerprint()]);
    // An extended build appends content-only entries after the rated movies: the models span them, unrated.
    return { catalogue: createCatalogue(movies), ratings: widenRatings(ratings, movies.length), moods, content, key: `${RECO_MODELS_KEY}-${fp}-n${movies.length}` };
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

/** Whether two lists fold in alike: the same movies, kinds and times in the same order (ids aside). */
function sameFolded(a: readonly FeedbackEvent[], b: readonly FeedbackEvent[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.movieId !== y.movieId || x.kind !== y.kind || x.at !== y.at) return false;
  }
  return true;
}

function need(): RecoEngine {
  if (!engine) throw new RecoWorkerError('NOT_STARTED', 'The recommendation engine is not started yet.');
  return engine;
}

const api = {
  /** Tells the worker where the data files are (the page's `dataBaseUrl()`). */
  configure(opts: { dataBase: string }): void {
    setDataBaseUrl(opts.dataBase);
  },

  /** The cache key a stored model must carry to be reused. */
  async modelKey(): Promise<string> {
    return (await load()).key;
  },

  /**
   * Starts the engine from a cached model when it is valid, else trains one (with the user's
   * feedback as an extra user when given). Returns the newly trained model for the caller to cache.
   */
  async start(cached: { key: string; model: unknown } | null, events: FeedbackEvent[], onProgress?: (p: TrainProgress) => void): Promise<{ trained: RecoModels | null; key: string }> {
    onProgress?.({ phase: 'loading', fraction: 0 });
    const d = await load();
    let models: RecoModels | null = null;
    if (cached && cached.key === d.key) {
      try {
        assertRecoModels(cached.model, d.catalogue.movies.length);
        models = cached.model;
      } catch {
        models = null; // stale or damaged cache: retrain below
      }
    }
    let trained: RecoModels | null = null;
    if (!models) {
      const items = events.flatMap((e) => {
        const item = d.catalogue.indexOf.get(e.movieId);
        return item === undefined ? [] : [{ item, kind: e.kind, at: e.at }];
      });
      models = trainRecoModels(d.ratings, items, (phase, fraction) => onProgress?.({ phase, fraction }));
      trained = models;
    }
    data = d;
    engine = new RecoEngine({ catalogue: d.catalogue, moods: d.moods, content: d.content }, models.cf, models.ranking);
    engine.setFeedback(lastEvents, Date.now());
    onProgress?.({ phase: 'done', fraction: 1 });
    // Copied, not transferred: the engine above keeps using these arrays.
    return { trained, key: d.key };
  },

  /** Whether the engine is running (false after a restart until `start`). */
  started(): boolean {
    return engine !== null;
  },

  /** Refolds the user's feedback (no retraining); returns the time it took in ms. */
  setFeedback(events: StoredFeedbackEvent[], now: number, version = 0): number {
    const t0 = performance.now();
    lastEvents = events;
    eventsVersion = version;
    engine?.setFeedback(events, now); // before start: kept, folded in by start
    return performance.now() - t0;
  },

  /**
   * Applies a change to the events held (list `base`), making them list `version`, and refolds.
   * Returns the time it took in ms and whether the folded events are the same as before (only ids
   * changed: an optimistic event replaced by the stored one — then nothing is refolded and the rows
   * stand); or null, changing nothing, when the worker does not hold list `base` (restarted, or a
   * send was lost) or the result is not `length` long: then the page sends the whole list.
   */
  applyFeedback(base: number, version: number, change: FeedbackChange, length: number, now: number): { ms: number; same: boolean } | null {
    const t0 = performance.now();
    if (base === 0 || base !== eventsVersion) return null;
    const next = applyFeedbackChange(lastEvents, change);
    if (next.length !== length) return null;
    const same = sameFolded(lastEvents, next);
    lastEvents = next;
    eventsVersion = version;
    if (!same) engine?.setFeedback(next, now);
    return { ms: performance.now() - t0, same };
  },

  /** The events the engine folds in, as the worker holds them (for checks: the page's list, by changes). */
  heldEvents(): StoredFeedbackEvent[] {
    return lastEvents;
  },

  /** Top picks and "Because you liked" rows for the current feedback. */
  homeRows(weights: HybridWeights, opts: { picks: number; rows: number; perRow: number }): HomeRows {
    const e = need();
    return { topPicks: e.topPicks(weights, opts.picks), because: e.becauseYouLiked(opts.rows, opts.perRow), personalised: e.personalised };
  },
  topPicks(weights: HybridWeights, k: number): RankedItem[] {
    return need().topPicks(weights, k);
  },
  becauseYouLiked(rows: number, k: number): BecauseRow[] {
    return need().becauseYouLiked(rows, k);
  },
  moreLikeThis(movieId: number, k: number) {
    return need().moreLikeThis(movieId, k);
  },
  search(intent: QueryIntent, semantic: Float32Array | null, weights: HybridWeights, k: number): RankedItem[] {
    return need().search(intent, semantic, weights, k);
  },
  /** A search with notes on relaxed constraints, and the compute time in ms (for the benchmark). */
  searchPage(intent: QueryIntent, semantic: Float32Array | null, weights: HybridWeights, k: number): { items: RankedItem[]; notes: RankNotes; ms: number } {
    const t0 = performance.now();
    const answer = need().searchPage(intent, semantic, weights, k);
    return { ...answer, ms: performance.now() - t0 };
  },

  /** Chooses a Discover slate (see core/engine/discover-slate) and returns it with the bandit's new state. */
  discover(
    saved: SerializedBandit | null,
    strategy: StrategyConfig,
    seed: number,
    slots: number,
    weights: HybridWeights,
    now: number,
  ): { picks: DiscoverPick[]; state: SerializedBandit; damaged: boolean } {
    const e = need();
    const d = data!;
    const dd = { catalogue: d.catalogue, moods: d.moods, projection: null };
    if (prior?.of !== d) prior = { of: d, prior: discoverPrior(dd, d.ratings) };
    const { state, note } = resumeDiscoverBandit(saved, prior.prior, strategy, seed);
    const pool = discoverCandidates(d.catalogue, e.topPicks(weights, DISCOVER_SLATE.topPicks).map((r) => r.index), e.rated(), sampleSeed(seed, now));
    const picks = discover(state, dd, pool, lastEvents, slots, new Date(now));
    return { picks, state: serializeBandit(state), damaged: note?.reason === 'invalid' };
  },

  /** One bandit update from a logged impression and its reward; returns the new state (unchanged for an older shape). */
  banditLearn(saved: SerializedBandit, log: Pick<ImpressionLog, 'features' | 'propensity'>, reward: number): SerializedBandit {
    return learnSaved(saved, log, reward);
  },

  personalised(): boolean {
    return engine?.personalised ?? false;
  },
};

export type RecoWorkerApi = typeof api;
Comlink.expose(withWireErrors(api));

/**
 * The recommendation worker: loads the catalogue, ratings and mood profiles (src/services/data),
 * trains or reads from its cache the community models — the rating model (CF KNN) and the top-N
 * ranking model (EASE), see src/core/engine/models; or receives the user's own retrained pair — and answers ranking calls with a RecoEngine. Wiring only:
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
import { assertRecoModels, decodeRecoModels, encodeRecoModels, RECO_MODELS_KEY, trainRecoModels, type RecoModels } from '../src/core/engine/models';
import type { RankedItem } from '../src/core/hybrid/rank';
import type { HybridWeights } from '../src/core/hybrid/weights';
import type { QueryIntent } from '../src/core/query/types';
import type { FeedbackEvent } from '../src/core/shared/feedback';
import { applyFeedbackChange, type FeedbackChange, type StoredFeedbackEvent } from '../src/core/shared/feedback-log';
import type { ContentData } from '../src/core/content/limits';
import type { RankNotes } from '../src/core/hybrid/rank';
import { dataBaseUrl, loadCatalogueIndex, loadContent, loadMoods, loadRatings, ratingsFingerprint, setDataBaseUrl } from '../src/services/data';
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

/** The home rows to rank: sizes, with the ranker's weights; `force` ranks them even when the feedback did not change. */
export interface RowsRequest {
  weights: HybridWeights;
  sizes: { picks: number; rows: number; perRow: number };
  force?: boolean;
}

/** The feedback for `refold`: the whole list, or a change to list `base`; either becomes list `version`. */
export type FeedbackUpdate = { version: number } & ({ events: StoredFeedbackEvent[] } | { base: number; change: FeedbackChange; length: number });

function homeRowsOf(e: RecoEngine, { weights, sizes }: RowsRequest): HomeRows {
  return { topPicks: e.topPicks(weights, sizes.picks), because: e.becauseYouLiked(sizes.rows, sizes.perRow), personalised: e.personalised };
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
/** The models `engine` runs on. */
let engineModels: RecoModels | null = null;
/** The community pair for the loaded data, once read from the cache or trained (reused on every start). */
let community: { of: Loaded; models: RecoModels } | null = null;
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

/** Where `start` got the engine's models: the user's own pair, or the community pair from memory, the cache or training. */
export type ModelSource = 'own' | 'memory' | 'cache' | 'trained';

/** The Cache Storage cache holding the community model pair (one entry: the current data's). */
const COMMUNITY_CACHE = 'recostream-community-model';

/** The cache entry's URL: under the data folder, named by the model key (models, layout and ratings fingerprint). */
function communityUrl(d: Loaded): string {
  return new URL(`community-model/${encodeURIComponent(d.key)}.bin`, dataBaseUrl()).href;
}

/** The cached community pair for `d`, or null (no Cache Storage, none cached, damaged or stale: then it is trained). */
async function readCommunity(d: Loaded): Promise<RecoModels | null> {
  if (typeof caches === 'undefined') return null;
  try {
    const res = await (await caches.open(COMMUNITY_CACHE)).match(communityUrl(d));
    return res ? decodeRecoModels(new Uint8Array(await res.arrayBuffer()), d.catalogue.movies.length) : null;
  } catch {
    return null;
  }
}

/** Caches the community pair for the next visits, replacing any other data version's; a failure (quota, private mode) only means training again. */
async function writeCommunity(d: Loaded, models: RecoModels): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    const cache = await caches.open(COMMUNITY_CACHE);
    const url = communityUrl(d);
    for (const req of await cache.keys()) if (req.url !== url) await cache.delete(req);
    const bytes = encodeRecoModels(models);
    await cache.put(url, new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { 'Content-Type': 'application/octet-stream' } }));
  } catch (err) {
    console.warn('Could not cache the community model', err);
  }
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
   * Starts the engine. Its models: the user's own retrained pair (`own`) when it is current; else,
   * with `events`, a pair trained now with them as one more community member (returned for the page
   * to store encrypted); else the community pair — kept in memory once loaded, read from this
   * worker's Cache Storage, or trained and written there (community data only: nothing personal).
   */
  async start(
    own: { key: string; model: unknown } | null,
    events: FeedbackEvent[],
    onProgress?: (p: TrainProgress) => void,
  ): Promise<{ trained: RecoModels | null; key: string; source: ModelSource }> {
    onProgress?.({ phase: 'loading', fraction: 0 });
    const d = await load();
    const nItems = d.catalogue.movies.length;
    let models: RecoModels | null = null;
    let trained: RecoModels | null = null;
    let source: ModelSource = 'own';
    if (own && own.key === d.key) {
      try {
        assertRecoModels(own.model, nItems);
        models = own.model;
      } catch {
        models = null; // stale or damaged: the community pair below
      }
    }
    if (!models && events.length) {
      const items = events.flatMap((e) => {
        const item = d.catalogue.indexOf.get(e.movieId);
        return item === undefined ? [] : [{ item, kind: e.kind, at: e.at }];
      });
      models = trained = trainRecoModels(d.ratings, items, (phase, fraction) => onProgress?.({ phase, fraction }));
      source = 'trained';
    }
    if (!models) {
      if (community?.of === d) source = 'memory';
      else {
        const cached = await readCommunity(d);
        source = cached ? 'cache' : 'trained';
        const pair = cached ?? trainRecoModels(d.ratings, [], (phase, fraction) => onProgress?.({ phase, fraction }));
        community = { of: d, models: pair };
        if (!cached) void writeCommunity(d, pair);
      }
      models = community!.models;
    }
    if (!engine || data !== d || engineModels !== models) {
      engine = new RecoEngine({ catalogue: d.catalogue, moods: d.moods, content: d.content }, models.cf, models.ranking);
      engineModels = models;
    }
    data = d;
    engine.setFeedback(lastEvents, Date.now());
    onProgress?.({ phase: 'done', fraction: 1 });
    // Copied, not transferred: the engine above keeps using these arrays.
    return { trained, key: d.key, source };
  },

  /** Whether the engine is running (false after a restart until `start`). */
  started(): boolean {
    return engine !== null;
  },

  /**
   * Folds the user's feedback in (no retraining) and, with `rows`, ranks the home rows for it: one
   * round trip per like. `update` is either the whole list or a change to the list the worker holds
   * (`base`); either makes it list `version`. Returns the refold time in ms (null when the folded
   * events are the ones it held: only ids changed, an optimistic event replaced by the stored one)
   * and the rows (null when not asked, or when nothing changed and `rows.force` is not set). Returns
   * null, changing nothing, for a change to a list the worker does not hold (restarted, or a send was
   * lost) or whose result is not `length` long: then the page sends the whole list. Before `start`
   * the list is kept and folded in by `start`; rows then throw NOT_STARTED (nothing changed).
   */
  refold(update: FeedbackUpdate, now: number, rows: RowsRequest | null): { ms: number | null; rows: HomeRows | null } | null {
    const t0 = performance.now();
    const e = rows ? need() : engine;
    let next: StoredFeedbackEvent[];
    if ('events' in update) next = update.events;
    else {
      if (update.base === 0 || update.base !== eventsVersion) return null;
      next = applyFeedbackChange(lastEvents, update.change);
      if (next.length !== update.length) return null;
    }
    const same = 'change' in update && sameFolded(lastEvents, next);
    lastEvents = next;
    eventsVersion = update.version;
    if (!same) e?.setFeedback(next, now);
    const ms = same ? null : performance.now() - t0;
    return { ms, rows: rows && e && (!same || rows.force) ? homeRowsOf(e, rows) : null };
  },

  /** The events the engine folds in, as the worker holds them (for checks: the page's list, by changes). */
  heldEvents(): StoredFeedbackEvent[] {
    return lastEvents;
  },

  /** Top picks and "Because you liked" rows for the current feedback. */
  homeRows(request: RowsRequest): HomeRows {
    return homeRowsOf(need(), request);
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

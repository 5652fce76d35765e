/**
 * The recommendation worker: loads the catalogue, ratings and mood profiles, trains (or receives a
 * cached) CF model and answers ranking calls with a RecoEngine. Wiring only; the maths is in src/core.
 */
import * as Comlink from 'comlink';
import { createCatalogue, type Catalogue } from '../src/core/catalogue/catalogue';
import type { RatingsCOO } from '../src/core/catalogue/types';
import { feedbackToRatings } from '../src/core/cf/feedback';
import { assertCfModel, CF_MODEL_VERSION, trainCf, type CfModel } from '../src/core/cf/model';
import { createBandit, deserializeBandit, jointDim, learn, serializeBandit, withStrategy, type ImpressionLog, type SerializedBandit, type StrategyConfig } from '../src/core/bandit';
import { DISCOVER_SPEC, discover, discoverPrior, type DiscoverPick } from '../src/core/engine/discover';
import { RecoEngine, type FeedbackEvent } from '../src/core/engine/engine';
import { createRng } from '../src/core/random';
import type { HybridWeights } from '../src/core/hybrid/weights';
import type { QueryIntent } from '../src/core/query/types';
import { loadCatalogueIndex, loadMoods, loadRatings, ratingsFingerprint, setDataBaseUrl } from '../src/services/data';

export interface TrainProgress {
  phase: 'loading' | 'baselines' | 'neighbours' | 'done';
  fraction: number;
}

interface Loaded {
  catalogue: Catalogue;
  ratings: RatingsCOO;
  moods: Float32Array | null;
  key: string;
}

let loaded: Promise<Loaded> | undefined;
let engine: RecoEngine | null = null;
let lastEvents: FeedbackEvent[] = [];

function load(): Promise<Loaded> {
  loaded ??= (async () => {
    const movies = await loadCatalogueIndex();
    const [ratings, moods, fp] = await Promise.all([loadRatings(), loadMoods(movies.length), ratingsFingerprint()]);
    return { catalogue: createCatalogue(movies), ratings, moods, key: `cf-v${CF_MODEL_VERSION}-${fp}` };
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

const api = {
  /** Tells the worker where the data files are (the page's `data/` folder). */
  setDataBase(url: string): void {
    setDataBaseUrl(url);
  },

  /** The cache key a stored model must carry to be reused. */
  async modelKey(): Promise<string> {
    return (await load()).key;
  },

  /**
   * Starts the engine from a cached model when it is valid, else trains one (with the user's
   * feedback as an extra user when given). Returns the newly trained model for the caller to cache.
   */
  async start(cached: { key: string; model: unknown } | null, events: FeedbackEvent[], onProgress?: (p: TrainProgress) => void): Promise<{ trained: CfModel | null; key: string }> {
    onProgress?.({ phase: 'loading', fraction: 0 });
    const data = await load();
    let model: CfModel | null = null;
    if (cached && cached.key === data.key) {
      try {
        assertCfModel(cached.model);
        if (cached.model.nItems === data.catalogue.movies.length) model = cached.model;
      } catch {
        model = null; // stale or damaged cache: retrain below
      }
    }
    let trained: CfModel | null = null;
    if (!model) {
      const extra = events.length ? [feedbackToRatings(events.flatMap((e) => { const item = data.catalogue.indexOf.get(e.movieId); return item === undefined ? [] : [{ item, kind: e.kind, at: e.at }]; }))] : [];
      model = trainCf(data.ratings, {}, extra, (phase, fraction) => onProgress?.({ phase, fraction }));
      trained = model;
    }
    engine = new RecoEngine({ catalogue: data.catalogue, moods: data.moods }, model);
    engine.setFeedback(lastEvents, Date.now());
    onProgress?.({ phase: 'done', fraction: 1 });
    // Copied, not transferred: the engine above keeps using these arrays.
    return { trained, key: data.key };
  },

  /** Refolds the user's feedback (no retraining); returns the time it took in ms. */
  setFeedback(events: FeedbackEvent[], now: number): number {
    const t0 = performance.now();
    lastEvents = events;
    engine?.setFeedback(events, now);
    return performance.now() - t0;
  },

  topPicks(weights: HybridWeights, k: number) {
    return need().topPicks(weights, k);
  },
  becauseYouLiked(rows: number, k: number) {
    return need().becauseYouLiked(rows, k);
  },
  moreLikeThis(movieId: number, k: number) {
    return need().moreLikeThis(movieId, k);
  },
  search(intent: QueryIntent, semantic: Float32Array | null, weights: HybridWeights, k: number) {
    return need().search(intent, semantic, weights, k);
  },
  /**
   * Chooses the Discover slate: the bandit (resumed from `saved`, else new with `seed`) picks
   * `slots` movies from the user's 150 best hybrid picks plus 50 sampled from the wider catalogue.
   */
  async discover(saved: SerializedBandit | null, strategy: StrategyConfig, seed: number, slots: number, weights: HybridWeights): Promise<{ picks: DiscoverPick[]; state: SerializedBandit }> {
    const data = await load();
    const e = need();
    const fresh = () => createBandit({ dim: jointDim(DISCOVER_SPEC), strategy, seed, priorMean: discoverPrior(), ridge: 4 });
    let state = saved ? withStrategy(deserializeBandit(saved), strategy) : fresh();
    if (state.dim !== jointDim(DISCOVER_SPEC)) state = fresh();
    const rated = e.rated();
    const pool = new Set(e.topPicks(weights, 150).map((r) => r.index));
    const rng = createRng(seed + Math.floor(Date.now() / 3_600_000));
    const eligible = data.catalogue.movies.flatMap((m, i) => (m.n >= 5 && !rated.has(m.id) && !pool.has(i) ? [i] : []));
    for (let t = 0; t < 50 && eligible.length; t++) pool.add(eligible.splice(Math.floor(rng() * eligible.length), 1)[0]!);
    const picks = discover(state, { catalogue: data.catalogue, moods: data.moods, projection: null }, [...pool], lastEvents, slots, new Date());
    return { picks, state: serializeBandit(state) };
  },

  /** One bandit update from a logged impression and its reward; returns the new state. */
  banditLearn(saved: SerializedBandit, log: Pick<ImpressionLog, 'features' | 'propensity'>, reward: number): SerializedBandit {
    const state = deserializeBandit(saved);
    learn(state, log, reward);
    return serializeBandit(state);
  },

  personalised(): boolean {
    return engine?.personalised ?? false;
  },
};

function need(): RecoEngine {
  if (!engine) throw new Error('The recommendation engine is not started yet');
  return engine;
}

export type RecoWorkerApi = typeof api;
Comlink.expose(api);

/**
 * The page's side of the recommendation worker, over the one WorkerBridge: hands it the user's own
 * retrained CF models when stored (encrypted, through the personal repository), stores newly
 * retrained ones, and exposes typed calls. The community models are the worker's own business (it
 * caches them in Cache Storage: community data, nothing personal). If the worker was restarted (crash), a call that
 * meets NOT_STARTED starts the engine again with the last user and feedback, then retries once.
 */
import * as Comlink from 'comlink';
import type { ImpressionLog, SerializedBandit, StrategyConfig } from '../core/bandit';
import type { HybridWeights } from '../core/hybrid/weights';
import type { QueryIntent } from '../core/query/types';
import type { FeedbackEvent } from '../core/shared/feedback';
import { feedbackChange, isEmptyChange, type StoredFeedbackEvent } from '../core/shared/feedback-log';
import type { HomeRows, RecoWorkerApi, RowsRequest, TrainProgress } from '../../workers/reco.worker';
import { authRuntime } from './auth/runtime';
import type { SessionTokens } from './auth/tokens';
import { dataBaseUrl } from './data';
import { isWorkerError, WorkerBridge } from './bridge/bridge';

export type { HomeRows, RowsRequest, TrainProgress };

/** Where the page used to cache the community model (IndexedDB `meta`); the worker now keeps it in Cache Storage. */
const OLD_COMMUNITY_KEY = 'cf-model';
const USER_MODEL = 'cf';

interface CachedModel {
  key: string;
  model: unknown;
}

type Remote = Comlink.Remote<RecoWorkerApi>;

/** What the worker needs of an event (the page's records carry more: context, query text). */
const wire = (e: StoredFeedbackEvent): StoredFeedbackEvent => (e.id === undefined ? { movieId: e.movieId, kind: e.kind, at: e.at } : { id: e.id, movieId: e.movieId, kind: e.kind, at: e.at });

export class RecoClient {
  readonly #bridge = new WorkerBridge<RecoWorkerApi>({
    name: 'reco',
    create: () => new Worker(new URL('../../workers/reco.worker.ts', import.meta.url), { type: 'module', name: 'reco' }),
    init: (r) => r.configure({ dataBase: dataBaseUrl() }),
  });
  /** What the engine was last started with, to start it again after a worker restart. */
  #tokens: SessionTokens | null = null;
  /** The events last sent to the worker (the page's list, held by reference: never mutated). */
  #events: readonly StoredFeedbackEvent[] = [];
  /** Which list the worker holds: bumped on every send; a change is sent against the previous one. */
  #version = 0;
  #droppedOldCache = false;

  /**
   * Starts the engine: the signed-in user's own retrained model if stored and current, else the
   * community model, which the worker keeps (in memory, in its Cache Storage, or trained and cached).
   */
  start(tokens: SessionTokens | null, onProgress: (p: TrainProgress) => void): Promise<{ trained: boolean }> {
    this.#tokens = tokens;
    return this.#bridge.call((api) => this.#start(api, tokens, onProgress));
  }

  async #start(api: Remote, tokens: SessionTokens | null, onProgress: (p: TrainProgress) => void): Promise<{ trained: boolean }> {
    const { db, data } = authRuntime();
    let own: CachedModel | null = null;
    if (tokens) {
      const state = await data.getModelState(tokens, USER_MODEL).catch(() => undefined);
      if (state?.state) own = state.state as CachedModel;
    }
    if (!this.#droppedOldCache) {
      // Before the worker cached the community model itself, the page kept it here (~10 MB).
      this.#droppedOldCache = true;
      void db.meta.delete(OLD_COMMUNITY_KEY).catch(() => undefined);
    }
    await this.#sendAll(api);
    const res = await api.start(own, [], Comlink.proxy(onProgress));
    return { trained: res.source === 'trained' };
  }

  /**
   * Starts the worker and its data download now (catalogue, ratings, moods), so that `start` finds
   * them loaded; errors surface in `start`.
   */
  warm(): void {
    void this.#bridge.call((api) => api.modelKey()).catch(() => undefined);
  }

  /** Full retrain with the user's feedback as an extra user; the model is cached for this user. */
  retrain(tokens: SessionTokens, events: FeedbackEvent[], onProgress: (p: TrainProgress) => void): Promise<void> {
    return this.#bridge.call(async (api) => {
      const res = await api.start(null, events, Comlink.proxy(onProgress));
      if (res.trained) {
        await authRuntime().data.putModelState(tokens, { model: USER_MODEL, version: 1, state: { key: res.key, model: res.trained } });
      }
    });
  }

  /** A ranking call; restarts the engine once if the worker lost it (NOT_STARTED after a crash). */
  async #call<T>(fn: (api: Remote) => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await this.#bridge.call(fn, signal);
    } catch (err) {
      if (!isWorkerError(err, 'NOT_STARTED') || !this.#bridge.alive) throw err;
      await this.#bridge.call(async (api) => {
        if (!(await api.started())) await this.#start(api, this.#tokens, () => undefined);
      });
      return this.#bridge.call(fn, signal);
    }
  }

  /**
   * Folds the user's feedback into the model and ranks the home rows for it, in one round trip.
   * Returns the worker's refold time in ms, or null when the folded events are the ones it already
   * holds (nothing was sent, or only ids changed: an optimistic event replaced by the stored one);
   * and the rows, or null when nothing changed and `rows.force` is not set (the rows shown stand).
   * When both lists carry ids, only what changed crosses to the worker (usually one event), which
   * applies it to its copy (core/shared/feedback-log); a worker that does not hold the previous
   * list (restarted) gets the whole list.
   */
  refold(events: readonly StoredFeedbackEvent[], rows: RowsRequest): Promise<{ ms: number | null; rows: HomeRows | null }> {
    const prev = this.#events;
    const change = events === prev ? null : feedbackChange(prev, events);
    this.#events = events;
    const unchanged = events === prev || (change !== null && isEmptyChange(change));
    if (unchanged) return rows.force ? this.#call(async (api) => ({ ms: null, rows: await api.homeRows(rows) })) : Promise.resolve({ ms: null, rows: null });
    const base = this.#version;
    const version = ++this.#version;
    return this.#call(async (api) => {
      if (change) {
        const sent = await api.refold({ base, version, change: { removed: [...change.removed], added: change.added.map(wire) }, length: events.length }, Date.now(), rows);
        if (sent) return sent;
      }
      return (await api.refold({ version: this.#version, events: this.#events.map(wire) }, Date.now(), rows))!;
    });
  }

  /** Sends the whole list (a start, a restarted worker, events without ids). */
  async #sendAll(api: Remote): Promise<void> {
    await api.refold({ version: this.#version, events: this.#events.map(wire) }, Date.now(), null);
  }

  /** The events the worker folds in (for checks: it keeps its copy by changes). */
  heldEvents() {
    return this.#call((api) => api.heldEvents());
  }
  /** Top picks alone (the other rows do not depend on the weights). */
  topPicks(weights: HybridWeights, k: number) {
    return this.#call((api) => api.topPicks(weights, k));
  }
  moreLikeThis(movieId: number, k: number, signal?: AbortSignal) {
    return this.#call((api) => api.moreLikeThis(movieId, k), signal);
  }
  discover(saved: SerializedBandit | null, strategy: StrategyConfig, seed: number, slots: number, weights: HybridWeights) {
    return this.#call((api) => api.discover(saved, strategy, seed, slots, weights, Date.now()));
  }
  banditLearn(saved: SerializedBandit, log: Pick<ImpressionLog, 'features' | 'propensity'>, reward: number) {
    return this.#call((api) => api.banditLearn(saved, log, reward));
  }
  search(intent: QueryIntent, semantic: Float32Array | null, weights: HybridWeights, k: number, signal?: AbortSignal) {
    return this.#call((api) => api.search(intent, semantic, weights, k), signal);
  }
  /** Search with notes on relaxed constraints and the worker's compute time. */
  searchPage(intent: QueryIntent, semantic: Float32Array | null, weights: HybridWeights, k: number, signal?: AbortSignal) {
    return this.#call((api) => api.searchPage(intent, semantic, weights, k), signal);
  }
}

export const recoClient = new RecoClient();

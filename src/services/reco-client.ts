/**
 * The page's side of the recommendation worker: starts it lazily, hands it a cached CF model when
 * one is valid (device-wide community model, or the user's own retrained one), stores newly
 * trained models, and exposes typed calls.
 */
import * as Comlink from 'comlink';
import type { FeedbackEvent } from '../core/engine/engine';
import type { ImpressionLog, SerializedBandit, StrategyConfig } from '../core/bandit';
import type { HybridWeights } from '../core/hybrid/weights';
import type { QueryIntent } from '../core/query/types';
import type { RecoWorkerApi, TrainProgress } from '../../workers/reco.worker';
import { authRuntime } from './auth/runtime';
import { dataBaseUrl } from './data';
import type { SessionTokens } from './auth/tokens';

export type { TrainProgress };

const COMMUNITY_KEY = 'cf-model';
const USER_MODEL = 'cf';

interface CachedModel {
  key: string;
  model: unknown;
}

export class RecoClient {
  #worker: Worker | null = null;
  #api: Comlink.Remote<RecoWorkerApi> | null = null;

  #remote(): Comlink.Remote<RecoWorkerApi> {
    if (!this.#api) {
      this.#worker = new Worker(new URL('../../workers/reco.worker.ts', import.meta.url), { type: 'module', name: 'reco' });
      this.#api = Comlink.wrap<RecoWorkerApi>(this.#worker);
      void this.#api.setDataBase(dataBaseUrl());
    }
    return this.#api;
  }

  /**
   * Starts the engine: the signed-in user's own retrained model if cached and current, else the
   * device's community model if cached, else trains the community model (and caches it).
   */
  async start(tokens: SessionTokens | null, onProgress: (p: TrainProgress) => void): Promise<{ trained: boolean }> {
    const api = this.#remote();
    const { db, data } = authRuntime();
    let cached: CachedModel | null = null;
    if (tokens) {
      const own = await data.getModelState(tokens, USER_MODEL).catch(() => undefined);
      if (own?.state) cached = own.state as CachedModel;
    }
    if (!cached || cached.key !== (await api.modelKey())) {
      cached = ((await db.meta.get(COMMUNITY_KEY))?.value as CachedModel | undefined) ?? null;
    }
    const res = await api.start(cached, [], Comlink.proxy(onProgress));
    if (res.trained) {
      await db.meta.put({ key: COMMUNITY_KEY, value: { key: res.key, model: res.trained } }).catch((err: unknown) => {
        // Quota or private mode: the model just is not cached; the app keeps working.
        console.warn('Could not cache the CF model', err);
      });
    }
    return { trained: !!res.trained };
  }

  /** Full retrain with the user's feedback as an extra user; the model is cached for this user. */
  async retrain(tokens: SessionTokens, events: FeedbackEvent[], onProgress: (p: TrainProgress) => void): Promise<void> {
    const res = await this.#remote().start(null, events, Comlink.proxy(onProgress));
    if (res.trained) {
      await authRuntime().data.putModelState(tokens, { model: USER_MODEL, version: 1, state: { key: res.key, model: res.trained } });
    }
  }

  /** Refolds the user's feedback into the model; returns milliseconds taken in the worker. */
  setFeedback(events: FeedbackEvent[]): Promise<number> {
    return this.#remote().setFeedback(events, Date.now());
  }

  topPicks(weights: HybridWeights, k: number) {
    return this.#remote().topPicks(weights, k);
  }
  becauseYouLiked(rows: number, k: number) {
    return this.#remote().becauseYouLiked(rows, k);
  }
  moreLikeThis(movieId: number, k: number) {
    return this.#remote().moreLikeThis(movieId, k);
  }
  discover(saved: SerializedBandit | null, strategy: StrategyConfig, seed: number, slots: number, weights: HybridWeights) {
    return this.#remote().discover(saved, strategy, seed, slots, weights);
  }
  banditLearn(saved: SerializedBandit, log: Pick<ImpressionLog, 'features' | 'propensity'>, reward: number) {
    return this.#remote().banditLearn(saved, log, reward);
  }
  search(intent: QueryIntent, semantic: Float32Array | null, weights: HybridWeights, k: number) {
    return this.#remote().search(intent, semantic, weights, k);
  }
}

export const recoClient = new RecoClient();

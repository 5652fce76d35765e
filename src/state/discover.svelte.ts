/**
 * The Discover row: the contextual bandit's picks for the signed-in user, learning online from
 * every reaction (like 1, click 0.5, dislike −1: `react`, called by the feedback actions) and from
 * slates left untouched (ignore 0, learned when the next slate is drawn).
 */
import { REWARDS, type StrategyConfig } from '../core/bandit';
import { describeError } from '../core/auth/messages';
import { DISCOVER_RESTARTED_MESSAGE } from '../core/storage-errors';
import type { DiscoverPick } from '../core/engine/discover';
import { banditService } from '../services/app';
import { DEFAULT_STRATEGY, type BanditRecord } from '../services/bandit';
import { userSeed } from '../core/engine/discover-slate';
import { recoClient } from '../services/reco-client';
import { reco } from './reco.svelte';
import { session } from './session.svelte';

const SLOTS = 12;

class DiscoverState {
  picks = $state.raw<DiscoverPick[]>([]);
  impressionIds = $state.raw<number[] | null>(null);
  strategy = $state.raw<StrategyConfig>(DEFAULT_STRATEGY);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  error = $state<string | null>(null);
  /** Said once when the saved model could not be read and Discover started again. */
  notice = $state<string | null>(null);
  /** Updates learned in total (persisted history). */
  updates = $state(0);
  #explored = new Map<number, boolean>();
  #queue: Promise<unknown> = Promise.resolve();

  /** Learns from the user's reaction to a Discover pick (a no-op for impressions that are not the bandit's). */
  react(impressionId: number, outcome: 'like' | 'dislike' | 'click'): Promise<void> {
    const run = this.#queue.then(() => this.#react(impressionId, REWARDS[outcome]));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Learns "ignored" from the last slate, then draws a new one. */
  refresh(): Promise<void> {
    const run = this.#queue.then(() => this.#refresh());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #refresh(): Promise<void> {
    if (session.status !== 'signed-in' || !session.user) return;
    if (reco.status !== 'ready') return;
    this.status = 'loading';
    try {
      const svc = banditService();
      const seed = userSeed(session.user.id);
      this.strategy = await session.guard((t) => svc.strategy(t));
      let record = await session.guard((t) => svc.load(t));
      this.updates = (await session.guard((t) => svc.history(t))).length;
      if (record?.pending.length) record = await this.#learnIgnored(record);
      const { picks, state, damaged } = await recoClient.discover(record?.state ?? null, this.strategy, seed, SLOTS, reco.weights);
      if (damaged) this.notice = DISCOVER_RESTARTED_MESSAGE;
      const ids = await session.guard((t) => svc.logSlate(t, picks.map((p) => ({ movieId: p.movie.id, position: p.position, features: p.log.features, propensity: p.log.propensity }))));
      await session.guard((t) => svc.save(t, { state, pending: ids }));
      this.#explored = new Map(ids.map((id, k) => [id, picks[k]!.exploratory]));
      this.picks = picks;
      this.impressionIds = ids;
      this.status = 'ready';
    } catch (err) {
      this.error = describeError(err);
      this.status = 'error';
    }
  }

  async #learnIgnored(record: BanditRecord): Promise<BanditRecord> {
    const svc = banditService();
    const reacted = await session.guard((t) => svc.reacted(t, record.pending));
    let state = record.state;
    const points: { at: number; reward: number; explored: boolean }[] = [];
    for (const id of record.pending) {
      if (reacted.has(id)) continue;
      const imp = await session.guard((t) => svc.impression(t, id));
      if (!imp) continue;
      state = await recoClient.banditLearn(state, { features: imp.features, propensity: imp.propensity }, REWARDS.ignore);
      points.push({ at: Date.now(), reward: REWARDS.ignore, explored: this.#explored.get(id) ?? false });
      this.updates++;
    }
    await session.guard((t) => svc.addHistory(t, points));
    return { state, pending: [] };
  }

  async #react(impressionId: number, reward: number): Promise<void> {
    if (session.status !== 'signed-in') return;
    const svc = banditService();
    const imp = await session.guard((t) => svc.impression(t, impressionId));
    if (!imp) return;
    const record = await session.guard((t) => svc.load(t));
    if (!record) return;
    const state = await recoClient.banditLearn(record.state, { features: imp.features, propensity: imp.propensity }, reward);
    await session.guard((t) => svc.save(t, { state, pending: record.pending.filter((p) => p !== impressionId) }));
    await session.guard((t) => svc.addHistory(t, [{ at: Date.now(), reward, explored: this.#explored.get(impressionId) ?? false }]));
    this.updates++;
  }

  /** Reads the user's chosen strategy (for the settings page). */
  async loadStrategy(): Promise<StrategyConfig> {
    if (session.status === 'signed-in') this.strategy = await session.guard((t) => banditService().strategy(t));
    return this.strategy;
  }

  /** Changes the exploration strategy (keeps what was learned). */
  async setStrategy(config: StrategyConfig): Promise<void> {
    await session.guard((t) => banditService().setStrategy(t, config));
    this.strategy = config;
  }

  /** Forgets everything the bandit learned. */
  async reset(): Promise<void> {
    await session.guard((t) => banditService().reset(t));
    this.updates = 0;
    this.picks = [];
  }
}

export const discoverState = new DiscoverState();

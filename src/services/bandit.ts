/**
 * Persistence of each user's Discover bandit: its learned state, the exploration strategy they
 * chose, the last slate shown (to learn "ignored" from it) and a reward history for Insights.
 */
import { DEFAULT_STRATEGY, type SerializedBandit, type StrategyConfig } from '../core/bandit';
import { UserScopedService, type Session } from './scoped';
import type { ImpressionRecord } from './db/schema';

const STATE_MODEL = 'bandit';
const HISTORY_MODEL = 'bandit-history';
const STRATEGY_KEY = 'bandit-strategy';
const HISTORY_MAX = 2000;

/** The default exploration strategy lives with the bandit (chosen from `npm run bench:bandit`). */
export { DEFAULT_STRATEGY };

export interface BanditRecord {
  state: SerializedBandit;
  /** Impression ids of the last slate, not yet learned from. */
  pending: number[];
}

export interface RewardPoint {
  at: number;
  reward: number;
  explored: boolean;
}

export class BanditService extends UserScopedService {

  load(session: Session): Promise<BanditRecord | null> {
    return this.auth.withUser(session, async (userId) => ((await this.store.getModel(userId, STATE_MODEL))?.state as BanditRecord | undefined) ?? null);
  }

  save(session: Session, record: BanditRecord): Promise<void> {
    return this.auth.withUser(session, async (userId) => {
      await this.store.putModel(userId, { model: STATE_MODEL, version: 1, state: record });
    });
  }

  strategy(session: Session): Promise<StrategyConfig> {
    return this.auth.withUser(session, async (userId) => ((await this.store.getSetting(userId, STRATEGY_KEY)) as StrategyConfig | undefined) ?? DEFAULT_STRATEGY);
  }

  setStrategy(session: Session, config: StrategyConfig): Promise<void> {
    return this.auth.withUser(session, async (userId) => {
      await this.store.putSetting(userId, STRATEGY_KEY, config);
    });
  }

  /** Logs a slate's picks as impressions of the bandit; returns their ids in slot order. */
  logSlate(session: Session, picks: readonly { movieId: number; position: number; features: number[]; propensity: number }[]): Promise<number[]> {
    return this.auth.withUser(session, async (userId) => {
      const at = this.now();
      const rows: Omit<ImpressionRecord, 'id' | 'userId'>[] = picks.map((p) => ({ at, surface: 'discover', movieId: p.movieId, position: p.position, model: 'bandit', features: p.features, propensity: p.propensity }));
      // Logged and pruned together: the table keeps to the retention rule (core/retention).
      return this.store.addImpressions(userId, rows, at);
    });
  }

  /** A bandit impression of the user's, or null (not theirs, or not the bandit's). */
  impression(session: Session, id: number): Promise<ImpressionRecord | null> {
    return this.auth.withUser(session, async (userId) => {
      const imp = await this.store.impression(userId, id);
      return imp && imp.model === 'bandit' ? imp : null;
    });
  }

  /** Ids among `ids` that the user reacted to (liked, disliked or opened). */
  reacted(session: Session, ids: readonly number[]): Promise<Set<number>> {
    return this.auth.withUser(session, (userId) => this.store.reactedTo(userId, ids));
  }

  history(session: Session): Promise<RewardPoint[]> {
    return this.auth.withUser(session, async (userId) => ((await this.store.getModel(userId, HISTORY_MODEL))?.state as RewardPoint[] | undefined) ?? []);
  }

  addHistory(session: Session, points: readonly RewardPoint[]): Promise<void> {
    if (!points.length) return Promise.resolve();
    return this.auth.withUser(session, async (userId) => {
      await this.store.updateModels(userId, [HISTORY_MODEL], (current) => {
        const hist = [...((current.get(HISTORY_MODEL)?.state as RewardPoint[] | undefined) ?? []), ...points];
        return { write: [{ model: HISTORY_MODEL, version: 1, state: hist.slice(-HISTORY_MAX) }] };
      });
    });
  }

  /** Forgets what the bandit learned (its state and reward history). */
  reset(session: Session): Promise<void> {
    return this.auth.withUser(session, async (userId) => {
      await this.store.deleteModels(userId, [STATE_MODEL, HISTORY_MODEL]);
    });
  }
}

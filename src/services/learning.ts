/**
 * Learning the hybrid ranker's weights from feedback on what was shown: impressions are logged
 * with their features; a like, dislike or click on one updates the user's weights (and the items
 * shown above a chosen one count as weakly skipped). Weights and their history are per user.
 */
import { learnFromImpression, reviveWeights, type ImpressionOutcome } from '../core/hybrid/learn';
import { HYBRID_FEATURES, priorWeights, type FeatureValues, type HybridWeights } from '../core/hybrid/weights';
import { pruneImpressions } from './db/retention';
import { UserScopedService, type Session } from './scoped';
import type { FeedbackSurface, ImpressionRecord } from './db/schema';


export const WEIGHTS_MODEL = 'hybrid-weights';
export const HISTORY_MODEL = 'hybrid-history';
const HISTORY_MAX = 500;

/** One snapshot of the weights, for the Insights chart. */
export interface WeightsSnapshot {
  at: number;
  bias: number;
  w: FeatureValues;
}

export interface ShownItem {
  movieId: number;
  position: number;
  features: FeatureValues;
}

const toArray = (x: FeatureValues) => HYBRID_FEATURES.map((f) => x[f]);
function toFeatures(a: readonly number[]): FeatureValues {
  const x = {} as FeatureValues;
  HYBRID_FEATURES.forEach((f, i) => (x[f] = a[i] ?? 0));
  return x;
}

export class LearningService extends UserScopedService {

  /** The user's current weights (the priors until they have taught it anything). */
  weights(session: Session): Promise<HybridWeights> {
    return this.auth.withUser(session, async (userId) => reviveWeights((await this.db.modelState.get([userId, WEIGHTS_MODEL]))?.state));
  }

  /** Snapshots of the weights after each update, oldest first. */
  history(session: Session): Promise<WeightsSnapshot[]> {
    return this.auth.withUser(session, async (userId) => ((await this.db.modelState.get([userId, HISTORY_MODEL]))?.state as WeightsSnapshot[] | undefined) ?? []);
  }

  /** Logs a list of shown items with their features; returns the impression ids (same order). */
  logImpressions(session: Session, items: readonly ShownItem[], ctx: { surface: FeedbackSurface; query?: string }): Promise<number[]> {
    return this.auth.withUser(session, async (userId) => {
      const at = this.now();
      const rows: ImpressionRecord[] = items.map((it) => ({
        userId,
        at,
        surface: ctx.surface,
        movieId: it.movieId,
        position: it.position,
        model: 'hybrid',
        features: toArray(it.features),
        propensity: 1,
        ...(ctx.query ? { query: ctx.query } : {}),
      }));
      // Logged and pruned together: the table keeps to the retention rule (core/retention).
      return this.db.transaction('rw', this.db.impressions, async () => {
        const ids = (await this.db.impressions.bulkAdd(rows, { allKeys: true })) as number[];
        await pruneImpressions(this.db, userId, ids, at);
        return ids;
      });
    });
  }

  /**
   * Learns from the user's reaction to one impression. For a like or click, the unchosen items
   * shown above it in the same list are learned from as "skipped". Returns the new weights, or null
   * when the impression is not the user's or not from the hybrid ranker.
   */
  learn(session: Session, impressionId: number, outcome: Exclude<ImpressionOutcome, 'skipped'>): Promise<HybridWeights | null> {
    return this.auth.withUser(session, (userId) =>
      this.db.transaction('rw', this.db.impressions, this.db.modelState, this.db.feedback, async () => {
        const imp = await this.db.impressions.get(impressionId);
        if (!imp || imp.userId !== userId || imp.model !== 'hybrid') return null;
        let w = reviveWeights((await this.db.modelState.get([userId, WEIGHTS_MODEL]))?.state);
        if (outcome !== 'dislike' && imp.position > 0) {
          const above = await this.db.impressions
            .where('[userId+at]')
            .equals([userId, imp.at])
            .filter((o) => o.surface === imp.surface && o.model === 'hybrid' && o.position < imp.position)
            .toArray();
          const reacted = new Set(
            (await this.db.feedback.where('userId').equals(userId).filter((f) => f.impressionId !== undefined).toArray()).map((f) => f.impressionId),
          );
          for (const o of above) if (!reacted.has(o.id)) w = learnFromImpression(w, toFeatures(o.features), 'skipped');
        }
        w = learnFromImpression(w, toFeatures(imp.features), outcome);
        const now = this.now();
        await this.db.modelState.put({ userId, model: WEIGHTS_MODEL, version: 1, updatedAt: now, state: w });
        const hist = ((await this.db.modelState.get([userId, HISTORY_MODEL]))?.state as WeightsSnapshot[] | undefined) ?? [];
        hist.push({ at: now, bias: w.bias, w: { ...w.w } });
        await this.db.modelState.put({ userId, model: HISTORY_MODEL, version: 1, updatedAt: now, state: hist.slice(-HISTORY_MAX) });
        return w;
      }),
    );
  }

  /** Forgets what the ranker learned (weights back to the priors, history cleared). */
  reset(session: Session): Promise<HybridWeights> {
    return this.auth.withUser(session, async (userId) => {
      await this.db.modelState.bulkDelete([
        [userId, WEIGHTS_MODEL],
        [userId, HISTORY_MODEL],
      ]);
      return priorWeights();
    });
  }
}

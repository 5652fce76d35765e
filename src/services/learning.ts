/**
 * Learning the hybrid ranker's weights from feedback on what was shown: impressions are logged
 * with their features; a like, dislike or click on one updates the user's weights (and the items
 * shown above a chosen one count as weakly skipped). Weights and their history are per user.
 */
import { learnFromImpression, reviveWeights, type ImpressionOutcome } from '../core/hybrid/learn';
import { HYBRID_FEATURES, priorWeights, type FeatureValues, type HybridWeights } from '../core/hybrid/weights';
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
    return this.auth.withUser(session, async (userId) => reviveWeights((await this.store.getModel(userId, WEIGHTS_MODEL))?.state));
  }

  /** Snapshots of the weights after each update, oldest first. */
  history(session: Session): Promise<WeightsSnapshot[]> {
    return this.auth.withUser(session, async (userId) => ((await this.store.getModel(userId, HISTORY_MODEL))?.state as WeightsSnapshot[] | undefined) ?? []);
  }

  /** Logs a list of shown items with their features; returns the impression ids (same order). */
  logImpressions(session: Session, items: readonly ShownItem[], ctx: { surface: FeedbackSurface; query?: string }): Promise<number[]> {
    return this.auth.withUser(session, async (userId) => {
      const at = this.now();
      const rows: Omit<ImpressionRecord, 'id' | 'userId'>[] = items.map((it) => ({
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
      return this.store.addImpressions(userId, rows, at);
    });
  }

  /**
   * Learns from the user's reaction to one impression. For a like or click, the unchosen items
   * shown above it in the same list are learned from as "skipped". Returns the new weights, or null
   * when the impression is not the user's or not from the hybrid ranker.
   */
  learn(session: Session, impressionId: number, outcome: Exclude<ImpressionOutcome, 'skipped'>): Promise<HybridWeights | null> {
    return this.auth.withUser(session, async (userId) => {
      const imp = await this.store.impression(userId, impressionId);
      if (!imp || imp.model !== 'hybrid') return null;
      // The skipped items above it: rows of the same list, minus those the user reacted to.
      const above =
        outcome !== 'dislike' && imp.position > 0
          ? (await this.store.impressionsAt(userId, imp.at)).filter((o) => o.surface === imp.surface && o.model === 'hybrid' && o.position < imp.position)
          : [];
      const reacted = await this.store.reactedTo(userId, above.map((o) => o.id!));
      // Weights and their history are one read-modify-write (redone if another update landed meanwhile).
      const result = await this.store.updateModels(userId, [WEIGHTS_MODEL, HISTORY_MODEL], (current) => {
        let w = reviveWeights(current.get(WEIGHTS_MODEL)?.state);
        for (const o of above) if (!reacted.has(o.id!)) w = learnFromImpression(w, toFeatures(o.features), 'skipped');
        w = learnFromImpression(w, toFeatures(imp.features), outcome);
        const hist = [...((current.get(HISTORY_MODEL)?.state as WeightsSnapshot[] | undefined) ?? []), { at: this.now(), bias: w.bias, w: { ...w.w } }];
        return {
          w,
          write: [
            { model: WEIGHTS_MODEL, version: 1, state: w },
            { model: HISTORY_MODEL, version: 1, state: hist.slice(-HISTORY_MAX) },
          ],
        };
      });
      return result.w;
    });
  }

  /** Forgets what the ranker learned (weights back to the priors, history cleared). */
  reset(session: Session): Promise<HybridWeights> {
    return this.auth.withUser(session, async (userId) => {
      await this.store.deleteModels(userId, [WEIGHTS_MODEL, HISTORY_MODEL]);
      return priorWeights();
    });
  }
}

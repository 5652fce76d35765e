/**
 * "Discover": the contextual bandit's row. Candidates are the user's best hybrid picks plus a seeded
 * sample of the wider catalogue (so there is something to explore), each described by
 * action-dependent features; the bandit chooses the slate and logs propensities.
 */
import type { Catalogue } from '../catalogue/catalogue';
import type { MovieIndexEntry } from '../catalogue/types';
import {
  decide,
  explorationTag,
  featureNames,
  jointCandidates,
  movieActionFeatures,
  rewardFor,
  timeOfUse,
  userTaste,
  type ActionFeatures,
  type BanditState,
  type FeatureSpec,
  type ImpressionLog,
  type TasteEvent,
} from '../bandit';
import { GENRES } from '../catalogue/types';
import type { Reason } from '../explain/reasons';
import { MOOD_IDS } from '../mood/moods';
import type { FeedbackEvent } from './engine';

/** The app's feature blocks: all genres, an 8-d projection of the text embedding, all moods. */
export const DISCOVER_SPEC: FeatureSpec = { genres: GENRES.length, embedding: 8, mood: MOOD_IDS.length };

export interface DiscoverData {
  catalogue: Catalogue;
  moods: Float32Array | null;
  /** 8-d projection of each item's text embedding (`nItems × 8`), or null without vectors. */
  projection: Float32Array | null;
}

export interface DiscoverPick {
  movie: MovieIndexEntry;
  position: number;
  exploratory: boolean;
  log: ImpressionLog;
  reasons: Reason[];
}

/**
 * Prior mean of the bandit's weights for a new user: lean on community quality and popularity
 * and on the user's own genre/mood taste until their reactions say otherwise (a blank model has
 * no favourite and would show an arbitrary slate). Reward scale: like 1, dislike −1.
 */
export function discoverPrior(): Float64Array {
  const names = featureNames(DISCOVER_SPEC);
  const prior = new Float64Array(names.length);
  const set: Record<string, number> = { quality: 0.4, popularity: 0.2, coldPopularity: 0.2, tasteGenre: 0.6, tasteMood: 0.3 };
  names.forEach((n, i) => (prior[i] = set[n] ?? 0));
  return prior;
}

/** Action features of catalogue item `i`. */
export function actionOf(data: DiscoverData, i: number, maxCount: number): ActionFeatures {
  const k = DISCOVER_SPEC.mood;
  const e = DISCOVER_SPEC.embedding;
  return movieActionFeatures(data.catalogue.movies[i]!, { maxCount, priorMean: data.catalogue.globalMean }, DISCOVER_SPEC, {
    mood: data.moods ? data.moods.subarray(i * k, (i + 1) * k) : new Float32Array(k),
    embedding: data.projection ? data.projection.subarray(i * e, (i + 1) * e) : new Float32Array(e),
  });
}

/** The user's reactions as taste events (reward scale of the bandit: like 1, click 0.5, dislike −1). */
export function tasteEvents(data: DiscoverData, events: readonly FeedbackEvent[], maxCount: number): TasteEvent[] {
  const out: TasteEvent[] = [];
  for (const e of events) {
    const i = data.catalogue.indexOf.get(e.movieId);
    if (i !== undefined) out.push({ action: actionOf(data, i, maxCount), reward: rewardFor(e.kind) });
  }
  return out;
}

/**
 * Chooses `slots` movies with the bandit from `pool` (item indices, e.g. top hybrid picks plus a
 * sample). Mutates `state` (its random stream advances). Exploratory picks say so.
 */
export function discover(state: BanditState, data: DiscoverData, pool: readonly number[], events: readonly FeedbackEvent[], slots: number, now: Date): DiscoverPick[] {
  let maxCount = 0;
  for (const m of data.catalogue.movies) if (m.n > maxCount) maxCount = m.n;
  const ctx = { taste: userTaste(tasteEvents(data, events, maxCount), DISCOVER_SPEC), intent: null, time: timeOfUse(now) };
  const movies = pool.map((i) => ({ id: data.catalogue.movies[i]!.id, action: actionOf(data, i, maxCount) }));
  const decision = decide(state, jointCandidates(DISCOVER_SPEC, ctx, movies), slots);
  return decision.picks.map((p, k) => {
    const movie = data.catalogue.movies[pool[p.index]!]!;
    const tag = explorationTag(decision, k);
    const reasons: Reason[] = tag.kind === 'explore' ? [{ kind: 'exploration' }] : [];
    return { movie, position: p.position, exploratory: tag.kind === 'explore', log: decision.logs[k]!, reasons };
  });
}

/**
 * A seeded random projection (Johnson–Lindenstrauss) of unit vectors to `out` dimensions: keeps
 * angles roughly, costs nothing to store, and needs no training. `vectors(i)` gives item i's vector.
 */
export function randomProjection(count: number, dim: number, vectors: (i: number) => ArrayLike<number>, outDim: number, rng: () => number): Float32Array {
  const r = new Float32Array(dim * outDim);
  for (let t = 0; t < r.length; t++) r[t] = rng() < 0.5 ? -1 : 1;
  const out = new Float32Array(count * outDim);
  for (let i = 0; i < count; i++) {
    const v = vectors(i);
    for (let o = 0; o < outDim; o++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += v[d]! * r[d * outDim + o]!;
      out[i * outDim + o] = s / Math.sqrt(outDim);
    }
  }
  return out;
}

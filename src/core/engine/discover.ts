/**
 * "Discover": the contextual bandit's row. Candidates are the user's best hybrid picks plus a seeded
 * sample of the wider catalogue (so there is something to explore), each described by
 * action-dependent features; the bandit chooses the slate, logs propensities and says why.
 * A new user starts from a prior fitted on the community's ratings (`discoverPrior`), and a saved
 * state of an older shape starts again from it (`resumeDiscoverBandit`), never failing.
 */
import type { Catalogue } from '../catalogue/catalogue';
import type { MovieIndexEntry, RatingsCOO } from '../catalogue/types';
import {
  createBandit,
  decide,
  explainPick,
  featureShape,
  fitPrior,
  jointFeatures,
  learn,
  movieActionFeatures,
  restoreBandit,
  rewardFor,
  serializeBandit,
  timeOfUse,
  userTaste,
  validateBanditState,
  withStrategy,
  type ActionFeatures,
  type BanditPrior,
  type BanditState,
  type FeatureSpec,
  type ImpressionLog,
  type PickExplanation,
  type PriorExample,
  type RestoreNote,
  type SerializedBandit,
  type StrategyConfig,
  type TasteEvent,
} from '../bandit';
import { GENRES } from '../catalogue/types';
import type { Reason } from '../explain/reasons';
import { MOOD_IDS, MOODS } from '../mood/moods';
import { createRng } from '../random';
import type { FeedbackEvent } from './engine';

/** The app's feature blocks: all genres, an 8-d projection of the text embedding, all moods. */
export const DISCOVER_SPEC: FeatureSpec = { genres: GENRES.length, embedding: 8, mood: MOOD_IDS.length };

/** The app's crossed model layout (see src/core/bandit/features.ts). */
export const DISCOVER_SHAPE = featureShape(DISCOVER_SPEC);

/** Genre and mood words for explanations. */
const LABELS = { genres: GENRES, moods: MOOD_IDS.map((id) => MOODS.find((m) => m.id === id)?.label ?? id) };

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
  /** Why it was picked: the interaction that drove it, "something different", or a general note. */
  explanation: PickExplanation;
}

/** Community rating → the bandit's reward scale (as the simulator: ≥ 4 like, ≤ 2 dislike, else no reaction). */
export function ratingReward(rating: number): number {
  if (rating >= 4) return 1;
  if (rating <= 2) return -1;
  return 0;
}

/** How much community data the prior is fitted on (bounded so the fit takes tens of ms in a worker). */
export interface PriorDataOptions {
  seed: number;
  /** Community users sampled (default all, up to 1,000). */
  users?: number;
  /** Latest ratings of a user's earlier half that build their taste (default 100). */
  tasteRatings?: number;
  /** Ratings of a user's later half used as examples (default 40). */
  examplesPerUser?: number;
}

/**
 * Examples for the prior from the community's ratings: for each sampled user (seeded), the earlier
 * half of their ratings (by time) builds their taste, and ratings from the later half become
 * (feature vector in that taste and at that time, reward) pairs — what Discover would have learned
 * had it shown those movies. Movies outside the catalogue are skipped.
 */
export function communityExamples(data: DiscoverData, ratings: RatingsCOO, options: PriorDataOptions): PriorExample[] {
  const maxCount = maxCountOf(data.catalogue);
  const byUser = new Map<number, number[]>();
  for (let r = 0; r < ratings.user.length; r++) {
    const u = ratings.user[r]!;
    let list = byUser.get(u);
    if (!list) byUser.set(u, (list = []));
    list.push(r);
  }
  const users = [...byUser.keys()].sort((a, b) => a - b);
  const rng = createRng(options.seed);
  for (let i = users.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [users[i], users[j]] = [users[j]!, users[i]!];
  }
  const nItems = data.catalogue.movies.length;
  const actions = new Map<number, ActionFeatures>();
  const action = (item: number) => {
    let a = actions.get(item);
    if (!a) actions.set(item, (a = actionOf(data, item, maxCount)));
    return a;
  };
  const out: PriorExample[] = [];
  for (const u of users.slice(0, options.users ?? 1000)) {
    const list = byUser.get(u)!.filter((r) => ratings.item[r]! < nItems);
    list.sort((a, b) => ratings.time[a]! - ratings.time[b]! || ratings.item[a]! - ratings.item[b]!);
    const cut = Math.floor(list.length / 2);
    if (cut < 1) continue;
    const past = list.slice(Math.max(0, cut - (options.tasteRatings ?? 100)), cut);
    const taste = userTaste(past.map((r) => ({ action: action(ratings.item[r]!), reward: ratingReward(ratings.rating[r]!) })), DISCOVER_SPEC);
    const later = list.slice(cut);
    for (let k = 0; k < Math.min(options.examplesPerUser ?? 40, later.length); k++) {
      const pick = k + Math.floor(rng() * (later.length - k));
      [later[k], later[pick]] = [later[pick]!, later[k]!];
      const r = later[k]!;
      const ctx = { taste, intent: null, time: timeOfUse(new Date(ratings.time[r]! * 1000)) };
      out.push({ features: jointFeatures(DISCOVER_SPEC, ctx, action(ratings.item[r]!)), reward: ratingReward(ratings.rating[r]!) });
    }
  }
  return out;
}

/** Seed of the community prior: fixed, so every device fits the same prior from the same data. */
export const PRIOR_SEED = 19;

/** A new user's prior, fitted on community ratings (seeded and reproducible; see `fitPrior`). */
export function discoverPrior(data: DiscoverData, ratings: RatingsCOO, seed = PRIOR_SEED): BanditPrior {
  return fitPrior(DISCOVER_SHAPE, communityExamples(data, ratings, { seed }), { seed });
}

/** A new user's bandit: the community prior, their strategy and their random stream. */
export function newDiscoverBandit(prior: BanditPrior, strategy: StrategyConfig, seed: number): BanditState {
  return createBandit({ shape: DISCOVER_SHAPE, strategy, seed, prior });
}

/**
 * The user's bandit from what was saved (null for a new user): a valid state of the current shape
 * continues with the chosen strategy; an older or damaged one starts again from the prior, with a
 * note saying so. Never throws for bad saved data.
 */
export function resumeDiscoverBandit(saved: unknown, prior: BanditPrior, strategy: StrategyConfig, seed: number): { state: BanditState; note: RestoreNote } {
  const { state, note } = restoreBandit(saved, DISCOVER_SHAPE, () => newDiscoverBandit(prior, strategy, seed));
  return { state: note === null && saved ? withStrategy(state, strategy) : state, note };
}

/**
 * One update of a saved state from a logged impression. A state or impression of an older shape
 * (logged before the model changed) is left as it is rather than failing: the next slate resets
 * an old state, and an old impression has nothing to teach the new model.
 */
export function learnSaved(saved: SerializedBandit, log: Pick<ImpressionLog, 'features' | 'propensity'>, reward: number): SerializedBandit {
  const v = validateBanditState(saved);
  if (!v.ok || log.features.length !== DISCOVER_SHAPE.context + DISCOVER_SHAPE.action + DISCOVER_SHAPE.linear) return saved;
  const s = v.state.shape;
  if (s.context !== DISCOVER_SHAPE.context || s.action !== DISCOVER_SHAPE.action || s.linear !== DISCOVER_SHAPE.linear) return saved;
  learn(v.state, log, reward);
  return serializeBandit(v.state);
}

function maxCountOf(catalogue: Catalogue): number {
  let maxCount = 0;
  for (const m of catalogue.movies) if (m.n > maxCount) maxCount = m.n;
  return maxCount;
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
 * sample). Mutates `state` (its random stream advances). Each pick says why: the learned interaction
 * that drove it, or "something different" when it explores.
 */
export function discover(state: BanditState, data: DiscoverData, pool: readonly number[], events: readonly FeedbackEvent[], slots: number, now: Date): DiscoverPick[] {
  const maxCount = maxCountOf(data.catalogue);
  const ctx = { taste: userTaste(tasteEvents(data, events, maxCount), DISCOVER_SPEC), intent: null, time: timeOfUse(now) };
  const candidates = pool.map((i) => ({ id: data.catalogue.movies[i]!.id, features: jointFeatures(DISCOVER_SPEC, ctx, actionOf(data, i, maxCount)) }));
  const decision = decide(state, candidates, slots);
  return decision.picks.map((p, k) => {
    const movie = data.catalogue.movies[pool[p.index]!]!;
    const log = decision.logs[k]!;
    const explanation = explainPick(DISCOVER_SPEC, state, log.features, p.exploratory, LABELS);
    const reasons: Reason[] = p.exploratory ? [{ kind: 'exploration' }] : [];
    return { movie, position: p.position, exploratory: p.exploratory, log, reasons, explanation };
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

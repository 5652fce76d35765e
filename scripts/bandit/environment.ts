/**
 * The offline environment: MovieLens users answer for themselves.
 *
 * - Users are split once (fixed split seed): 80% "community" users, whose ratings play the shared
 *   data the app ships, and 20% "environment" users, who are the simulated app users.
 * - Each environment user's ratings are ordered by time: the earlier half is their past feedback
 *   (it builds their taste vector, as the app's feedback log would), the later half is held out.
 * - A round draws an environment user and M candidates among their held-out movies (only movies
 *   they actually rated are eligible, so the reward of every candidate is known) and the time of one
 *   held-out rating. The reward of a shown movie is its true rating mapped to a reaction:
 *   ≥ 4 → like (+1), ≤ 2 → dislike (−1), otherwise no reaction (0).
 * - Community statistics (popularity, shrunk mean) and the embedding stand-in (SVD item factors)
 *   use the community ratings and the environment users' past halves only: nothing held out leaks.
 * - Moods are a stand-in derived from genres (light, dark, thrilling, serious); there is no query, so
 *   the intent block is zero in the simulation.
 * Rounds are drawn with replacement (i.i.d.), as the off-policy estimators assume.
 */
import { GENRES, type Genre } from '../../src/core/catalogue/types';
import {
  cyclicTime,
  jointDim,
  jointFeatures,
  movieActionFeatures,
  userTaste,
  type ActionFeatures,
  type BanditContext,
  type FeatureSpec,
} from '../../src/core/bandit/features';
import { nextInt, rngFromSeed, type RngState } from '../../src/core/bandit/rng';
import type { MovieLens } from '../pipeline/movielens';
import { itemFactors } from './item-factors';

/** Rating → simulated reaction reward. */
export function ratingReward(rating: number): number {
  if (rating >= 4) return 1;
  if (rating <= 2) return -1;
  return 0;
}

const MOODS: readonly (readonly Genre[])[] = [
  ['Comedy', 'Children', 'Animation', 'Musical'], // light
  ['Horror', 'Thriller', 'Crime', 'Film-Noir', 'Mystery'], // dark
  ['Action', 'Adventure', 'Sci-Fi', 'Fantasy', 'War', 'Western', 'IMAX'], // thrilling
  ['Drama', 'Romance', 'Documentary'], // serious
];

/** A held-out rating of an environment user. */
interface Held {
  item: number;
  reward: number;
  time: number;
}

/** An environment user: taste from the past half, held-out movies to be recommended. */
export interface EnvUser {
  userId: number;
  taste: BanditContext['taste'];
  held: Held[];
}

/** One round: the user, the candidates (item indices) with their true rewards and joint features. */
export interface Round {
  user: number;
  items: number[];
  rewards: number[];
  /** Joint features of each candidate in this round's context. */
  features: Float64Array[];
  /** The round's context and each candidate's action features (for feature maps other than the joint one). */
  ctx: BanditContext;
  actions: ActionFeatures[];
}

export interface Environment {
  spec: FeatureSpec;
  dim: number;
  /** The simulated app users (held-out halves never used for any statistic). */
  users: EnvUser[];
  /** Community users split the same way, for fitting a population prior (their data ships with the app). */
  community: EnvUser[];
  actions: ActionFeatures[];
  /** Community rating count per item (the popularity baseline ranks by it). */
  communityCount: Int32Array;
  nItems: number;
  stats: { communityUsers: number; envUsers: number; eligibleUsers: number; heldOut: number; communityRatings: number };
}

export interface EnvironmentOptions {
  spec: FeatureSpec;
  /** Candidates per round; users with fewer held-out ratings are not eligible. */
  candidates: number;
  splitSeed: number;
  envShare: number;
}

/** Builds the environment from parsed MovieLens (deterministic given the split seed). */
export function buildEnvironment(ml: MovieLens, opts: EnvironmentOptions): Environment {
  const { spec } = opts;
  const itemOf = new Map<number, number>();
  ml.movies.forEach((m, i) => itemOf.set(m.movieId, i));
  const nItems = ml.movies.length;

  const byUser = new Map<number, { item: number; rating: number; time: number }[]>();
  for (const r of ml.ratings) {
    let list = byUser.get(r.userId);
    if (!list) byUser.set(r.userId, (list = []));
    list.push({ item: itemOf.get(r.movieId)!, rating: r.rating, time: r.timestamp });
  }
  const userIds = [...byUser.keys()].sort((a, b) => a - b);
  // Fisher–Yates with the split seed.
  const rng = rngFromSeed(opts.splitSeed);
  for (let i = userIds.length - 1; i > 0; i--) {
    const j = nextInt(rng, i + 1);
    [userIds[i], userIds[j]] = [userIds[j]!, userIds[i]!];
  }
  const nEnv = Math.round(userIds.length * opts.envShare);
  const envIds = new Set(userIds.slice(0, nEnv));

  // Known ratings: community users fully, environment users' past halves.
  const known: { user: number; item: number; rating: number }[] = [];
  let denseUser = 0;
  for (const uid of userIds) {
    const list = byUser.get(uid)!.slice().sort((a, b) => a.time - b.time || a.item - b.item);
    const u = denseUser++;
    if (envIds.has(uid)) {
      for (const r of list.slice(0, Math.floor(list.length / 2))) known.push({ user: u, item: r.item, rating: r.rating });
    } else {
      for (const r of list) known.push({ user: u, item: r.item, rating: r.rating });
    }
  }

  const count = new Int32Array(nItems);
  const sum = new Float64Array(nItems);
  const userSum = new Float64Array(denseUser);
  const userN = new Float64Array(denseUser);
  for (const k of known) {
    count[k.item]!++;
    sum[k.item]! += k.rating;
    userSum[k.user]! += k.rating;
    userN[k.user]!++;
  }
  const factors = itemFactors(
    {
      nUsers: denseUser,
      nItems,
      user: Int32Array.from(known, (k) => k.user),
      item: Int32Array.from(known, (k) => k.item),
      value: Float64Array.from(known, (k) => k.rating - userSum[k.user]! / userN[k.user]!),
    },
    spec.embedding,
  );
  let maxCount = 0;
  for (const c of count) maxCount = Math.max(maxCount, c);

  const actions: ActionFeatures[] = ml.movies.map((m, i) => {
    const mood = MOODS.map((group) => m.genres.filter((g) => group.includes(g)).length);
    const base = movieActionFeatures(
      { genres: m.genres, n: count[i]!, mean: count[i]! > 0 ? sum[i]! / count[i]! : 0 },
      { maxCount },
      spec,
      { embedding: factors.subarray(i * spec.embedding, (i + 1) * spec.embedding), mood },
    );
    return base;
  });
  if (spec.genres !== GENRES.length) throw new Error('the simulator needs the MovieLens genre block');

  const users: EnvUser[] = [];
  const community: EnvUser[] = [];
  let heldOut = 0;
  for (const uid of userIds) {
    const list = byUser.get(uid)!.slice().sort((a, b) => a.time - b.time || a.item - b.item);
    const cut = Math.floor(list.length / 2);
    const h = list.slice(cut).map((r) => ({ item: r.item, reward: ratingReward(r.rating), time: r.time }));
    if (envIds.has(uid)) heldOut += h.length;
    if (h.length < opts.candidates) continue;
    const events = list.slice(0, cut).map((r) => ({ action: actions[r.item]!, reward: ratingReward(r.rating) }));
    (envIds.has(uid) ? users : community).push({ userId: uid, taste: userTaste(events, spec), held: h });
  }
  return {
    spec,
    dim: jointDim(spec),
    users,
    community,
    actions,
    communityCount: count,
    nItems,
    stats: {
      communityUsers: userIds.length - nEnv,
      envUsers: nEnv,
      eligibleUsers: users.length,
      heldOut,
      communityRatings: known.length,
    },
  };
}

/** Draws one i.i.d. round: a user, M distinct held-out candidates, the time of one held-out rating. */
export function drawRound(env: Environment, m: number, rng: RngState): Round {
  const user = nextInt(rng, env.users.length);
  const u = env.users[user]!;
  const held = u.held;
  // Partial Fisher–Yates over indices.
  const idx = Array.from(held.keys());
  for (let i = 0; i < m; i++) {
    const j = i + nextInt(rng, idx.length - i);
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  const when = new Date(held[nextInt(rng, held.length)]!.time * 1000);
  const ctx: BanditContext = {
    taste: u.taste,
    intent: null,
    time: cyclicTime(when.getUTCHours() + when.getUTCMinutes() / 60, when.getUTCDay()),
  };
  const chosen = idx.slice(0, m).map((i) => held[i]!);
  return {
    user,
    items: chosen.map((h) => h.item),
    rewards: chosen.map((h) => h.reward),
    features: chosen.map((h) => jointFeatures(env.spec, ctx, env.actions[h.item]!)),
    ctx,
    actions: chosen.map((h) => env.actions[h.item]!),
  };
}

/** Best achievable slate reward: the sum of the top `slots` true rewards. */
export function oracleReward(round: Round, slots: number): number {
  return round.rewards
    .slice()
    .sort((a, b) => b - a)
    .slice(0, slots)
    .reduce((s, r) => s + r, 0);
}

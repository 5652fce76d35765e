/**
 * Scoring with a trained model for one user given only that user's ratings ("fold-in"): no
 * retraining, so a like can re-rank everything within milliseconds.
 *
 *   r̂_ui = clip(b_ui + α · Σ_{j∈N_k(i;u)} s_ij w_j (r_uj − b_uj) / (Σ s_ij w_j + λ)
 *                     + β · Σ_{v∈N_k'(u;i)} s_uv w_vi (r_vi − b_vi) / (Σ s_uv w_vi + λ'))
 *
 * with b_ui = μ + b_u + b_i, b_u from the same regularised ALS user step as training, N_k(i;u) the
 * k most similar items to i (positive similarity) that u rated, and N_k'(u;i) the k' community
 * users most similar to u (Pearson-baseline with shrinkage, computed here) who rated i.
 * With α = 1, β = 0, λ = 0 this is exactly Surprise's item-based KNNBaseline.
 */
import { userBiasOf } from './baseline';
import { CfError } from './errors';
import type { WeightedRating } from './matrix';
import type { CfModel } from './model';
import { TopK } from '../shared/topk';

/** What the model needs to know about one user; build it with `foldInUser`. */
export interface UserProfile {
  /** b_u by the ALS user step against the model's item biases. */
  bias: number;
  /** Items the user rated, ascending. */
  items: Uint32Array;
  /** Per item: the rating's weight, 0 when unrated. */
  weight: Float32Array;
  /** Per item: r_uj − b_uj where rated. */
  residual: Float32Array;
  /** Per community user: shrunk Pearson-baseline similarity with this user (0 when none or negative). */
  userSim: Float32Array;
}

/** A prediction split into its parts, with the rated items that moved it most. */
export interface PredictionExplanation {
  estimate: number;
  baseline: number;
  /** α × the item–item term (0 when fewer than minK neighbours were rated). */
  itemTerm: number;
  /** β × the user–user term. */
  userTerm: number;
  /** Rated neighbours used, largest contribution first; contributions sum to `itemTerm`. */
  contributors: { item: number; similarity: number; contribution: number }[];
}

/** One recommended item: its ranking score, predicted rating and the rated item that contributed most. */
export interface Recommendation {
  item: number;
  /** The ranking key (`relevance` or predicted rating, per `rankBy`). */
  score: number;
  /** Predicted rating, clipped to the rating scale. */
  rating: number;
  /** The rated item the user liked (residual > 0) that contributed most ("Because you liked X"), or null. */
  because: { item: number; contribution: number } | null;
}

/** How `recommend` orders items. */
export type RankBy = 'relevance' | 'rating';

/**
 * Builds a user's profile from their ratings. Later duplicates of an item override earlier ones.
 * `self` (a community user index) is left out of the user–user neighbours, for users already in the model.
 */
export function foldInUser(model: CfModel, ratings: readonly WeightedRating[], options: { self?: number } = {}): UserProfile {
  const { nItems, nUsers } = model;
  const weight = new Float32Array(nItems);
  const rating = new Float64Array(nItems);
  for (const r of ratings) {
    if (!(Number.isInteger(r.item) && r.item >= 0 && r.item < nItems)) throw new CfError('ERR_CF_INPUT', `item ${r.item} outside 0..${nItems - 1}`);
    if (!Number.isFinite(r.rating)) throw new CfError('ERR_CF_INPUT', `rating of item ${r.item} is not finite`);
    const w = r.weight ?? 1;
    if (!(Number.isFinite(w) && w > 0)) throw new CfError('ERR_CF_INPUT', `weight of item ${r.item} must be > 0, got ${w}`);
    weight[r.item] = w;
    rating[r.item] = r.rating;
  }
  let n = 0;
  for (let i = 0; i < nItems; i++) if (weight[i]! > 0) n++;
  const items = new Uint32Array(n);
  for (let i = 0, p = 0; i < nItems; i++) if (weight[i]! > 0) items[p++] = i;
  const itemRating = new Float64Array(n);
  const itemWeight = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    itemRating[p] = rating[items[p]!]!;
    itemWeight[p] = weight[items[p]!]!;
  }
  const mu = model.globalMean;
  const bias = userBiasOf(items, itemRating, itemWeight, 0, n, mu, model.itemBias, model.options.regUser);
  const residual = new Float32Array(nItems);
  for (const i of items) residual[i] = rating[i]! - mu - bias - model.itemBias[i]!;

  // User–user similarities over co-rated items, accumulated from this user's items' raters.
  const userSim = new Float32Array(nUsers);
  if (model.options.userWeight > 0 && n > 0) {
    const acc = new Float64Array(4 * nUsers);
    const { colPtr, colUser, colResidual, colWeight } = model;
    const self = options.self ?? -1;
    for (const j of items) {
      const ej = residual[j]!;
      const wj = weight[j]!;
      for (let c = colPtr[j]!; c < colPtr[j + 1]!; c++) {
        const v = colUser[c]!;
        if (v === self) continue;
        const ev = colResidual[c]!;
        const pw = colWeight ? wj * colWeight[c]! : wj;
        const a = 4 * v;
        acc[a]! += pw;
        acc[a + 1]! += pw * ej * ev;
        acc[a + 2]! += pw * ej * ej;
        acc[a + 3]! += pw * ev * ev;
      }
    }
    const shrink = model.options.userShrinkage;
    const minSupport = model.options.minSupport;
    for (let v = 0; v < nUsers; v++) {
      const a = 4 * v;
      const cnt = acc[a]!;
      const p = acc[a + 1]!;
      const d = acc[a + 2]! * acc[a + 3]!;
      if (cnt < minSupport || !(d > 0) || !(p > 0)) continue;
      const s = (p / Math.sqrt(d)) * ((cnt - 1) / (cnt - 1 + shrink));
      if (s > 0) userSim[v] = s;
    }
  }
  return { bias, items, weight, residual, userSim };
}

/** Reusable scratch for the user–user top-k selection. */
const scratch = { heap: new TopK(0), score: new Float64Array(0), index: new Uint32Array(0) };

function heapFor(k: number): TopK {
  if (scratch.heap.capacity !== k) {
    scratch.heap = new TopK(k);
    scratch.score = new Float64Array(k);
    scratch.index = new Uint32Array(k);
  }
  scratch.heap.clear();
  return scratch.heap;
}

/** The undamped-weight item term for item i (before α), or 0 below minK rated neighbours. */
function itemTermOf(model: CfModel, p: UserProfile, i: number): number {
  const { ptr, item, sim } = model.neighbours;
  const { k, minK, damping } = model.options;
  if (k === 0) return 0;
  const weight = p.weight;
  let num = 0;
  let den = 0;
  let used = 0;
  for (let q = ptr[i]!, end = ptr[i + 1]!; q < end; q++) {
    const j = item[q]!;
    const w = weight[j]!;
    if (w > 0) {
      const s = sim[q]! * w;
      num += s * p.residual[j]!;
      den += s;
      if (++used === k) break;
    }
  }
  return used >= minK && used > 0 ? num / (den + damping) : 0;
}

/** The user–user term for item i (before β), or 0 below minK similar raters. */
function userTermOf(model: CfModel, p: UserProfile, i: number): number {
  const { userK, minK, userDamping } = model.options;
  if (userK === 0) return 0;
  const { colPtr, colUser, colResidual, colWeight } = model;
  const heap = heapFor(userK);
  const userSim = p.userSim;
  for (let c = colPtr[i]!, end = colPtr[i + 1]!; c < end; c++) {
    const s = userSim[colUser[c]!]!;
    if (s > 0) heap.push(s, c);
  }
  const used = heap.drain(scratch.score, scratch.index);
  if (used < minK || used === 0) return 0;
  let num = 0;
  let den = 0;
  for (let t = 0; t < used; t++) {
    const c = scratch.index[t]!;
    const s = scratch.score[t]! * (colWeight ? colWeight[c]! : 1);
    num += s * colResidual[c]!;
    den += s;
  }
  return num / (den + userDamping);
}

function checkItem(model: CfModel, i: number): void {
  if (!(Number.isInteger(i) && i >= 0 && i < model.nItems)) throw new CfError('ERR_CF_INPUT', `item ${i} outside 0..${model.nItems - 1}`);
}

/** Predicted rating of item `i` for the profiled user, clipped to [minRating, maxRating]. */
export function predictRating(model: CfModel, p: UserProfile, i: number): number {
  checkItem(model, i);
  return predictUnchecked(model, p, i);
}

function predictUnchecked(model: CfModel, p: UserProfile, i: number): number {
  const o = model.options;
  let est = model.globalMean + p.bias + model.itemBias[i]!;
  if (o.itemWeight > 0) est += o.itemWeight * itemTermOf(model, p, i);
  if (o.userWeight > 0) est += o.userWeight * userTermOf(model, p, i);
  return est < o.minRating ? o.minRating : est > o.maxRating ? o.maxRating : est;
}

/** Predicted ratings of every item for the profiled user (rated items included). */
export function scoreAllItems(model: CfModel, p: UserProfile, out: Float32Array = new Float32Array(model.nItems)): Float32Array {
  for (let i = 0; i < model.nItems; i++) out[i] = predictUnchecked(model, p, i);
  return out;
}

/** Splits the prediction of item `i` into baseline, item term (with per-neighbour contributions) and user term. */
export function explainPrediction(model: CfModel, p: UserProfile, i: number): PredictionExplanation {
  checkItem(model, i);
  const o = model.options;
  const { ptr, item, sim } = model.neighbours;
  const used: { item: number; similarity: number; sw: number }[] = [];
  let den = 0;
  if (o.itemWeight > 0 && o.k > 0) {
    for (let q = ptr[i]!; q < ptr[i + 1]! && used.length < o.k; q++) {
      const j = item[q]!;
      const w = p.weight[j]!;
      if (w > 0) {
        used.push({ item: j, similarity: sim[q]!, sw: sim[q]! * w });
        den += sim[q]! * w;
      }
    }
  }
  const active = used.length >= o.minK && used.length > 0;
  const contributors = active
    ? used
        .map((u) => ({ item: u.item, similarity: u.similarity, contribution: (o.itemWeight * u.sw * p.residual[u.item]!) / (den + o.damping) }))
        .sort((a, b) => b.contribution - a.contribution || a.item - b.item)
    : [];
  const itemTerm = contributors.reduce((s, c) => s + c.contribution, 0);
  const userTerm = o.userWeight > 0 ? o.userWeight * userTermOf(model, p, i) : 0;
  return { estimate: predictUnchecked(model, p, i), baseline: model.globalMean + p.bias + model.itemBias[i]!, itemTerm, userTerm, contributors };
}

/**
 * Top-N relevance of item i: Σ_{j∈N_k(i;u)} s_ij · w_j · max(0, 1 + r_uj − b_uj), the classic
 * item-based top-N score (Deshpande & Karypis 2004) with liked items counting more and clearly
 * disliked ones (rated ≥ 1 star below expectation) not at all. It favours items close to many
 * things the user rated, which is what predicts the next watch: on the leave-last-out benchmark
 * it doubles HR@10 over ranking by predicted rating, which prefers obscure, rarely rated films.
 */
function relevanceOf(model: CfModel, p: UserProfile, i: number): number {
  const { ptr, item, sim } = model.neighbours;
  const k = model.options.k;
  let sum = 0;
  let used = 0;
  for (let q = ptr[i]!, end = ptr[i + 1]!; q < end && used < k; q++) {
    const j = item[q]!;
    const w = p.weight[j]!;
    if (w > 0) {
      const lift = 1 + p.residual[j]!;
      if (lift > 0) sum += sim[q]! * w * lift;
      used++;
    }
  }
  return sum;
}

/**
 * Weight of the item baseline μ + b_i in the relevance ranking key: a tie-break, so that items
 * without support (and every item, for a user without ratings) fall back to the damped-mean order.
 */
const BASELINE_TIE_BREAK = 1e-4;

/** Top-N relevance of every item (see `relevanceOf`): the CF feature for ranking rows. */
export function relevanceScores(model: CfModel, p: UserProfile, out: Float32Array = new Float32Array(model.nItems)): Float32Array {
  for (let i = 0; i < model.nItems; i++) out[i] = relevanceOf(model, p, i);
  return out;
}

/** The ranking key `recommend` orders by, for every item (Float64: the tie-break must survive). */
export function rankingScores(model: CfModel, p: UserProfile, rankBy: RankBy = 'relevance', out: Float64Array = new Float64Array(model.nItems)): Float64Array {
  for (let i = 0; i < model.nItems; i++) {
    out[i] =
      rankBy === 'rating'
        ? predictUnchecked(model, p, i)
        : relevanceOf(model, p, i) + BASELINE_TIE_BREAK * (model.globalMean + model.itemBias[i]!);
  }
  return out;
}

/** The liked rated neighbour (residual > 0) contributing most to item i's ranking score, or null. */
export function topContributor(model: CfModel, p: UserProfile, i: number, rankBy: RankBy): Recommendation['because'] {
  if (rankBy === 'rating') {
    const top = explainPrediction(model, p, i).contributors[0];
    return top && top.contribution > 0 && p.residual[top.item]! > 0 ? { item: top.item, contribution: top.contribution } : null;
  }
  const { ptr, item, sim } = model.neighbours;
  let best: Recommendation['because'] = null;
  let used = 0;
  for (let q = ptr[i]!; q < ptr[i + 1]! && used < model.options.k; q++) {
    const j = item[q]!;
    const w = p.weight[j]!;
    if (!(w > 0)) continue;
    used++;
    const r = p.residual[j]!;
    const c = sim[q]! * w * (1 + r);
    if (r > 0 && (!best || c > best.contribution)) best = { item: j, contribution: c };
  }
  return best;
}

/**
 * The `n` best items for the profiled user, best first (ties: lower index), each with the liked
 * item that contributed most. `rankBy: 'relevance'` (default) orders by top-N relevance (see
 * `relevanceOf`) plus 1e-4 × (μ + b_i) as a tie-break — so a user without ratings gets the
 * damped-mean quality order; `'rating'` orders by predicted rating (slower: the user–user term
 * runs for every item). Rated items are skipped unless
 * `includeRated`; `exclude(i)` skips more.
 */
export function recommend(
  model: CfModel,
  p: UserProfile,
  n: number,
  options: { rankBy?: RankBy; includeRated?: boolean; exclude?: (item: number) => boolean } = {},
): Recommendation[] {
  const rankBy = options.rankBy ?? 'relevance';
  const keys = rankingScores(model, p, rankBy);
  const heap = new TopK(Math.max(0, Math.min(n, model.nItems)));
  for (let i = 0; i < model.nItems; i++) {
    if (!options.includeRated && p.weight[i]! > 0) continue;
    if (options.exclude?.(i)) continue;
    heap.push(keys[i]!, i);
  }
  const score = new Float64Array(heap.length);
  const index = new Uint32Array(heap.length);
  const count = heap.drain(score, index);
  const out: Recommendation[] = [];
  for (let t = 0; t < count; t++) {
    const i = index[t]!;
    out.push({ item: i, score: score[t]!, rating: predictUnchecked(model, p, i), because: topContributor(model, p, i, rankBy) });
  }
  return out;
}

/** The `n` items most similar to `item` ("More like this"), most similar first. */
export function similarItems(model: CfModel, item: number, n: number): { item: number; similarity: number }[] {
  checkItem(model, item);
  const { ptr, item: nb, sim } = model.neighbours;
  const out: { item: number; similarity: number }[] = [];
  for (let q = ptr[item]!; q < ptr[item + 1]! && out.length < n; q++) out.push({ item: nb[q]!, similarity: sim[q]! });
  return out;
}

/**
 * Taste vectors: one unit vector per person, comparable between MovieLens community members and
 * local profiles, built from (movie, signal) pairs.
 *
 * Item features f_i: the movie's genres (1 per genre it has) and, when available, its mood scores
 * (0–1 from moods.bin). The baseline b is the mean feature vector over all community ratings
 * (what a typical rating is about). A person's profile is the signed lift of what they react to:
 *
 *   p = Σ_i w_i (f_i − b) / Σ_i |w_i|
 *
 * Community signal: w = clamp((r − μ_u) / ratingScale, −1, 1) + engagement — the rating relative to
 * the member's own mean (so lenient and harsh raters compare), plus a small "chose to watch it" term
 * equal to a click (what people pick to watch is a strong taste signal on its own).
 * Local signal: like +1, dislike −1, plus +0.25 when the movie was opened (clicked) at least once.
 *
 * The genre and mood blocks are each scaled to unit length, then weighted so that the genre block
 * carries 1 − moodShare of the squared norm and the mood block moodShare (moods are partly derived
 * from genres, so an equal share would count genres twice). The result has unit length, so k-means
 * on it is close to clustering by cosine similarity. A block with no signal stays zero.
 */
import type { MovieIndexEntry, RatingsCOO } from '../catalogue/types';
import { GENRES } from '../catalogue/types';
import type { MoodId } from '../mood/moods';
import type { FeedbackEvent } from '../analytics/events';
import { ClusterError } from './errors';
import type { Points } from './points';

/** How signals are built and blocks weighted. */
export interface TasteOptions {
  /** Rating distance from the member's mean that counts as a full like (+1) or dislike (−1). */
  ratingScale: number;
  /** Signal added to every community rating for having watched the movie (same as a click). */
  engagement: number;
  /** Signal of a local click (once per movie). */
  clickWeight: number;
  /** Share of the squared norm given to the mood block when moods are present (0–1). */
  moodShare: number;
}

export const DEFAULT_TASTE: TasteOptions = { ratingScale: 1.5, engagement: 0.25, clickWeight: 0.25, moodShare: 0.35 };

/** Merges and validates options (the one place defaults apply). */
export function resolveTasteOptions(options: Partial<TasteOptions> = {}): TasteOptions {
  const o = { ...DEFAULT_TASTE, ...options };
  if (!(o.ratingScale > 0)) throw new ClusterError('ERR_CLUSTER_OPTIONS', `ratingScale must be > 0, got ${o.ratingScale}`);
  if (!(o.moodShare >= 0 && o.moodShare <= 1)) throw new ClusterError('ERR_CLUSTER_OPTIONS', `moodShare must be in [0, 1], got ${o.moodShare}`);
  if (!(o.engagement >= 0) || !(o.clickWeight >= 0)) throw new ClusterError('ERR_CLUSTER_OPTIONS', 'engagement and clickWeight must be ≥ 0');
  return o;
}

/** Per-movie feature rows and what each column means. */
export interface ItemFeatures {
  nItems: number;
  /** Genre columns first (GENRES order), then mood columns. */
  genres: readonly string[];
  moods: readonly MoodId[];
  /** nItems × (genres + moods), row-major. */
  data: Float32Array;
}

/** A per-movie mood matrix as decoded from moods.bin (rows in catalogue order). */
export interface MoodScores {
  moods: readonly MoodId[];
  nMovies: number;
  scores: Float32Array;
}

/** Feature rows for the catalogue (genres, plus moods when `moods` is given and matches). */
export function buildItemFeatures(movies: readonly MovieIndexEntry[], moods: MoodScores | null): ItemFeatures {
  if (moods && moods.nMovies !== movies.length) throw new ClusterError('ERR_CLUSTER_INPUT', `mood matrix has ${moods.nMovies} rows, the catalogue ${movies.length}`);
  const g = GENRES.length;
  const m = moods ? moods.moods.length : 0;
  const d = g + m;
  const data = new Float32Array(movies.length * d);
  const col = new Map<string, number>(GENRES.map((name, i) => [name, i]));
  movies.forEach((movie, i) => {
    for (const name of movie.genres) data[i * d + col.get(name)!] = 1;
    if (moods) data.set(moods.scores.subarray(i * m, i * m + m), i * d + g);
  });
  return { nItems: movies.length, genres: GENRES, moods: moods ? moods.moods : [], data };
}

/** Width of a feature row. */
export const featureDim = (f: ItemFeatures) => f.genres.length + f.moods.length;

/** Mean feature row over items weighted by `weights` (community rating counts → the rating baseline). */
export function featureBaseline(f: ItemFeatures, weights: ArrayLike<number>): Float64Array {
  if (weights.length !== f.nItems) throw new ClusterError('ERR_CLUSTER_INPUT', `${weights.length} weights for ${f.nItems} items`);
  const d = featureDim(f);
  const out = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < f.nItems; i++) {
    const w = weights[i]!;
    if (!w) continue;
    total += w;
    for (let t = 0; t < d; t++) out[t]! += w * f.data[i * d + t]!;
  }
  if (total > 0) for (let t = 0; t < d; t++) out[t]! /= total;
  return out;
}

/** A (movie row, signal) list. */
export interface Signals {
  items: Int32Array;
  weights: Float64Array;
}

/** Local signals from feedback events: like +1, dislike −1 (latest opinion wins), +clickWeight once if opened. */
export function signalsFromEvents(events: readonly FeedbackEvent[], indexOf: ReadonlyMap<number, number>, options: Partial<TasteOptions> = {}): Signals {
  const o = resolveTasteOptions(options);
  const opinion = new Map<number, number>();
  const clicked = new Set<number>();
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    if (!indexOf.has(e.movieId)) continue;
    if (e.kind === 'click') clicked.add(e.movieId);
    else opinion.set(e.movieId, e.kind === 'like' ? 1 : -1);
  }
  const ids = [...new Set([...opinion.keys(), ...clicked])].sort((a, b) => a - b);
  const items: number[] = [];
  const weights: number[] = [];
  for (const id of ids) {
    const w = (opinion.get(id) ?? 0) + (clicked.has(id) ? o.clickWeight : 0);
    if (w === 0) continue;
    items.push(indexOf.get(id)!);
    weights.push(w);
  }
  return { items: Int32Array.from(items), weights: Float64Array.from(weights) };
}

/** Community signals per user: clamp((r − μ_u)/ratingScale, −1, 1) + engagement. */
export function signalsFromRatings(r: RatingsCOO, options: Partial<TasteOptions> = {}): Signals[] {
  const o = resolveTasteOptions(options);
  const n = r.rating.length;
  const sum = new Float64Array(r.nUsers);
  const count = new Int32Array(r.nUsers);
  for (let k = 0; k < n; k++) {
    sum[r.user[k]!]! += r.rating[k]!;
    count[r.user[k]!]!++;
  }
  const out: Signals[] = Array.from({ length: r.nUsers }, (_, u) => ({ items: new Int32Array(count[u]!), weights: new Float64Array(count[u]!) }));
  const fill = new Int32Array(r.nUsers);
  for (let k = 0; k < n; k++) {
    const u = r.user[k]!;
    const mu = sum[u]! / count[u]!;
    const w = Math.max(-1, Math.min(1, (r.rating[k]! - mu) / o.ratingScale)) + o.engagement;
    const s = out[u]!;
    s.items[fill[u]!] = r.item[k]!;
    s.weights[fill[u]!] = w;
    fill[u]!++;
  }
  return out;
}

/** Writes the taste vector of `signals` into `out` (length = feature width); returns false when it is zero. */
export function tasteVectorInto(signals: Signals, f: ItemFeatures, baseline: Float64Array, out: Float64Array, options: Partial<TasteOptions> = {}): boolean {
  const o = resolveTasteOptions(options);
  const d = featureDim(f);
  const g = f.genres.length;
  if (out.length !== d || baseline.length !== d) throw new ClusterError('ERR_CLUSTER_INPUT', `vector and baseline need ${d} values`);
  out.fill(0);
  let absSum = 0;
  for (let p = 0; p < signals.items.length; p++) {
    const i = signals.items[p]!;
    const w = signals.weights[p]!;
    if (i < 0 || i >= f.nItems) throw new ClusterError('ERR_CLUSTER_INPUT', `item ${i} is outside the catalogue`);
    absSum += Math.abs(w);
    for (let t = 0; t < d; t++) out[t]! += w * (f.data[i * d + t]! - baseline[t]!);
  }
  if (absSum === 0) return false;
  const scaleBlock = (from: number, to: number, share: number) => {
    let s = 0;
    for (let t = from; t < to; t++) s += out[t]! * out[t]!;
    const len = Math.sqrt(s);
    const k = len > 1e-12 ? Math.sqrt(share) / len : 0;
    for (let t = from; t < to; t++) out[t]! *= k;
    return len > 1e-12 ? share : 0;
  };
  const moodShare = f.moods.length ? o.moodShare : 0;
  const kept = scaleBlock(0, g, 1 - moodShare) + scaleBlock(g, d, moodShare);
  if (kept === 0) return false;
  // Renormalise when one block was empty so every non-zero vector has unit length.
  if (kept !== 1) for (let t = 0; t < d; t++) out[t]! /= Math.sqrt(kept);
  return true;
}

/** The taste vector of `signals` (unit length), or null when there is no signal. */
export function tasteVector(signals: Signals, f: ItemFeatures, baseline: Float64Array, options: Partial<TasteOptions> = {}): Float64Array | null {
  const out = new Float64Array(featureDim(f));
  return tasteVectorInto(signals, f, baseline, out, options) ? out : null;
}

/** Taste vectors of every community member (rows in user order; a member with no signal is a zero row). */
export function communityTasteVectors(r: RatingsCOO, f: ItemFeatures, baseline: Float64Array, options: Partial<TasteOptions> = {}): { points: Points; empty: number[] } {
  if (r.nItems !== f.nItems) throw new ClusterError('ERR_CLUSTER_INPUT', `ratings cover ${r.nItems} items, features ${f.nItems}`);
  const d = featureDim(f);
  const data = new Float64Array(r.nUsers * d);
  const empty: number[] = [];
  signalsFromRatings(r, options).forEach((s, u) => {
    if (!tasteVectorInto(s, f, baseline, data.subarray(u * d, u * d + d), options)) empty.push(u);
  });
  return { points: { n: r.nUsers, d, data }, empty };
}

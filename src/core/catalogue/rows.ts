/** Non-personalised rows for the home page: popular, top rated (damped mean) and per-genre. */
import { bayesianMean } from '../cf/popularity';
import type { Catalogue } from './catalogue';
import { isContentOnly } from './extended';
import type { Genre, MovieIndexEntry } from './types';

/**
 * Bayesian (damped) mean: the movie's mean pulled towards the prior mean with the weight of
 * `priorWeight` pseudo-ratings, so a film with two 5-star ratings does not top the chart.
 */
export function dampedMean(mean: number, n: number, priorMean: number, priorWeight: number): number {
  return bayesianMean(mean * n, n, priorMean, priorWeight);
}

/** Default pseudo-rating weight for "Top rated" (about the median count of the top 500 movies). */
export const TOP_RATED_PRIOR_WEIGHT = 20;

export interface RowOptions {
  limit?: number;
  /** Movies to leave out (e.g. already liked or disliked). */
  exclude?: ReadonlySet<number>;
}

/**
 * The first `limit` movies of `pool` in `better` order, leaving out `exclude`: the same list as a
 * stable sort followed by taking the head, but in one pass that keeps a sorted buffer of `limit`
 * (a Home row needs 20 of 9,742 movies, so no full sort runs on the main thread at start-up).
 */
export function selectTop<T extends MovieIndexEntry>(
  pool: Iterable<T>,
  better: (a: T, b: T) => number,
  opts: RowOptions = {},
): T[] {
  const { limit = 20, exclude } = opts;
  const out: T[] = [];
  if (limit <= 0) return out;
  for (const m of pool) {
    if (exclude?.has(m.id)) continue;
    // Not strictly before the last kept one: a stable sort would place it after.
    if (out.length >= limit && better(m, out[out.length - 1]!) >= 0) continue;
    let i = out.length;
    while (i > 0 && better(m, out[i - 1]!) < 0) i--;
    out.splice(i, 0, m);
    if (out.length > limit) out.pop();
  }
  return out;
}

/** The movies with community ratings: rating-based rows never show content-only entries. */
function rated(cat: Catalogue): readonly MovieIndexEntry[] {
  return cat.movies.some(isContentOnly) ? cat.movies.filter((m) => !isContentOnly(m)) : cat.movies;
}

/** Most-rated movies, ties broken by damped mean (content-only entries left out). */
export function popular(cat: Catalogue, opts: RowOptions = {}): MovieIndexEntry[] {
  const score = (m: MovieIndexEntry) => dampedMean(m.mean, m.n, cat.globalMean, TOP_RATED_PRIOR_WEIGHT);
  return selectTop(rated(cat), (a, b) => b.n - a.n || score(b) - score(a), opts);
}

/** Highest damped mean rating (content-only entries left out). */
export function topRated(cat: Catalogue, opts: RowOptions & { genre?: Genre } = {}): MovieIndexEntry[] {
  const genre = opts.genre;
  const all = rated(cat);
  const pool = genre ? all.filter((m) => m.genres.includes(genre)) : all;
  const scores = new Map<number, number>();
  for (const m of pool) scores.set(m.id, dampedMean(m.mean, m.n, cat.globalMean, TOP_RATED_PRIOR_WEIGHT));
  return selectTop(pool, (a, b) => scores.get(b.id)! - scores.get(a.id)! || b.n - a.n, opts);
}

/** A quality prior in [0, 1] for ranking: damped mean scaled plus a log-popularity term. */
export function qualityPrior(m: MovieIndexEntry, cat: Catalogue, maxCount: number): number {
  const q = (dampedMean(m.mean, m.n, cat.globalMean, TOP_RATED_PRIOR_WEIGHT) - 0.5) / 4.5;
  const p = maxCount > 0 ? Math.log1p(m.n) / Math.log1p(maxCount) : 0;
  return 0.5 * q + 0.5 * p;
}

/** Genres ordered by how many community ratings their movies received (for per-genre rows). */
export function genresByPopularity(cat: Catalogue): Genre[] {
  const counts = new Map<Genre, number>();
  for (const m of cat.movies) for (const g of m.genres) counts.set(g, (counts.get(g) ?? 0) + m.n);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([g]) => g);
}

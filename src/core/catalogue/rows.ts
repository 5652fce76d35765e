/** Non-personalised rows for the home page: popular, top rated (damped mean) and per-genre. */
import { bayesianMean } from '../cf/popularity';
import type { Catalogue } from './catalogue';
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

function take(sorted: readonly MovieIndexEntry[], opts: RowOptions): MovieIndexEntry[] {
  const { limit = 20, exclude } = opts;
  const out: MovieIndexEntry[] = [];
  for (const m of sorted) {
    if (exclude?.has(m.id)) continue;
    out.push(m);
    if (out.length >= limit) break;
  }
  return out;
}

/** Most-rated movies, ties broken by damped mean. */
export function popular(cat: Catalogue, opts: RowOptions = {}): MovieIndexEntry[] {
  const score = (m: MovieIndexEntry) => dampedMean(m.mean, m.n, cat.globalMean, TOP_RATED_PRIOR_WEIGHT);
  return take([...cat.movies].sort((a, b) => b.n - a.n || score(b) - score(a)), opts);
}

/** Highest damped mean rating. */
export function topRated(cat: Catalogue, opts: RowOptions & { genre?: Genre } = {}): MovieIndexEntry[] {
  const pool = opts.genre ? cat.movies.filter((m) => m.genres.includes(opts.genre!)) : cat.movies;
  const scored = pool.map((m) => ({ m, s: dampedMean(m.mean, m.n, cat.globalMean, TOP_RATED_PRIOR_WEIGHT) }));
  scored.sort((a, b) => b.s - a.s || b.m.n - a.m.n);
  return take(
    scored.map((x) => x.m),
    opts,
  );
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

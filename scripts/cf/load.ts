/** Loads MovieLens latest-small as a RatingsCOO indexed like the app's catalogue (movieId order). */
import type { RatingsCOO } from '../../src/core/catalogue/types';
import { loadMovieLens } from '../pipeline/movielens';

/** The ratings plus the index → original id maps needed to write replayable folds. */
export interface LoadedRatings {
  coo: RatingsCOO;
  /** Dense user index → MovieLens userId. */
  userIds: number[];
  /** Item index → MovieLens movieId (the catalogue order: sorted by movieId). */
  movieIds: number[];
}

/** Reads `dir` with the pipeline's parser and indexes users and movies in ascending id order. */
export function loadRatings(dir: string): LoadedRatings {
  const ml = loadMovieLens(dir);
  const movieIds = ml.movies.map((m) => m.movieId).sort((a, b) => a - b);
  const itemOf = new Map(movieIds.map((id, i) => [id, i]));
  const userIds = [...new Set(ml.ratings.map((r) => r.userId))].sort((a, b) => a - b);
  const userOf = new Map(userIds.map((id, i) => [id, i]));
  const n = ml.ratings.length;
  const coo: RatingsCOO = {
    nUsers: userIds.length,
    nItems: movieIds.length,
    user: new Uint32Array(n),
    item: new Uint32Array(n),
    rating: new Float32Array(n),
    time: new Uint32Array(n),
  };
  ml.ratings.forEach((r, k) => {
    coo.user[k] = userOf.get(r.userId)!;
    coo.item[k] = itemOf.get(r.movieId)!;
    coo.rating[k] = r.rating;
    coo.time[k] = r.timestamp;
  });
  return { coo, userIds, movieIds };
}

/** The ratings whose `keep(k)` is true, as a new RatingsCOO with the same user and item spaces. */
export function subsetCoo(coo: RatingsCOO, keep: (k: number) => boolean): RatingsCOO {
  const idx: number[] = [];
  for (let k = 0; k < coo.rating.length; k++) if (keep(k)) idx.push(k);
  const pick = <T extends Uint32Array | Float32Array>(src: ArrayLike<number>, dst: T): T => {
    idx.forEach((k, p) => (dst[p] = src[k]!));
    return dst;
  };
  return {
    nUsers: coo.nUsers,
    nItems: coo.nItems,
    user: pick(coo.user, new Uint32Array(idx.length)),
    item: pick(coo.item, new Uint32Array(idx.length)),
    rating: pick(coo.rating, new Float32Array(idx.length)),
    time: pick(coo.time, new Uint32Array(idx.length)),
  };
}

/**
 * Simulated users for the personalisation check. Seeded choice of MovieLens users with ≥ 30
 * ratings and ≥ 10 likes (rating ≥ 4); each user's last 5 likes by timestamp are held out. The CF
 * model is trained on the ratings of every other user (the chosen users are removed entirely and
 * then folded in, as the app folds in its user), and the catalogue's rating counts and means (the
 * quality prior) are recomputed from those training ratings, so no held-out rating is seen.
 * Each user's remaining ratings become feedback (≥ 4 → like, ≤ 2 → dislike, others dropped) at
 * their MovieLens times; the user searches at the time of their first held-out like for
 * "a good <genre> movie", <genre> the most common genre of their held-out likes.
 */
import { createCatalogue, type Catalogue } from '../../src/core/catalogue/catalogue';
import { GENRES, type Genre, type RatingsCOO } from '../../src/core/catalogue/types';
import { trainCf, type CfModel } from '../../src/core/cf/model';
import type { FeedbackEvent } from '../../src/core/engine/engine';
import { trainEase, type EaseModel } from '../../src/core/topn/ease';
import { communityValue, TOPN_DEFAULTS } from '../../src/core/topn/input';
import { createRng, shuffleInPlace } from '../../src/core/random';

/** Words the query parser maps to each genre ("a good sci-fi movie"). */
const GENRE_WORD: Record<Genre, string | null> = {
  Action: 'action', Adventure: 'adventure', Animation: 'animated', Children: 'family', Comedy: 'comedy', Crime: 'crime',
  Documentary: 'documentary', Drama: 'drama', Fantasy: 'fantasy', 'Film-Noir': 'film noir', Horror: 'horror', IMAX: null,
  Musical: 'musical', Mystery: 'mystery', Romance: 'romance', 'Sci-Fi': 'sci-fi', Thriller: 'thriller', War: 'war', Western: 'western',
};

export interface SimUser {
  user: number;
  /** Held-out liked items (catalogue indices). */
  heldOut: number[];
  /** Items the user rated apart from the held-out ones (not candidates). */
  rated: Set<number>;
  events: FeedbackEvent[];
  /** Search time (ms). */
  now: number;
  genre: Genre;
  query: string;
}

export interface SimSetup {
  users: SimUser[];
  cf: CfModel;
  /** The top-N (ranking) model trained on the same ratings, as the app uses it. */
  ranking: EaseModel;
  /** Catalogue whose counts and means come from the training ratings only. */
  catalogue: Catalogue;
  trainRatings: number;
}

/** Picks `nUsers` users with `seed`, holds out their last `holdOut` likes, trains CF without them. */
export function simulateUsers(coo: RatingsCOO, catalogue: Catalogue, opts: { nUsers: number; seed: number; holdOut: number; minRatings: number; minLikes: number }): SimSetup {
  const byUser: number[][] = Array.from({ length: coo.nUsers }, () => []);
  for (let r = 0; r < coo.rating.length; r++) byUser[coo.user[r]!]!.push(r);
  const eligible = byUser
    .map((rows, u) => ({ u, rows }))
    .filter(({ rows }) => rows.length >= opts.minRatings && rows.filter((r) => coo.rating[r]! >= 4).length >= opts.minLikes)
    .map(({ u }) => u);
  const chosen = shuffleInPlace(eligible.slice(), createRng(opts.seed)).slice(0, opts.nUsers).sort((a, b) => a - b);
  const chosenSet = new Set(chosen);

  // Training ratings: everyone else.
  const keep: number[] = [];
  for (let r = 0; r < coo.rating.length; r++) if (!chosenSet.has(coo.user[r]!)) keep.push(r);
  const train: RatingsCOO = {
    nUsers: coo.nUsers,
    nItems: coo.nItems,
    user: Uint32Array.from(keep, (r) => coo.user[r]!),
    item: Uint32Array.from(keep, (r) => coo.item[r]!),
    rating: Float32Array.from(keep, (r) => coo.rating[r]!),
    time: Uint32Array.from(keep, (r) => coo.time[r]!),
  };
  const n = new Float64Array(coo.nItems);
  const sum = new Float64Array(coo.nItems);
  for (let k = 0; k < keep.length; k++) {
    n[train.item[k]!]!++;
    sum[train.item[k]!]! += train.rating[k]!;
  }
  const trainCatalogue = createCatalogue(catalogue.movies.map((m, i) => ({ ...m, n: n[i]!, mean: n[i]! ? sum[i]! / n[i]! : 0 })));
  const cf = trainCf(train);
  const ranking = trainEase(train, { lambda: TOPN_DEFAULTS.lambda, value: communityValue(TOPN_DEFAULTS.community) });

  const users = chosen.map((u): SimUser => {
    const rows = byUser[u]!;
    const likes = rows.filter((r) => coo.rating[r]! >= 4).sort((a, b) => coo.time[b]! - coo.time[a]! || coo.item[b]! - coo.item[a]!);
    const held = likes.slice(0, opts.holdOut);
    const heldSet = new Set(held);
    const heldOut = held.map((r) => coo.item[r]!);
    const rest = rows.filter((r) => !heldSet.has(r));
    const events: FeedbackEvent[] = [];
    for (const r of rest) {
      const rating = coo.rating[r]!;
      const kind = rating >= 4 ? 'like' : rating <= 2 ? 'dislike' : null;
      if (kind) events.push({ movieId: catalogue.movies[coo.item[r]!]!.id, kind, at: coo.time[r]! * 1000 });
    }
    const tally = new Map<Genre, number>();
    for (const i of heldOut) for (const g of catalogue.movies[i]!.genres) if (GENRE_WORD[g]) tally.set(g, (tally.get(g) ?? 0) + 1);
    const genre = [...GENRES].filter((g) => tally.has(g)).sort((a, b) => tally.get(b)! - tally.get(a)! || GENRES.indexOf(a) - GENRES.indexOf(b))[0] ?? 'Drama';
    return {
      user: u,
      heldOut,
      rated: new Set(rest.map((r) => coo.item[r]!)),
      events,
      now: Math.min(...held.map((r) => coo.time[r]!)) * 1000,
      genre,
      query: `a good ${GENRE_WORD[genre]} movie`,
    };
  });
  return { users, cf, ranking, catalogue: trainCatalogue, trainRatings: keep.length };
}

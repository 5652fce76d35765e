/** Benchmark helpers: predicting held-out pairs and ranking held-out items with a CF model. */
import { foldInUser, predictRating } from '../../src/core/cf/foldin';
import { userRatings, type CfModel } from '../../src/core/cf/model';
import { rankOf } from '../../src/core/eval/metrics';

/** Predictions for the (user, item) pairs, folding each user in once from their training ratings. */
export function predictPairs(model: CfModel, users: ArrayLike<number>, items: ArrayLike<number>): Float32Array {
  const order = Array.from({ length: users.length }, (_, k) => k).sort((a, b) => users[a]! - users[b]! || a - b);
  const out = new Float32Array(users.length);
  let current = -1;
  let profile = foldInUser(model, []);
  for (const k of order) {
    const u = users[k]!;
    if (u !== current) {
      current = u;
      profile = foldInUser(model, userRatings(model, u), { self: u });
    }
    out[k] = predictRating(model, profile, items[k]!);
  }
  return out;
}

/** 0-based rank of each user's held-out item among the items they did not rate in training. */
export function heldOutRanks(
  nItems: number,
  heldOut: ArrayLike<number>,
  rated: (u: number) => ArrayLike<number>,
  scores: (u: number) => ArrayLike<number>,
): Float64Array {
  const ranks = new Float64Array(heldOut.length);
  const seen = new Int32Array(nItems).fill(-1);
  for (let u = 0; u < heldOut.length; u++) {
    const r = rated(u);
    for (let t = 0; t < r.length; t++) seen[r[t]!] = u;
    ranks[u] = rankOf(scores(u), heldOut[u]!, (j) => seen[j] !== u);
  }
  return ranks;
}

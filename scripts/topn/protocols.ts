/**
 * Top-N evaluation protocols on a RatingsCOO and the baselines they compare against. A split marks
 * each rating as test (1) or training (0):
 *   last5     each user's last 5 ratings by timestamp held out (ties: higher item index is later)
 *   loo       leave-last-out: the last rating only
 *   random20  a seeded random 20% (rounded, at least 1) of each user's ratings ≥ 4.0
 * `earlier(split)` applies a temporal protocol once more to the training part: the validation
 * split the defaults are tuned on, so the reported test split is never looked at while tuning.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RatingsCOO } from '../../src/core/catalogue/types';
import { rankOf } from '../../src/core/eval/metrics';
import { createRng, shuffleInPlace } from '../../src/core/random';
import { listMetrics } from '../../src/core/eval/metrics';
import type { LoadedRatings } from '../cf/load';

export type Protocol = 'last5' | 'loo' | 'random20';

/** Rating positions of each user, oldest first (time, then item index). */
export function byUserChronological(coo: RatingsCOO, keep: (k: number) => boolean = () => true): number[][] {
  const out: number[][] = Array.from({ length: coo.nUsers }, () => []);
  for (let k = 0; k < coo.rating.length; k++) if (keep(k)) out[coo.user[k]!]!.push(k);
  for (const ks of out) ks.sort((a, b) => coo.time[a]! - coo.time[b]! || coo.item[a]! - coo.item[b]!);
  return out;
}

/** The test flags of `protocol` over the ratings with `keep(k)` (others stay 0 and must be ignored). */
export function split(coo: RatingsCOO, protocol: Protocol, seed: number, keep: (k: number) => boolean = () => true): Uint8Array {
  const test = new Uint8Array(coo.rating.length);
  const users = byUserChronological(coo, keep);
  if (protocol === 'random20') {
    const rng = createRng(seed);
    for (const ks of users) {
      const liked = ks.filter((k) => coo.rating[k]! >= 4);
      if (!liked.length) continue;
      shuffleInPlace(liked, rng);
      const n = Math.max(1, Math.round(0.2 * liked.length));
      for (const k of liked.slice(0, n)) test[k] = 1;
    }
    return test;
  }
  const n = protocol === 'last5' ? 5 : 1;
  for (const ks of users) {
    if (ks.length <= n) continue; // keep at least one training rating
    for (const k of ks.slice(ks.length - n)) test[k] = 1;
  }
  return test;
}

/** One evaluation split: training COO and each user's test items. */
export interface Split {
  name: string;
  train: RatingsCOO;
  /** Indices into the full COO of the training ratings (for times). */
  trainIndex: number[];
  test: number[][];
}

export function makeSplit(coo: RatingsCOO, name: string, test: Uint8Array, keep: (k: number) => boolean = () => true): Split {
  const trainIndex: number[] = [];
  const testItems: number[][] = Array.from({ length: coo.nUsers }, () => []);
  for (let k = 0; k < coo.rating.length; k++) {
    if (!keep(k)) continue;
    if (test[k]) testItems[coo.user[k]!]!.push(coo.item[k]!);
    else trainIndex.push(k);
  }
  const pick = <T extends Uint32Array | Float32Array>(src: ArrayLike<number>, dst: T): T => {
    trainIndex.forEach((k, p) => (dst[p] = src[k]!));
    return dst;
  };
  const n = trainIndex.length;
  const train: RatingsCOO = {
    nUsers: coo.nUsers,
    nItems: coo.nItems,
    user: pick(coo.user, new Uint32Array(n)),
    item: pick(coo.item, new Uint32Array(n)),
    rating: pick(coo.rating, new Float32Array(n)),
    time: pick(coo.time, new Uint32Array(n)),
  };
  return { name, train, trainIndex, test: testItems };
}

/** Writes a split as `userId,movieId,rating,test` (1 = held out), with a header, for replay by other tools. */
export function writeSplitCsv(file: string, data: LoadedRatings, test: Uint8Array, keep: (k: number) => boolean = () => true): void {
  const { coo, userIds, movieIds } = data;
  const lines = ['userId,movieId,rating,test'];
  for (let k = 0; k < coo.rating.length; k++) if (keep(k)) lines.push(`${userIds[coo.user[k]!]},${movieIds[coo.item[k]!]},${coo.rating[k]},${test[k]}`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\n') + '\n');
}

/** Per-user metrics (users with at least one test item), in user order. */
export interface UserMetrics {
  users: number[];
  recall20: number[];
  ndcg20: number[];
  hr10: number[];
}

/**
 * Scores every user with `scores(u)` (over all items) and ranks their test items among every item
 * they did not rate in training (rankOf: strictly higher plus half the ties).
 */
export function evaluate(s: Split, scores: (u: number) => ArrayLike<number>): UserMetrics {
  const { train, test } = s;
  const seen = new Int32Array(train.nItems).fill(-1);
  const rowsOf: number[][] = Array.from({ length: train.nUsers }, () => []);
  for (let k = 0; k < train.rating.length; k++) rowsOf[train.user[k]!]!.push(train.item[k]!);
  const out: UserMetrics = { users: [], recall20: [], ndcg20: [], hr10: [] };
  for (let u = 0; u < train.nUsers; u++) {
    const rel = test[u]!;
    if (!rel.length) continue;
    for (const i of rowsOf[u]!) seen[i] = u;
    const sc = scores(u);
    const eligible = (j: number) => seen[j] !== u;
    const pos = rel.map((i) => rankOf(sc, i, eligible));
    const m = listMetrics(pos, rel.length, 20);
    out.users.push(u);
    out.recall20.push(m.recall);
    out.ndcg20.push(listMetrics(pos, rel.length, 20).ndcg);
    out.hr10.push(pos.some((p) => p < 10) ? 1 : 0);
  }
  return out;
}

/** Training items of each user in a split, with their ratings and times. */
export function trainRows(s: Split): { item: number; rating: number; at: number }[][] {
  const rows: { item: number; rating: number; at: number }[][] = Array.from({ length: s.train.nUsers }, () => []);
  for (let k = 0; k < s.train.rating.length; k++) rows[s.train.user[k]!]!.push({ item: s.train.item[k]!, rating: s.train.rating[k]!, at: s.train.time[k]! });
  return rows;
}

/**
 * The ranking decisions behind one Discover slate, out of the worker so they are tested in Node:
 * which candidates the bandit chooses among and how its random stream is seeded (a saved bandit is
 * resumed by `resumeDiscoverBandit` in ./discover). The worker only loads data and calls these.
 */
import type { Catalogue } from '../catalogue/catalogue';
import { createRng } from '../random';

/** The knobs of the Discover slate, with the reason for each value. */
export const DISCOVER_SLATE = Object.freeze({
  /** The user's best hybrid picks offered to the bandit: enough to exploit, few enough to stay relevant. */
  topPicks: 150,
  /** Movies sampled from the wider catalogue on top, so there is something to explore. */
  sampled: 50,
  /** A sampled movie needs this many community ratings (its features mean something). */
  minRatings: 5,
  /** The sample changes once an hour (same slate within the hour, fresh ones over a day). */
  reseedMs: 3_600_000,
});

/** The seed of the wider-catalogue sample at time `now`: the user's seed plus the current hour. */
export function sampleSeed(userSeed: number, now: number): number {
  return userSeed + Math.floor(now / DISCOVER_SLATE.reseedMs);
}

/**
 * The candidate pool (catalogue indices): the user's top picks (best first), then `sampled`
 * movies drawn without replacement, with `seed`, from those with at least `minRatings` ratings
 * that the user has not rated and that are not already in the pool.
 */
export function discoverCandidates(catalogue: Catalogue, topPicks: readonly number[], rated: ReadonlySet<number>, seed: number): number[] {
  const pool = new Set(topPicks.slice(0, DISCOVER_SLATE.topPicks));
  const rng = createRng(seed);
  const eligible = catalogue.movies.flatMap((m, i) => (m.n >= DISCOVER_SLATE.minRatings && !rated.has(m.id) && !pool.has(i) ? [i] : []));
  for (let t = 0; t < DISCOVER_SLATE.sampled && eligible.length; t++) pool.add(eligible.splice(Math.floor(rng() * eligible.length), 1)[0]!);
  return [...pool];
}

/** A stable per-user seed for the bandit's random stream (FNV-1a of the user id). */
export function userSeed(userId: string): number {
  let h = 2166136261;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 16777619);
  return h >>> 0;
}

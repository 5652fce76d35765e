/** Seeded pseudo-random numbers for every algorithm that needs randomness (never Math.random). */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** Mutable holder of a mulberry32 state (an unsigned 32-bit integer), for generators that persist it. */
export interface RngState {
  s: number;
}

/** The core's one mulberry32 step (32-bit state, period 2^32): advances `state`, returns a uniform in [0, 1). */
export function nextUniform(state: RngState): number {
  state.s = (state.s + 0x6d2b79f5) >>> 0;
  let t = state.s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Returns a mulberry32 generator seeded with the 32-bit integer `seed`: same seed, same sequence. */
export function createRng(seed: number): Rng {
  const state: RngState = { s: seed >>> 0 };
  return () => nextUniform(state);
}

/** Returns an integer uniform in [0, n) drawn from `rng`. */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates shuffle of `arr` in place with `rng`; returns `arr`. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(arr: T, rng: Rng): T {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = arr[i];
    arr[i] = arr[j];
    arr[j] = tmp;
  }
  return arr;
}

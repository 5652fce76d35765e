/**
 * The bandit's seeded random numbers: mulberry32 (32-bit state, period 2^32) for uniforms and
 * Box–Muller for standard normals. The state is one plain number kept inside the bandit state,
 * so a stored bandit resumes exactly the same random stream after a reload.
 */

/** Mutable holder of a mulberry32 state (an unsigned 32-bit integer). */
export interface RngState {
  s: number;
}

/** Creates a generator state from any number seed (hashed to 32 bits, so nearby seeds differ). */
export function rngFromSeed(seed: number): RngState {
  // SplitMix-style avalanche so seeds 1, 2, 3 … start far apart.
  let z = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return { s: (z ^ (z >>> 16)) >>> 0 };
}

/** Next uniform number in [0, 1); advances `rng`. */
export function nextUniform(rng: RngState): number {
  rng.s = (rng.s + 0x6d2b79f5) >>> 0;
  let t = rng.s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Next standard normal N(0, 1) by Box–Muller (uses two uniforms, keeps no spare). */
export function nextGaussian(rng: RngState): number {
  const u1 = 1 - nextUniform(rng); // (0, 1]: log is finite
  const u2 = nextUniform(rng);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Uniform integer in [0, n); advances `rng`. */
export function nextInt(rng: RngState, n: number): number {
  return Math.min(n - 1, Math.floor(nextUniform(rng) * n));
}

/** A `() => number` view of a state, for code that wants a plain generator function. */
export function uniformFn(rng: RngState): () => number {
  return () => nextUniform(rng);
}

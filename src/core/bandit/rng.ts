/**
 * The bandit's seeded random numbers: the core's mulberry32 (src/core/random.ts) for uniforms and
 * Box–Muller for standard normals. The state is one plain number kept inside the bandit state,
 * so a stored bandit resumes exactly the same random stream after a reload.
 */

import { nextUniform, type RngState } from '../random';

export { nextUniform, type RngState };

/** Creates a generator state from any number seed (hashed to 32 bits, so nearby seeds differ). */
export function rngFromSeed(seed: number): RngState {
  // SplitMix-style avalanche so seeds 1, 2, 3 … start far apart.
  let z = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return { s: (z ^ (z >>> 16)) >>> 0 };
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

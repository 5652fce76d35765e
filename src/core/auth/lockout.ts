/**
 * Brute-force delay: the first few failures are free, then each further failure locks the
 * profile for a delay that doubles, up to a cap. Pure maths on a small persisted state.
 */

/** Tuning of the lockout. */
export interface LockoutPolicy {
  /** Failures allowed before the first lock. */
  freeFailures: number;
  /** Lock after the first counted failure, in ms. */
  baseDelayMs: number;
  /** Longest lock, in ms. */
  maxDelayMs: number;
  /** After this long without a failure the count starts again, in ms. */
  forgetAfterMs: number;
}

/** Failure count and lock time of one profile (stored as LoginAttemptRecord). */
export interface LockoutState {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = {
  freeFailures: 4,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Defaults merged with overrides, checked once. */
export function resolveLockoutPolicy(overrides: Partial<LockoutPolicy> = {}): LockoutPolicy {
  const p = { ...DEFAULT_LOCKOUT, ...overrides };
  for (const [k, v] of Object.entries(p)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`lockout.${k} must be a finite number ≥ 0, got ${v}`);
  }
  if (p.maxDelayMs < p.baseDelayMs) throw new RangeError('lockout.maxDelayMs must be ≥ baseDelayMs');
  return p;
}

/** Lock imposed after the `failures`-th consecutive failure: 0 while free, then base·2^k, capped. */
export function lockDelayMs(failures: number, policy: LockoutPolicy): number {
  const counted = failures - policy.freeFailures;
  if (counted <= 0) return 0;
  // 2^(counted-1) overflows nothing: the cap is reached long before the exponent matters.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(counted - 1, 40));
}

/** Milliseconds until another attempt is allowed (0 when not locked). */
export function lockRemainingMs(state: LockoutState | undefined, now: number): number {
  return state === undefined ? 0 : Math.max(0, state.lockedUntil - now);
}

/** State after one more failed attempt at `now`. */
export function recordFailure(state: LockoutState | undefined, now: number, policy: LockoutPolicy): LockoutState {
  const stale = state === undefined || now - state.lastFailureAt > policy.forgetAfterMs;
  const failures = (stale ? 0 : state.failures) + 1;
  const delay = lockDelayMs(failures, policy);
  return { failures, lastFailureAt: now, lockedUntil: delay > 0 ? now + delay : 0 };
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT, lockDelayMs, lockRemainingMs, recordFailure, resolveLockoutPolicy, type LockoutState } from './lockout';

describe('lockout', () => {
  it('locks on the 5th failure for 30 s, then doubles, capped at 15 min', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 50].map((n) => lockDelayMs(n, DEFAULT_LOCKOUT) / 1000);
    expect(delays).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('accumulates failures and sets lockedUntil from the injected clock', () => {
    let s: LockoutState | undefined;
    let t = 1_000_000;
    for (let i = 0; i < 4; i++) s = recordFailure(s, (t += 1000), DEFAULT_LOCKOUT);
    expect(s).toEqual({ failures: 4, lastFailureAt: 1_004_000, lockedUntil: 0 });
    expect(lockRemainingMs(s, t)).toBe(0);
    s = recordFailure(s, t + 1000, DEFAULT_LOCKOUT);
    expect(s).toEqual({ failures: 5, lastFailureAt: 1_005_000, lockedUntil: 1_035_000 });
    expect(lockRemainingMs(s, 1_020_000)).toBe(15_000);
    expect(lockRemainingMs(s, 1_035_000)).toBe(0);
    s = recordFailure(s, 1_040_000, DEFAULT_LOCKOUT);
    expect(s.lockedUntil - 1_040_000).toBe(60_000);
  });

  it('forgets old failures after a quiet day', () => {
    const old: LockoutState = { failures: 7, lastFailureAt: 0, lockedUntil: 120_000 };
    const day = 24 * 60 * 60_000;
    expect(recordFailure(old, day, DEFAULT_LOCKOUT).failures).toBe(8);
    expect(recordFailure(old, day + 1, DEFAULT_LOCKOUT)).toEqual({ failures: 1, lastFailureAt: day + 1, lockedUntil: 0 });
  });

  it('validates overrides in one place', () => {
    expect(resolveLockoutPolicy({ baseDelayMs: 1000, maxDelayMs: 4000 })).toMatchObject({ freeFailures: 4, baseDelayMs: 1000 });
    expect(() => resolveLockoutPolicy({ baseDelayMs: -1 })).toThrow(RangeError);
    expect(() => resolveLockoutPolicy({ baseDelayMs: 10, maxDelayMs: 5 })).toThrow(/maxDelayMs/);
  });
});

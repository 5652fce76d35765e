import { describe, expect, it } from 'vitest';
import { isAuthError } from './errors';
import { DEFAULT_SESSION, accessExpiry, epochSeconds, readSessionClaims, refreshExpiry, resolveSessionPolicy } from './claims';

const good = { sub: 'u1', sid: 'f1', jti: 't1', iat: 1000, exp: 4600, auth_time: 900 };

describe('session claims', () => {
  it('defaults to a 60-minute access token and validates overrides', () => {
    expect(DEFAULT_SESSION.accessTtlSeconds).toBe(3600);
    expect(resolveSessionPolicy({ accessTtlSeconds: 300 }).accessTtlSeconds).toBe(300);
    expect(() => resolveSessionPolicy({ accessTtlSeconds: 0 })).toThrow(RangeError);
    expect(() => resolveSessionPolicy({ refreshTtlSeconds: 1.5 })).toThrow(RangeError);
  });

  it('caps refresh expiry at the session maximum and access expiry at the refresh expiry', () => {
    const p = resolveSessionPolicy({ refreshTtlSeconds: 100, maxSessionSeconds: 250, accessTtlSeconds: 60 });
    expect(refreshExpiry(1000, 1000, p)).toBe(1100);
    expect(refreshExpiry(1200, 1000, p)).toBe(1250);
    expect(accessExpiry(1200, 1250, p)).toBe(1250);
    expect(accessExpiry(1000, 1100, p)).toBe(1060);
    expect(epochSeconds(1_999)).toBe(1);
  });

  it('reads well-formed claims', () => {
    expect(readSessionClaims(good, 1000, DEFAULT_SESSION)).toEqual(good);
  });

  it('refuses missing, ill-typed or inconsistent claims with ERR_TOKEN_INVALID', () => {
    const cases: Record<string, unknown>[] = [
      { ...good, sub: undefined },
      { ...good, sub: 42 },
      { ...good, sid: '' },
      { ...good, iat: '1000' },
      { ...good, exp: 1000.5 },
      { ...good, auth_time: 1001 },
      { ...good, exp: 1000 },
    ];
    for (const c of cases) {
      let err: unknown;
      try {
        readSessionClaims(c, 1000, DEFAULT_SESSION);
      } catch (e) {
        err = e;
      }
      expect(isAuthError(err, 'ERR_TOKEN_INVALID'), JSON.stringify(c)).toBe(true);
    }
  });

  it('refuses a token issued in the future beyond the clock tolerance', () => {
    expect(() => readSessionClaims(good, 994, DEFAULT_SESSION)).toThrow(/not valid/);
    expect(readSessionClaims(good, 995, DEFAULT_SESSION).iat).toBe(1000);
  });
});

/**
 * Session token shapes and lifetimes. Tokens are JWTs (HS256) with issuer/audience fixed for this
 * app; the header `typ` tells access from refresh tokens so one can never stand in for the other.
 */
import { AuthError } from './errors';

export const TOKEN_ISSUER = 'urn:recostream:device';
export const TOKEN_AUDIENCE = 'urn:recostream:app';
export const TOKEN_ALG = 'HS256';
/** Header `typ` of access tokens (RFC 9068 style). */
export const ACCESS_TYP = 'at+jwt';
/** Header `typ` of refresh tokens. */
export const REFRESH_TYP = 'rt+jwt';

/** Lifetimes, in seconds. */
export interface SessionPolicy {
  /** Access token lifetime (default 60 min). */
  accessTtlSeconds: number;
  /** Refresh token lifetime, renewed at each rotation (default 14 days). */
  refreshTtlSeconds: number;
  /** Longest a session may last from sign-in, however often it is refreshed (default 30 days). */
  maxSessionSeconds: number;
  /** Tolerated clock skew for `iat` in the future, in seconds. */
  clockToleranceSeconds: number;
}

export const DEFAULT_SESSION: SessionPolicy = {
  accessTtlSeconds: 60 * 60,
  refreshTtlSeconds: 14 * 24 * 60 * 60,
  maxSessionSeconds: 30 * 24 * 60 * 60,
  clockToleranceSeconds: 5,
};

/** Defaults merged with overrides, checked once. */
export function resolveSessionPolicy(overrides: Partial<SessionPolicy> = {}): SessionPolicy {
  const p = { ...DEFAULT_SESSION, ...overrides };
  for (const [k, v] of Object.entries(p)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`session.${k} must be a whole number of seconds ≥ 0, got ${v}`);
  }
  if (p.accessTtlSeconds < 1 || p.refreshTtlSeconds < 1) throw new RangeError('session lifetimes must be ≥ 1 s');
  return p;
}

/** Claims common to both token kinds (times in epoch seconds). */
export interface SessionClaims {
  /** User id. */
  sub: string;
  /** Session (refresh family) id. */
  sid: string;
  /** Token id. */
  jti: string;
  iat: number;
  exp: number;
  /** When the person signed in with their password (start of the family). */
  auth_time: number;
}

/** Seconds since the epoch for an epoch-milliseconds clock reading. */
export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Expiry of a new refresh token: its own lifetime, but never past the session's maximum. */
export function refreshExpiry(nowSeconds: number, authTime: number, policy: SessionPolicy): number {
  return Math.min(nowSeconds + policy.refreshTtlSeconds, authTime + policy.maxSessionSeconds);
}

/** Expiry of a new access token: its lifetime, never past the refresh token it came with. */
export function accessExpiry(nowSeconds: number, refreshExp: number, policy: SessionPolicy): number {
  return Math.min(nowSeconds + policy.accessTtlSeconds, refreshExp);
}

const invalid = (why: string) => new AuthError('ERR_TOKEN_INVALID', 'Your session token is not valid. Please sign in again.', { details: { rule: why } });

/** Reads verified JWT claims into SessionClaims, refusing missing or ill-typed fields. */
export function readSessionClaims(payload: Readonly<Record<string, unknown>>, nowSeconds: number, policy: SessionPolicy): SessionClaims {
  const { sub, sid, jti, iat, exp, auth_time: authTime } = payload;
  for (const [name, v] of [['sub', sub], ['sid', sid], ['jti', jti]] as const) {
    if (typeof v !== 'string' || v.length === 0 || v.length > 128) throw invalid(`claim ${name}`);
  }
  for (const [name, v] of [['iat', iat], ['exp', exp], ['auth_time', authTime]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid(`claim ${name}`);
  }
  const claims = { sub, sid, jti, iat, exp, auth_time: authTime } as SessionClaims;
  if (claims.iat > nowSeconds + policy.clockToleranceSeconds) throw invalid('iat in the future');
  if (claims.auth_time > claims.iat || claims.exp <= claims.iat) throw invalid('times out of order');
  return claims;
}

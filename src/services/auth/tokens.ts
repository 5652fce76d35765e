/**
 * Session tokens: HS256 JWTs signed with the device key. An access token proves who is signed in;
 * a refresh token (one use only) buys a new pair. Presenting a refresh token a second time means
 * a copy is in someone else's hands, so the whole family (the session) is revoked.
 */
import { SignJWT, compactVerify, errors, jwtVerify } from 'jose';
import {
  ACCESS_TYP,
  REFRESH_TYP,
  TOKEN_ALG,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  accessExpiry,
  epochSeconds,
  readSessionClaims,
  refreshExpiry,
  resolveSessionPolicy,
  type SessionClaims,
  type SessionPolicy,
} from '../../core/auth/claims';
import { AuthError } from '../../core/auth/errors';
import type { RecoStreamDB } from '../db/database';
import { loadSigningKey } from './signing-key';

/** What a signed-in client holds (and keeps in its token store). */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

/** Facts proven by a verified access token. Only the token services create these. */
export interface VerifiedSession {
  readonly userId: string;
  /** Refresh family id: one per sign-in. */
  readonly sessionId: string;
  /** Access token expiry, epoch ms. */
  readonly expiresAt: number;
  /** When the password was entered, epoch ms. */
  readonly authTime: number;
}

export interface TokenServiceOptions {
  now: () => number;
  session?: Partial<SessionPolicy>;
  randomId?: () => string;
}

const CLAIMS: string[] = ['sub', 'sid', 'jti', 'iat', 'exp', 'auth_time'];

const expired = () => new AuthError('ERR_SESSION_EXPIRED', 'Your session has expired. Please sign in again.');
const revoked = () => new AuthError('ERR_SESSION_REVOKED', 'This session has ended (signed out, password changed or profile removed). Please sign in again.');
const invalid = (cause?: unknown) => new AuthError('ERR_TOKEN_INVALID', 'Your session token is not valid. Please sign in again.', { cause });
const reused = () =>
  new AuthError('ERR_TOKEN_REUSED', 'This session was used from somewhere else, so it has been closed to keep your profile safe. Please sign in again.');

/** Issues, verifies, rotates and revokes session tokens. */
export class TokenService {
  readonly policy: SessionPolicy;
  readonly #db: RecoStreamDB;
  readonly #now: () => number;
  readonly #randomId: () => string;
  #key: Promise<CryptoKey> | undefined;

  constructor(db: RecoStreamDB, options: TokenServiceOptions) {
    this.#db = db;
    this.#now = options.now;
    this.policy = resolveSessionPolicy(options.session);
    this.#randomId = options.randomId ?? (() => globalThis.crypto.randomUUID());
  }

  #signingKey(): Promise<CryptoKey> {
    this.#key ??= loadSigningKey(this.#db, this.#now()).catch((err: unknown) => {
      this.#key = undefined;
      throw new AuthError('ERR_STORAGE', 'The device storage could not be opened. Please reload the page.', { cause: err });
    });
    return this.#key;
  }

  async #sign(typ: string, claims: SessionClaims): Promise<string> {
    const { sub, jti, iat, exp, ...rest } = claims;
    return new SignJWT(rest)
      .setProtectedHeader({ alg: TOKEN_ALG, typ })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(sub)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(await this.#signingKey());
  }

  async #verify(token: unknown, typ: string): Promise<SessionClaims> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) throw invalid();
    const now = this.#now();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, await this.#signingKey(), {
        algorithms: [TOKEN_ALG],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        typ,
        requiredClaims: CLAIMS,
        currentDate: new Date(now),
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw expired();
      if (err instanceof AuthError) throw err;
      throw invalid(err);
    }
    return readSessionClaims(payload, epochSeconds(now), this.policy);
  }

  /** Starts a new session (refresh family) for `userId` and returns its first token pair. */
  async issue(userId: string): Promise<SessionTokens> {
    const now = this.#now();
    const iat = epochSeconds(now);
    const sid = this.#randomId();
    const pair = await this.#pair(userId, sid, iat, iat);
    await this.#db.transaction('rw', this.#db.refreshTokens, async () => {
      await this.#purgeExpired(now);
      await this.#db.refreshTokens.add(pair.record);
    });
    return pair.tokens;
  }

  async #pair(userId: string, sid: string, iat: number, authTime: number) {
    const rExp = refreshExpiry(iat, authTime, this.policy);
    const aExp = accessExpiry(iat, rExp, this.policy);
    if (rExp <= iat) throw expired();
    const refreshJti = this.#randomId();
    const [accessToken, refreshToken] = await Promise.all([
      this.#sign(ACCESS_TYP, { sub: userId, sid, jti: this.#randomId(), iat, exp: aExp, auth_time: authTime }),
      this.#sign(REFRESH_TYP, { sub: userId, sid, jti: refreshJti, iat, exp: rExp, auth_time: authTime }),
    ]);
    return {
      tokens: { accessToken, refreshToken },
      record: { id: refreshJti, userId, familyId: sid, issuedAt: iat * 1000, expiresAt: rExp * 1000, usedAt: null, revoked: false },
    };
  }

  async #purgeExpired(now: number): Promise<void> {
    await this.#db.refreshTokens.filter((r) => r.expiresAt <= now).delete();
  }

  /**
   * Verifies an access token: signature (HS256 only), issuer, audience, type, expiry, issue time,
   * and that its session is still open and its user still exists.
   */
  async verifyAccess(accessToken: unknown): Promise<VerifiedSession> {
    const c = await this.#verify(accessToken, ACCESS_TYP);
    const [user, open] = await this.#db.transaction('r', this.#db.users, this.#db.refreshTokens, () =>
      Promise.all([
        this.#db.users.get(c.sub),
        this.#db.refreshTokens
          .where('familyId')
          .equals(c.sid)
          .filter((r) => !r.revoked && r.userId === c.sub)
          .count(),
      ]),
    );
    if (!user || open === 0) throw revoked();
    return Object.freeze({ userId: c.sub, sessionId: c.sid, expiresAt: c.exp * 1000, authTime: c.auth_time * 1000 });
  }

  /** Exchanges a refresh token for a new pair; a second use of any refresh token revokes its session. */
  async rotate(refreshToken: unknown): Promise<SessionTokens> {
    const c = await this.#verify(refreshToken, REFRESH_TYP);
    const now = this.#now();
    const next = await this.#pair(c.sub, c.sid, epochSeconds(now), c.auth_time);
    const db = this.#db;
    const outcome = await db.transaction('rw', db.refreshTokens, db.users, async () => {
      const [record, user] = await Promise.all([db.refreshTokens.get(c.jti), db.users.get(c.sub)]);
      if (!record || !user || record.revoked) return 'revoked' as const;
      if (record.userId !== c.sub || record.familyId !== c.sid) return 'invalid' as const;
      if (record.usedAt !== null) {
        await db.refreshTokens.where('familyId').equals(c.sid).modify({ revoked: true });
        return 'reused' as const;
      }
      await db.refreshTokens.update(record.id, { usedAt: now });
      await db.refreshTokens.add(next.record);
      return 'rotated' as const;
    });
    // Thrown after the transaction so the family revocation above is committed, not rolled back.
    if (outcome === 'reused') throw reused();
    if (outcome === 'revoked') throw revoked();
    if (outcome === 'invalid') throw invalid();
    return next.tokens;
  }

  /**
   * The session id of a genuine token of ours, checking the signature only (so an expired token
   * can still be signed out). Null for anything not signed by this device.
   */
  async sessionOf(token: unknown): Promise<{ userId: string; sessionId: string } | null> {
    if (typeof token !== 'string' || token.length > 4096) return null;
    try {
      const { payload } = await compactVerify(token, await this.#signingKey(), { algorithms: [TOKEN_ALG] });
      const p = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
      return typeof p.sub === 'string' && typeof p.sid === 'string' ? { userId: p.sub, sessionId: p.sid } : null;
    } catch {
      // Not ours or malformed: nothing to revoke.
      return null;
    }
  }

  /** Ends one session: every refresh token of the family is revoked (so its access tokens fail too). */
  async revokeSession(sessionId: string): Promise<void> {
    await this.#db.refreshTokens.where('familyId').equals(sessionId).modify({ revoked: true });
  }

  /** Ends every session of `userId` except `keep`. */
  async revokeUserSessions(userId: string, keep?: string): Promise<void> {
    await this.#db.refreshTokens
      .where('userId')
      .equals(userId)
      .filter((r) => r.familyId !== keep)
      .modify({ revoked: true });
  }
}

import 'fake-indexeddb/auto';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { useAuthEnvs, codeOf } from '../../../tests/fixtures/auth/env';
import { SIGNING_KEY_NAME } from './signing-key';

const env = useAuthEnvs();

const b64url = (s: string) => Buffer.from(s).toString('base64url');
/** Replaces the payload of a JWT without re-signing it. */
function editPayload(token: string, edit: (p: Record<string, unknown>) => void): string {
  const [h, , s] = token.split('.');
  const p = decodeJwt(token) as Record<string, unknown>;
  edit(p);
  return `${h}.${b64url(JSON.stringify(p))}.${s}`;
}

describe('TokenService', () => {
  it('issues an HS256 access token with issuer, audience, subject and a 60-minute lifetime', async () => {
    const { auth, clock } = env();
    const s = await auth.signUp('Ada', 'plum tree valley');
    expect(decodeProtectedHeader(s.accessToken)).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    expect(decodeProtectedHeader(s.refreshToken)).toEqual({ alg: 'HS256', typ: 'rt+jwt' });
    const claims = decodeJwt(s.accessToken);
    expect(claims).toMatchObject({ iss: 'urn:recostream:device', aud: 'urn:recostream:app', iat: clock.t / 1000, exp: clock.t / 1000 + 3600 });
    const v = await auth.verify(s);
    expect(v.userId).toBe(claims.sub);
    expect(v.expiresAt).toBe(clock.t + 3_600_000);
  });

  it('refuses an access token once the injected clock passes its expiry', async () => {
    const { auth, clock } = env({ session: { accessTtlSeconds: 300 } });
    const s = await auth.signUp('Ada', 'plum tree valley');
    clock.advance(299_000);
    await expect(auth.verify(s)).resolves.toMatchObject({});
    clock.advance(1_000);
    expect(await codeOf(auth.verify(s))).toBe('ERR_SESSION_EXPIRED');
  });

  it('refuses tampered tokens: edited subject, edited expiry, swapped signature', async () => {
    const { auth } = env();
    const a = await auth.signUp('Ada', 'plum tree valley');
    const b = await auth.signUp('Bob', 'orange river delta');
    const bId = (await auth.verify(b)).userId;
    expect(await codeOf(auth.verify(editPayload(a.accessToken, (p) => (p.sub = bId))))).toBe('ERR_TOKEN_INVALID');
    expect(await codeOf(auth.verify(editPayload(a.accessToken, (p) => (p.exp = Number(p.exp) + 10 ** 6))))).toBe('ERR_TOKEN_INVALID');
    const [h, p] = a.accessToken.split('.');
    const bSig = b.accessToken.split('.')[2];
    expect(await codeOf(auth.verify(`${h}.${p}.${bSig}`))).toBe('ERR_TOKEN_INVALID');
    expect(await codeOf(auth.verify('not a token'))).toBe('ERR_TOKEN_INVALID');
  });

  it('refuses tokens signed by another key, unsigned tokens and refresh tokens used as access tokens', async () => {
    const { auth, clock } = env();
    const s = await auth.signUp('Ada', 'plum tree valley');
    const claims = decodeJwt(s.accessToken);
    const foreignKey = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
    const foreign = await new SignJWT({ sid: claims.sid, auth_time: claims.auth_time })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer('urn:recostream:device')
      .setAudience('urn:recostream:app')
      .setSubject(String(claims.sub))
      .setJti('x')
      .setIssuedAt(clock.t / 1000)
      .setExpirationTime(clock.t / 1000 + 60)
      .sign(foreignKey);
    expect(await codeOf(auth.verify(foreign))).toBe('ERR_TOKEN_INVALID');
    const unsigned = `${b64url(JSON.stringify({ alg: 'none', typ: 'at+jwt' }))}.${s.accessToken.split('.')[1]}.`;
    expect(await codeOf(auth.verify(unsigned))).toBe('ERR_TOKEN_INVALID');
    expect(await codeOf(auth.verify(s.refreshToken))).toBe('ERR_TOKEN_INVALID');
    expect(await codeOf(auth.refresh({ accessToken: s.refreshToken, refreshToken: s.accessToken }))).toBe('ERR_TOKEN_INVALID');
  });

  it('rotates refresh tokens: the new pair works and keeps the session id', async () => {
    const { auth, clock } = env();
    const s1 = await auth.signUp('Ada', 'plum tree valley');
    clock.advance(3_600_000);
    expect(await codeOf(auth.verify(s1))).toBe('ERR_SESSION_EXPIRED');
    const s2 = await auth.refresh(s1);
    expect(s2.refreshToken).not.toBe(s1.refreshToken);
    const v = await auth.verify(s2);
    expect(v.sessionId).toBe(decodeJwt(s1.accessToken).sid);
    expect(v.authTime).toBe(clock.t - 3_600_000);
  });

  it('treats a second use of a refresh token as theft and revokes the whole family', async () => {
    const { auth, db } = env();
    const s1 = await auth.signUp('Ada', 'plum tree valley');
    const s2 = await auth.refresh(s1);
    const s3 = await auth.refresh(s2);
    expect(await codeOf(auth.refresh(s1))).toBe('ERR_TOKEN_REUSED');
    // The revocation was committed: the newest pair is dead too.
    expect(await codeOf(auth.verify(s3))).toBe('ERR_SESSION_REVOKED');
    expect(await codeOf(auth.refresh(s3))).toBe('ERR_SESSION_REVOKED');
    expect((await db.refreshTokens.toArray()).every((r) => r.revoked)).toBe(true);
  });

  it('does not let reuse in one session touch another session of the same user', async () => {
    const { auth } = env();
    const phone = await auth.signUp('Ada', 'plum tree valley');
    const laptop = await auth.login('ada', 'plum tree valley');
    await auth.refresh(phone);
    await auth.refresh(phone).catch(() => undefined);
    await expect(auth.verify(laptop)).resolves.toMatchObject({});
  });

  it('ends a session at logout, so even an unexpired access token is refused', async () => {
    const { auth } = env();
    const s = await auth.signUp('Ada', 'plum tree valley');
    await auth.logout(s);
    expect(await codeOf(auth.verify(s))).toBe('ERR_SESSION_REVOKED');
    expect(await codeOf(auth.refresh(s))).toBe('ERR_SESSION_REVOKED');
    await expect(auth.logout({ accessToken: 'junk', refreshToken: 'junk' })).resolves.toBeUndefined();
  });

  it('caps a session at its maximum age however often it is refreshed', async () => {
    const { auth, clock } = env({ session: { accessTtlSeconds: 60, refreshTtlSeconds: 120, maxSessionSeconds: 300 } });
    let s = await auth.signUp('Ada', 'plum tree valley');
    for (let i = 0; i < 4; i++) {
      clock.advance(60_000);
      s = await auth.refresh(s);
    }
    // 240 s after sign-in: the access token is clipped to the session end at 300 s.
    expect((await auth.verify(s)).expiresAt).toBe(clock.t + 60_000);
    clock.advance(60_000);
    expect(await codeOf(auth.refresh(s))).toBe('ERR_SESSION_EXPIRED');
  });

  it('keeps one non-extractable signing key in IndexedDB, so sessions survive a reload', async () => {
    const { auth, db, reload } = env();
    const s = await auth.signUp('Ada', 'plum tree valley');
    const stored = await db.keys.get(SIGNING_KEY_NAME);
    expect(stored?.key.extractable).toBe(false);
    expect(stored?.key.algorithm).toMatchObject({ name: 'HMAC', length: 256 });
    await expect(crypto.subtle.exportKey('raw', stored!.key)).rejects.toThrow();
    const afterReload = reload();
    await expect(afterReload.verify(s)).resolves.toMatchObject({ userId: decodeJwt(s.accessToken).sub });
    expect(await db.keys.count()).toBe(1);
  });
});

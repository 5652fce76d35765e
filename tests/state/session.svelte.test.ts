/**
 * The session state (src/state/session.svelte.ts) over the real auth services: PBKDF2, signed
 * tokens (jose) and refresh-token rotation in IndexedDB (fake-indexeddb). The clock is Vitest's
 * fake Date, moved to make tokens near expiry or expired; nothing else is faked.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authRuntime } from '../../src/services/auth/runtime';
import { session } from '../../src/state/session.svelte';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let clock = Date.UTC(2026, 11, 2, 6);
const announced: (string | null)[] = [];

beforeAll(async () => {
  // Before the auth services exist, so their clock is this one too.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock);
  session.onProfileChange((id) => announced.push(id));
  await session.init();
});
afterAll(() => vi.useRealTimers());

const at = (ms: number) => vi.setSystemTime((clock = ms));
const stored = () => authRuntime().store.load();
async function refreshRows() {
  return authRuntime().db.refreshTokens.toArray();
}
/** Rewrites one claim of the stored access token, keeping its (now wrong) signature. */
function editStoredClaim(claim: string, value: unknown): void {
  const t = stored()!;
  const [h, p, sig] = t.accessToken.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  claims[claim] = value;
  authRuntime().store.save({ ...t, accessToken: `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}` });
}

describe('session state', () => {
  it('starts signed out, then a sign-up signs in and is announced once', async () => {
    expect(session.status).toBe('signed-out');
    expect(announced).toEqual([null]);
    await session.signUp('Ada', 'plum tree valley at dusk');
    expect(session.status).toBe('signed-in');
    expect(session.user?.username).toBe('Ada');
    expect(announced).toEqual([null, session.user!.id]);
    // A fresh access token is used as it is.
    const first = stored()!;
    expect(await session.tokens()).toEqual(first);
  });

  it('rotates the pair when the access token is about to expire, and keeps the session', async () => {
    const before = stored()!;
    at(clock + HOUR - 30_000); // 30 s left of the 60-minute access token
    const next = await session.tokens();
    expect(next.accessToken).not.toBe(before.accessToken);
    expect(next.refreshToken).not.toBe(before.refreshToken);
    expect(stored()).toEqual(next);
    // The old refresh token is spent (a second use would revoke the session), the new one is open.
    const rows = await refreshRows();
    expect(rows.filter((r) => r.usedAt !== null)).toHaveLength(1);
    expect(rows.filter((r) => r.usedAt === null && !r.revoked)).toHaveLength(1);
    await session.check();
    expect(session.status).toBe('signed-in');
  });

  it('ends a session whose refresh token has expired: signed out, the reason kept, sent to sign-in', async () => {
    at(clock + 15 * DAY); // beyond the 14-day refresh token
    await session.check();
    expect(session.status).toBe('signed-out');
    expect(session.user).toBeNull();
    expect(session.notice).toBe('Your session has expired. Please sign in again.');
    expect(stored()).toBeNull();
    expect(location.hash).toBe('#/login?next=%23%2F&user=Ada');
    expect(announced.at(-1)).toBeNull();
  });

  it('refuses an access token edited to look expired instead of refreshing it, and closes its session', async () => {
    await session.login('Ada', 'plum tree valley at dusk');
    expect(session.notice).toBeNull();
    const genuine = stored()!;
    const sid = (await authRuntime().auth.tokens.sessionOf(genuine.refreshToken))!.sessionId;
    editStoredClaim('exp', Math.floor(clock / 1000) - 60);
    const edited = stored()!;
    await expect(session.tokens()).rejects.toMatchObject({ code: 'ERR_TOKEN_INVALID' });
    // Not silently replaced: the store still holds the edited token and its refresh token was not spent.
    expect(stored()).toEqual(edited);
    expect((await refreshRows()).filter((r) => r.familyId === sid).map((r) => r.usedAt)).toEqual([null]);
    await session.check();
    expect(session.status).toBe('signed-out');
    expect(session.notice).toBe('Your session token is not valid. Please sign in again.');
    expect(stored()).toBeNull();
    // The session behind the edited token is ended in the database too.
    await vi.waitFor(async () => expect((await refreshRows()).filter((r) => r.familyId === sid).every((r) => r.revoked)).toBe(true));
  });

  it('checks the session on navigation: a token edited while the page runs is refused on the next page', async () => {
    await session.login('Ada', 'plum tree valley at dusk');
    location.hash = '#/';
    await vi.waitFor(() => expect(session.status).toBe('signed-in'));
    editStoredClaim('sub', 'someone-else');
    // No guarded call is made: opening another page is enough.
    location.hash = '#/account';
    await vi.waitFor(() => expect(session.status).toBe('signed-out'));
    expect(session.notice).toBe('Your session token is not valid. Please sign in again.');
    expect(location.hash).toBe('#/login?next=%23%2Faccount&user=Ada');
    await vi.waitFor(async () => expect((await refreshRows()).every((r) => r.revoked || r.usedAt !== null)).toBe(true));
  });
});

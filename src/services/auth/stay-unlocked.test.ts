/**
 * "Stay unlocked for this session" with the real WebCrypto of Node over fake-indexeddb. A shared
 * memory TabKeyStore stands for one tab's sessionStorage across a reload; a fresh one for a new
 * tab, a new browser session, or a copy of the storage without it.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { codeOf, useAuthEnvs } from '../../../tests/fixtures/auth/env';
import { parseTabEntry, UNLOCK_SESSION_MAX_AGE_MS } from '../../core/crypto/session-unlock';
import { memoryTabKeyStore, type TabKeyStore } from './tab-key-store';
import type { SessionTokens } from './tokens';
import { UserDataService } from './user-data';

const env = useAuthEnvs();
const PW = 'plum tree valley';

/** A tab: its own sessionStorage, and a page (AuthService) that can be reloaded. */
function setup() {
  const e = env();
  const tabA = memoryTabKeyStore();
  const page = (tab: TabKeyStore) => {
    const auth = e.reload({ tabKeys: tab });
    return { auth, data: new UserDataService(e.db, auth, e.clock.now) };
  };
  return { ...e, tabA, page };
}

async function signedUpWithLike(p: ReturnType<ReturnType<typeof setup>['page']>): Promise<{ s: SessionTokens; userId: string }> {
  const s = await p.auth.signUp('Ada', PW);
  await p.data.addFeedback(s, { movieId: 2571, kind: 'like', at: 1, surface: 'search', query: 'keanu hacker' });
  return { s, userId: (await p.auth.verify(s)).userId };
}

describe('stay unlocked for this session', () => {
  it('is off by default: a reload is locked and there is nothing to resume', async () => {
    const { page, tabA, db } = setup();
    const p = page(tabA);
    const { s } = await signedUpWithLike(p);
    expect((await p.auth.currentProfile(s)).stayUnlocked).toBe(false);
    const reloaded = page(tabA);
    expect(await reloaded.auth.resume(s)).toBe(false);
    expect(await codeOf(reloaded.data.listFeedback(s))).toBe('ERR_PROFILE_LOCKED');
    expect(await db.unlockSessions.count()).toBe(0);
    expect(tabA.load()).toBeNull();
  });

  it('opted in with the password, a reload of the same tab opens the profile without it', async () => {
    const { page, tabA, db } = setup();
    const p = page(tabA);
    const { s, userId } = await signedUpWithLike(p);
    await p.auth.stayUnlocked(s, PW);
    expect((await p.auth.currentProfile(s)).stayUnlocked).toBe(true);
    const [row] = await db.unlockSessions.toArray();
    const entry = parseTabEntry(tabA.load())!;
    expect(row).toMatchObject({ id: entry.id, userId, sessionId: (await p.auth.verify(s)).sessionId, v: 1 });
    expect(row!.wrapped).toHaveLength(48);
    expect(row!.expiresAt - row!.createdAt).toBe(UNLOCK_SESSION_MAX_AGE_MS);

    const reloaded = page(tabA);
    expect(reloaded.auth.isUnlocked(userId)).toBe(false);
    expect(await reloaded.auth.resume(s)).toBe(true);
    expect((await reloaded.data.listFeedback(s)).map((f) => [f.movieId, f.query])).toEqual([[2571, 'keanu hacker']]);
    // Writes made after resuming read back with the password as well: it is the same data key.
    await reloaded.data.addFeedback(s, { movieId: 1, kind: 'like', at: 2, surface: 'search' });
    const withPassword = page(memoryTabKeyStore());
    await withPassword.auth.unlock(s, PW);
    expect((await withPassword.data.listFeedback(s)).map((f) => f.movieId).sort((a, b) => a - b)).toEqual([1, 2571]);
  });

  it('a new tab or a copy of the storage without the tab key stays locked', async () => {
    const { page, tabA } = setup();
    const p = page(tabA);
    const { s } = await signedUpWithLike(p);
    await p.auth.stayUnlocked(s, PW);
    const elsewhere = page(memoryTabKeyStore());
    expect(await elsewhere.auth.resume(s)).toBe(false);
    expect(await codeOf(elsewhere.data.listFeedback(s))).toBe('ERR_PROFILE_LOCKED');
  });

  it('a wrong password turns nothing on and counts towards the lockout', async () => {
    const { page, tabA, db } = setup();
    const p = page(tabA);
    const { s, userId } = await signedUpWithLike(p);
    expect(await codeOf(p.auth.stayUnlocked(s, 'wrong wrong wrong'))).toBe('ERR_WRONG_PASSWORD');
    expect(await db.unlockSessions.count()).toBe(0);
    expect(tabA.load()).toBeNull();
    expect((await db.users.get(userId))?.stayUnlocked).toBeUndefined();
    expect((await db.loginAttempts.get(userId))?.failures).toBe(1);
  });

  it('locking the tab deletes its record and key; unlocking with the password (still opted in) renews them', async () => {
    const { page, tabA, db } = setup();
    const p = page(tabA);
    const { s } = await signedUpWithLike(p);
    await p.auth.stayUnlocked(s, PW);
    const first = parseTabEntry(tabA.load())!.id;
    await p.auth.lockTab();
    expect(await db.unlockSessions.count()).toBe(0);
    expect(tabA.load()).toBeNull();
    expect(await codeOf(p.data.listFeedback(s))).toBe('ERR_PROFILE_LOCKED');
    expect(await page(tabA).auth.resume(s)).toBe(false);

    await p.auth.unlock(s, PW);
    const renewed = parseTabEntry(tabA.load())!.id;
    expect(renewed).not.toBe(first);
    expect((await db.unlockSessions.toArray()).map((r) => r.id)).toEqual([renewed]);
    expect(await page(tabA).auth.resume(s)).toBe(true);
  });

  it('each tab has its own record; turning the option off in one deletes them all', async () => {
    const { page, tabA, db } = setup();
    const tabB = memoryTabKeyStore();
    const a = page(tabA);
    const { s } = await signedUpWithLike(a);
    await a.auth.stayUnlocked(s, PW);
    const b = page(tabB);
    await b.auth.unlock(s, PW);
    expect(await db.unlockSessions.count()).toBe(2);
    expect(await page(tabA).auth.resume(s)).toBe(true);
    expect(await page(tabB).auth.resume(s)).toBe(true);

    await b.auth.stopStayingUnlocked(s);
    expect(await db.unlockSessions.count()).toBe(0);
    expect(tabB.load()).toBeNull();
    // Tab A still holds its (now useless) key: its reload stays locked, and forgets it.
    expect(tabA.load()).not.toBeNull();
    expect(await page(tabA).auth.resume(s)).toBe(false);
    expect(tabA.load()).toBeNull();
    // Off: unlocking with the password writes nothing.
    await page(tabA).auth.unlock(s, PW);
    expect(await db.unlockSessions.count()).toBe(0);
  });

  it('signing out deletes the records of that session', async () => {
    const { page, tabA, db } = setup();
    const p = page(tabA);
    const { s } = await signedUpWithLike(p);
    await p.auth.stayUnlocked(s, PW);
    await p.auth.logout(s);
    expect(await db.unlockSessions.count()).toBe(0);
    expect(tabA.load()).toBeNull();
  });

  it('a sign-in of an opted-in profile keeps that tab unlocked; the old session’s key no longer opens it', async () => {
    const { page, tabA, db } = setup();
    const p = page(tabA);
    const { s } = await signedUpWithLike(p);
    await p.auth.stayUnlocked(s, PW);
    const oldKey = tabA.load();
    const s2 = await page(tabA).auth.login('Ada', PW);
    expect(await page(tabA).auth.resume(s2)).toBe(true);
    // A tab still holding the first session's key, with the new session's tokens: refused, and its record deleted.
    const stale = memoryTabKeyStore();
    stale.save(oldKey!);
    expect(await page(stale).auth.resume(s2)).toBe(false);
    expect(await db.unlockSessions.count()).toBe(1);
  });

  it('a password change deletes every record; the tab that changed it stays unlocked under its new session', async () => {
    const { page, tabA, db } = setup();
    const tabB = memoryTabKeyStore();
    const a = page(tabA);
    const { s } = await signedUpWithLike(a);
    await a.auth.stayUnlocked(s, PW);
    await page(tabB).auth.unlock(s, PW);
    const oldA = tabA.load();
    const fresh = await a.auth.changePassword(s, PW, 'new river stone');
    const rows = await db.unlockSessions.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sessionId).toBe((await a.auth.verify(fresh)).sessionId);
    expect(tabA.load()).not.toBe(oldA);
    expect(await page(tabA).auth.resume(fresh)).toBe(true);
    expect(await page(tabB).auth.resume(fresh)).toBe(false);
    expect(await codeOf(page(tabA).auth.resume(s))).toBe('ERR_SESSION_REVOKED');
  });

  it('an expired record is refused and deleted', async () => {
    const { page, tabA, db, clock } = setup();
    const p = page(tabA);
    const { s } = await signedUpWithLike(p);
    await p.auth.stayUnlocked(s, PW);
    clock.advance(UNLOCK_SESSION_MAX_AGE_MS - 1);
    const fresh = await p.auth.refresh(s);
    expect(await page(tabA).auth.resume(fresh)).toBe(true);
    clock.advance(1);
    const later = await p.auth.refresh(fresh);
    expect(await page(tabA).auth.resume(later)).toBe(false);
    expect(await db.unlockSessions.count()).toBe(0);
    expect(tabA.load()).toBeNull();
  });

  it('a record edited on disk (lifetime, owner) or a wrong tab key does not open, and the record is dropped', async () => {
    const { page, tabA, db } = setup();
    const p = page(tabA);
    const { s } = await signedUpWithLike(p);
    await p.auth.stayUnlocked(s, PW);
    const [row] = await db.unlockSessions.toArray();
    // Moved later (still within the maximum lifetime): the AAD no longer matches.
    await db.unlockSessions.put({ ...row!, createdAt: row!.createdAt + 1000, expiresAt: row!.expiresAt + 1000 });
    expect(await page(tabA).auth.resume(s)).toBe(false);
    expect(await db.unlockSessions.count()).toBe(0);

    await p.auth.unlock(s, PW);
    const entry = JSON.parse(tabA.load()!) as { key: string };
    const wrongKey = memoryTabKeyStore();
    wrongKey.save(JSON.stringify({ ...entry, key: entry.key.replace(/^../, entry.key.startsWith('00') ? '01' : '00') }));
    expect(await page(wrongKey).auth.resume(s)).toBe(false);
    expect(await db.unlockSessions.count()).toBe(0);
  });

  it('deleting the profile deletes its records (crypto-shredding)', async () => {
    const { page, tabA, db } = setup();
    const p = page(tabA);
    const { s } = await signedUpWithLike(p);
    await p.auth.stayUnlocked(s, PW);
    await p.auth.deleteProfile(s, PW);
    expect(await db.unlockSessions.count()).toBe(0);
    expect(tabA.load()).toBeNull();
  });
});

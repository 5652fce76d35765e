import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useAuthEnvs } from '../../../tests/fixtures/auth/env';
import { AuthError } from '../../core/auth/errors';
import { fromBase64 } from './base64';
import { inThreadHasher, type PasswordHasher } from './hasher';

const env = useAuthEnvs();

async function failure(p: Promise<unknown>): Promise<AuthError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AuthError) return e;
    throw e;
  }
  throw new Error('expected an AuthError');
}

const PW = 'plum tree valley';

describe('AuthService sign-up', () => {
  it('stores a salted PBKDF2 hash with its parameters, never the password', async () => {
    const { auth, db } = env();
    await auth.signUp('  Ada ', PW);
    const [user] = await db.users.toArray();
    expect(user).toMatchObject({ username: 'Ada', usernameKey: 'ada', avatar: 0 });
    const cred = await db.credentials.get(user!.id);
    expect(cred).toMatchObject({ algorithm: 'PBKDF2-SHA256', iterations: 1000 });
    expect(fromBase64(cred!.salt)).toHaveLength(16);
    expect(fromBase64(cred!.hash)).toHaveLength(32);
    expect(JSON.stringify(await db.credentials.toArray())).not.toContain(PW);
  });

  it('uses a different salt (and so hash) for two users with the same password', async () => {
    const { auth, db } = env();
    await auth.signUp('Ada', PW);
    await auth.signUp('Bob', PW);
    const [c1, c2] = await db.credentials.toArray();
    expect(c1!.salt).not.toBe(c2!.salt);
    expect(c1!.hash).not.toBe(c2!.hash);
  });

  it('refuses a name already used, whatever its case', async () => {
    const { auth } = env();
    await auth.signUp('Ada', PW);
    const e = await failure(auth.signUp('ADA', 'another fine phrase'));
    expect(e.code).toBe('ERR_USERNAME_TAKEN');
    expect(e.message).toBe('The name “ADA” is already used on this device. Pick another one.');
  });

  it('refuses invalid names and weak passwords with the reason', async () => {
    const { auth } = env();
    expect((await failure(auth.signUp('a', PW))).code).toBe('ERR_USERNAME_INVALID');
    const weak = await failure(auth.signUp('Ada', 'password1'));
    expect(weak.code).toBe('ERR_WEAK_PASSWORD');
    expect(weak.details.rule).toBe('common');
    expect(weak.message).toMatch(/commonly used passwords/);
    expect((await failure(auth.signUp('Ada', 'short'))).details.rule).toBe('too-short');
    expect(await auth.listProfiles()).toEqual([]);
  });

  it('lists profiles oldest first with public fields only', async () => {
    const { auth, clock } = env();
    await auth.signUp('Ada', PW);
    clock.advance(1000);
    await auth.signUp('Bob', PW);
    const list = await auth.listProfiles();
    expect(list.map((p) => [p.username, p.avatar])).toEqual([
      ['Ada', 0],
      ['Bob', 1],
    ]);
    expect(Object.keys(list[0]!).sort()).toEqual(['avatar', 'createdAt', 'id', 'username']);
  });
});

describe('AuthService sign-in and lockout', () => {
  it('signs in by name case-insensitively and refuses a wrong password or unknown name', async () => {
    const { auth } = env();
    await auth.signUp('Ada', PW);
    await expect(auth.login('ada', PW)).resolves.toHaveProperty('accessToken');
    const wrong = await failure(auth.login('Ada', 'plum tree valleys'));
    expect(wrong.code).toBe('ERR_WRONG_PASSWORD');
    expect(wrong.message).toBe('Wrong password. 4 tries left before a 30-second pause.');
    expect((await failure(auth.login('Zed', PW))).code).toBe('ERR_UNKNOWN_USER');
  });

  it('locks after 5 failures, survives a reload, doubles, and clears on success', async () => {
    const { auth, clock, reload } = env();
    await auth.signUp('Ada', PW);
    for (let i = 0; i < 4; i++) expect((await failure(auth.login('Ada', 'nope nope'))).code).toBe('ERR_WRONG_PASSWORD');
    const fifth = await failure(auth.login('Ada', 'nope nope'));
    expect(fifth.code).toBe('ERR_LOCKED');
    expect(fifth.message).toBe('Wrong password. Too many attempts — try again in 30 seconds.');
    expect(fifth.details.retryAt).toBe(clock.t + 30_000);

    // A reload (new service over the same IndexedDB) keeps the lock; even the right password waits.
    const again = reload();
    clock.advance(10_000);
    const locked = await failure(again.login('Ada', PW));
    expect(locked.message).toBe('Too many attempts — try again in 20 seconds.');
    expect(await again.lockedUntil('ada')).toBe(clock.t + 20_000);

    clock.advance(20_000);
    const sixth = await failure(again.login('Ada', 'nope nope'));
    expect(sixth.details.retryAt).toBe(clock.t + 60_000);
    clock.advance(60_000);
    await expect(again.login('Ada', PW)).resolves.toHaveProperty('accessToken');
    expect(await again.lockedUntil('Ada')).toBe(0);
    expect((await failure(again.login('Ada', 'nope nope'))).code).toBe('ERR_WRONG_PASSWORD');
  });

  it('checks at most 5 of 10 concurrent wrong attempts from separate tabs before the pause', async () => {
    let derived = 0;
    // Each hash yields to the event loop first, so all ten attempts are in flight together.
    const slow: PasswordHasher = {
      derive: async (p, s, n) => {
        derived++;
        await new Promise((r) => setTimeout(r, 20));
        return inThreadHasher.derive(p, s, n);
      },
    };
    const { auth, db, reload } = env({ hasher: slow });
    await auth.signUp('Ada', PW);
    derived = 0;
    // Each checked attempt derives twice (the hash, and the data key's wrapping key alongside): count attempts.
    const tabs = Array.from({ length: 10 }, () => reload({ hasher: slow }));
    const outcomes = await Promise.all(tabs.map((t, i) => failure(t.login('Ada', `wrong guess ${i}`))));
    expect(derived % 2).toBe(0);
    const attempts = derived / 2;
    expect(attempts).toBeLessThanOrEqual(5);
    const checked = outcomes.filter((e) => e.message.startsWith('Wrong password.'));
    expect(checked).toHaveLength(attempts);
    expect(outcomes.filter((e) => e.code === 'ERR_LOCKED')).toHaveLength(10 - attempts + 1);
    expect((await db.loginAttempts.toArray())[0]).toMatchObject({ failures: 5 });
  });

  it('a right password on the attempt that would lock still signs in and clears the count', async () => {
    const { auth } = env();
    await auth.signUp('Ada', PW);
    for (let i = 0; i < 4; i++) await failure(auth.login('Ada', 'nope nope'));
    await expect(auth.login('Ada', PW)).resolves.toHaveProperty('accessToken');
    expect(await auth.lockedUntil('Ada')).toBe(0);
    expect((await failure(auth.login('Ada', 'nope nope'))).message).toBe('Wrong password. 4 tries left before a 30-second pause.');
  });

  it('upgrades an old hash to the current iteration count at the next successful sign-in', async () => {
    const { auth, db, reload } = env({ iterations: 1000 });
    await auth.signUp('Ada', PW);
    const stronger = reload({ iterations: 2000 });
    await failure(stronger.login('Ada', 'wrong wrong'));
    expect((await db.credentials.toArray())[0]!.iterations).toBe(1000);
    await stronger.login('Ada', PW);
    const cred = (await db.credentials.toArray())[0]!;
    expect(cred.iterations).toBe(2000);
    await expect(stronger.login('Ada', PW)).resolves.toHaveProperty('refreshToken');
  });

  it('uses 600,000 iterations by default and hashes off the caller through the hasher', async () => {
    const calls: number[] = [];
    const counting: PasswordHasher = { derive: (p, s, n) => (calls.push(n), inThreadHasher.derive(p, s, n)) };
    const { auth, db } = env({ hasher: counting, iterations: undefined });
    expect(auth.iterations).toBe(600_000);
    await auth.signUp('Ada', PW);
    await auth.login('Ada', PW);
    // Sign-up and sign-in each derive twice: the verification hash and the data key's wrapping key (own salt).
    expect(calls).toEqual([600_000, 600_000, 600_000, 600_000]);
    const key = (await db.dataKeys.toArray())[0]!;
    expect(key.iterations).toBe(600_000);
    expect(Buffer.from(key.salt).toString('base64')).not.toBe((await db.credentials.toArray())[0]!.salt);
    expect((await db.credentials.toArray())[0]!.iterations).toBe(600_000);
  });
});

describe('AuthService account changes', () => {
  it('changes the password only with the current one, and ends older sessions', async () => {
    const { auth } = env();
    const s = await auth.signUp('Ada', PW);
    const other = await auth.login('Ada', PW);
    expect((await failure(auth.changePassword(s, 'not it at all', 'new river stone'))).code).toBe('ERR_WRONG_PASSWORD');
    expect((await failure(auth.changePassword(s, PW, '12345678'))).code).toBe('ERR_WEAK_PASSWORD');
    const fresh = await auth.changePassword(s, PW, 'new river stone');
    expect((await failure(auth.verify(other))).code).toBe('ERR_SESSION_REVOKED');
    expect((await failure(auth.verify(s))).code).toBe('ERR_SESSION_REVOKED');
    await expect(auth.verify(fresh)).resolves.toHaveProperty('userId');
    expect((await failure(auth.login('Ada', PW))).code).toBe('ERR_WRONG_PASSWORD');
    await expect(auth.login('Ada', 'new river stone')).resolves.toHaveProperty('accessToken');
  });

  it('deletes a profile and every record it owns in every per-user table, and nothing of others', async () => {
    const { auth, db, data } = env();
    const a = await auth.signUp('Ada', PW);
    const b = await auth.signUp('Bob', 'orange river delta');
    const aId = (await auth.verify(a)).userId;
    for (const s of [a, b]) {
      await data.addFeedback(s, { movieId: 1, kind: 'like', at: 1, surface: 'search' });
      await data.setSetting(s, 'theme', 'dark');
      await data.putModelState(s, { model: 'bandit', version: 1, state: [1] });
      await auth.personal.addImpressions((await auth.verify(s)).userId, [{ at: 1, surface: 'search', movieId: 1, position: 0, model: 'm', features: [], propensity: 1 }], 1);
    }
    await failure(auth.login('Ada', 'wrong wrong'));
    expect((await failure(auth.deleteProfile(a, 'wrong wrong'))).code).toBe('ERR_WRONG_PASSWORD');
    await auth.deleteProfile(a, PW);

    expect(await db.users.get(aId)).toBeUndefined();
    for (const table of db.perUserTables) {
      expect(await table.where('userId').equals(aId).count(), table.name).toBe(0);
    }
    expect((await auth.listProfiles()).map((p) => p.username)).toEqual(['Bob']);
    expect(await data.listFeedback(b)).toHaveLength(1);
    expect(await db.credentials.count()).toBe(1);
    expect((await failure(auth.verify(a))).code).toBe('ERR_SESSION_REVOKED');
    // The name is free again.
    await expect(auth.signUp('ada', PW)).resolves.toHaveProperty('accessToken');
  });
});

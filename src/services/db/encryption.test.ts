/**
 * Encryption at rest with the real WebCrypto of Node (globalThis.crypto.subtle) over fake-indexeddb:
 * migration of a version-1 database, no plaintext left, records moved between profiles or changed
 * on disk refused and reported, wrong passwords, password change (rewrap only), deletion, locking.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { codeOf, useAuthEnvs } from '../../../tests/fixtures/auth/env';
import { CLEAR_FIELDS } from '../../core/crypto/layout';
import { createCredential } from '../auth/credentials';
import { inThreadHasher } from '../auth/hasher';
import { FeedbackService } from '../feedback';
import { SCHEMA_V1, storageEvents } from './database';
import { RejectedRecordsEvent } from './personal';
import { deriveKek, unwrapKeys } from './vault';

const env = useAuthEnvs();
const PW = 'plum tree valley';

/** Every row of every per-profile table, as stored. */
async function rawRows(db: Dexie) {
  const out: { table: string; row: Record<string, unknown> }[] = [];
  for (const table of ['feedback', 'impressions', 'settings', 'modelState']) {
    for (const row of await db.table(table).toArray()) out.push({ table, row: row as Record<string, unknown> });
  }
  return out;
}

/** A dump of the stored rows as text (bytes as latin-1, so a plaintext string inside them would show). */
async function dump(db: Dexie): Promise<string> {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (v instanceof Uint8Array) parts.push(Buffer.from(v).toString('latin1'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        parts.push(k);
        walk(x);
      }
    else parts.push(String(v));
  };
  for (const { row } of await rawRows(db)) walk(row);
  return parts.join(' ');
}

function expectNoPlaintextFields(rows: { table: string; row: Record<string, unknown> }[]) {
  for (const { table, row } of rows) {
    const extra = Object.keys(row).filter((k) => !(CLEAR_FIELDS as Record<string, readonly string[]>)[table]!.includes(k) && k !== 'enc' && k !== 'ok');
    expect(extra, `${table} row ${JSON.stringify(Object.keys(row))}`).toEqual([]);
  }
}

function collectRejected() {
  const seen: RejectedRecordsEvent[] = [];
  const on = (e: Event) => seen.push(e as RejectedRecordsEvent);
  storageEvents.addEventListener('rejected', on);
  return { seen, stop: () => storageEvents.removeEventListener('rejected', on) };
}

describe('migration of a version-1 profile', () => {
  it('encrypts every row at the next sign-in, in place: nothing lost, no plaintext left', async () => {
    const e = env();
    const name = e.db.name;
    e.db.close();
    // The old schema, with a profile and its plaintext records, as version 1 wrote them.
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('users').add({ id: 'u1', username: 'Ada', usernameKey: 'ada', createdAt: 1, avatar: 0 });
    await v1.table('credentials').add(await createCredential(inThreadHasher, 'u1', PW, { iterations: 1000, now: 1 }));
    const feedback = [
      { userId: 'u1', movieId: 2571, kind: 'like', at: 10, surface: 'search', query: 'mind-bending sci-fi', position: 2, list: 'Results' },
      { userId: 'u1', movieId: 1196, kind: 'click', at: 11, surface: 'home-row', list: 'Because you liked The Matrix', impressionId: 1 },
      { userId: 'u1', movieId: 318, kind: 'dislike', at: 12, surface: 'movie-page' },
    ];
    for (const f of feedback) await v1.table('feedback').add({ ...f });
    await v1.table('impressions').add({ userId: 'u1', at: 9, surface: 'home-row', movieId: 1196, position: 0, model: 'hybrid', features: [1, 0, 0, 0.5, 0, 0], propensity: 1, query: 'space opera' });
    await v1.table('settings').add({ userId: 'u1', key: 'bandit-strategy', value: { kind: 'linucb', alpha: 0.3 } });
    await v1.table('modelState').add({ userId: 'u1', model: 'cf', version: 1, updatedAt: 3, state: { key: 'k', model: { w: new Float32Array([0.25, -1]) } } });
    await v1.table('modelState').add({ userId: 'u1', model: 'hybrid-weights', version: 1, updatedAt: 4, state: { version: 1, bias: 0.1, w: { semantic: 2 }, updates: 3 } });
    v1.close();
    await e.db.open();
    expect(await dump(e.db)).toContain('mind-bending sci-fi');

    // Version 2 opens the same database; the password encrypts it at sign-in.
    const auth = e.reload();
    const before = await rawRows(e.db);
    expect(before.every(({ row }) => row.enc === undefined)).toBe(true);
    const session = await auth.login('Ada', PW);

    const after = await rawRows(e.db);
    expect(after).toHaveLength(before.length);
    expect(after.every(({ row }) => row.enc !== undefined)).toBe(true);
    expectNoPlaintextFields(after);
    const text = await dump(e.db);
    for (const secret of ['mind-bending sci-fi', 'space opera', 'Because you liked', 'Results', 'linucb', 'movie-page', '2571', '1196']) expect(text).not.toContain(secret);
    expect(await e.db.dataKeys.get('u1')).toMatchObject({ userId: 'u1', wrap: 'AES-KW', kdf: 'PBKDF2-SHA256' });

    // Nothing lost: every record reads back equal, links and ids kept.
    const fb = new FeedbackService(e.db, auth);
    const listed = await fb.list(session);
    expect(listed.map(({ id: _id, ...f }) => f)).toEqual(feedback.map((f) => f));
    expect(listed.map((f) => f.id)).toEqual([1, 2, 3]);
    const imp = await auth.personal.impression('u1', 1);
    expect(imp).toMatchObject({ movieId: 1196, query: 'space opera', features: [1, 0, 0, 0.5, 0, 0] });
    expect(await auth.personal.getSetting('u1', 'bandit-strategy')).toEqual({ kind: 'linucb', alpha: 0.3 });
    const cf = (await auth.personal.getModel('u1', 'cf'))!.state as { model: { w: Float32Array } };
    expect(cf.model.w).toBeInstanceOf(Float32Array);
    expect([...cf.model.w]).toEqual([0.25, -1]);
    // The opinion index works on migrated rows: replacing the like removes the old one.
    await fb.setOpinion(session, 2571, 'dislike', { surface: 'search' });
    expect((await fb.list(session)).filter((f) => f.movieId === 2571).map((f) => f.kind)).toEqual(['dislike']);

    // A second sign-in has nothing to migrate and keeps the same key.
    const wrapped = (await e.db.dataKeys.get('u1'))!.wrapped;
    await e.reload().login('Ada', PW);
    expect((await e.db.dataKeys.get('u1'))!.wrapped).toEqual(wrapped);
  });
});

describe('records at rest', () => {
  it('stores each record under a fresh nonce, with only index fields in the clear', async () => {
    const { auth, db } = env();
    const s = await auth.signUp('Ada', PW);
    const fb = new FeedbackService(db, auth);
    await fb.setOpinion(s, 2571, 'like', { surface: 'search', query: 'keanu hacker film' });
    await fb.setOpinion(s, 2571, 'like', { surface: 'search', query: 'keanu hacker film' });
    await fb.logClick(s, 2571, { surface: 'search', query: 'keanu hacker film' });
    const rows = await rawRows(db);
    expectNoPlaintextFields(rows);
    const ivs = rows.map(({ row }) => Buffer.from((row.enc as { iv: Uint8Array }).iv).toString('hex'));
    expect(new Set(ivs).size).toBe(ivs.length);
    expect(await dump(db)).not.toContain('keanu');
    expect((await fb.list(s)).map((f) => f.kind)).toEqual(['like', 'click']);
  });

  it('refuses a record copied from profile A to B (reported, the rest still read), and a changed ciphertext', async () => {
    const { auth, db, data } = env();
    const a = await auth.signUp('Ada', PW);
    const b = await auth.signUp('Bob', 'orange river delta');
    const bId = (await auth.verify(b)).userId;
    await data.addFeedback(a, { movieId: 1, kind: 'like', at: 10, surface: 'search' });
    await data.addFeedback(b, { movieId: 2, kind: 'like', at: 20, surface: 'search' });
    await data.setSetting(a, 'bandit-strategy', { kind: 'greedy' });
    const aRow = (await db.feedback.where('userId').notEqual(bId).first())!;
    const rejected = collectRejected();
    try {
      // Copied whole into B's profile under a new id, and with its id kept but the owner changed.
      await db.feedback.add({ ...aRow, id: 100, userId: bId } as never);
      await db.settings.put({ ...(await db.settings.toArray())[0]!, userId: bId } as never);
      expect((await data.listFeedback(b)).map((f) => f.movieId)).toEqual([2]);
      expect(await data.getSetting(b, 'bandit-strategy')).toBeUndefined();
      expect(rejected.seen.map((r) => [r.table, r.count])).toEqual([
        ['feedback', 1],
        ['settings', 1],
      ]);
      expect(rejected.seen[0]!.message).toMatch(/^One stored record of this profile could not be decrypted .* left out/);

      // A changed byte of A's own record: detected, left out, reported.
      const enc = (aRow as unknown as { enc: unknown }).enc as { iv: Uint8Array; ct: Uint8Array };
      const ct = new Uint8Array(enc.ct);
      ct[3]! ^= 1;
      await db.feedback.put({ ...aRow, enc: { ...enc, ct } } as never);
      const auth2 = auth; // same page: the decrypted cache must not hide the change
      expect(await new FeedbackService(db, auth2).list(a)).toEqual([]);
      expect(rejected.seen.at(-1)).toMatchObject({ table: 'feedback', count: 1 });
      // Moved to another position (id) within A: refused too (the original, put back, still reads).
      await db.feedback.put(aRow);
      await db.feedback.put({ ...aRow, id: 101 } as never);
      expect((await data.listFeedback(a)).length).toBe(1);
      expect(rejected.seen.at(-1)).toMatchObject({ table: 'feedback', count: 1 });
    } finally {
      rejected.stop();
    }
  });

  it('a wrong password cannot unwrap the data key', async () => {
    const { auth, db } = env();
    const s = await auth.signUp('Ada', PW);
    const rec = (await db.dataKeys.get((await auth.verify(s)).userId))!;
    const wrong = await deriveKek(inThreadHasher, 'not the password', rec.salt, rec.iterations);
    expect(await codeOf(unwrapKeys(wrong, rec.wrapped))).toBe('ERR_DATA_KEY');
    const right = await deriveKek(inThreadHasher, PW, rec.salt, rec.iterations);
    await expect(unwrapKeys(right, rec.wrapped)).resolves.toHaveProperty('records');
    // The stored verification hash is no key: used as one, it does not unwrap.
    const cred = (await db.credentials.toArray())[0]!;
    const fromHash = await crypto.subtle.importKey('raw', Buffer.from(cred.hash, 'base64'), 'AES-KW', false, ['unwrapKey']);
    expect(await codeOf(unwrapKeys(fromHash, rec.wrapped))).toBe('ERR_DATA_KEY');
  });
});

describe('keys and sessions', () => {
  it('is locked after a reload until the password is given; a wrong one is refused and counted', async () => {
    const { auth, reload, data: _d } = env();
    const s = await auth.signUp('Ada', PW);
    const fb = new FeedbackService(auth.personal.db, auth);
    await fb.setOpinion(s, 5, 'like', { surface: 'search' });
    const page2 = reload();
    const fb2 = new FeedbackService(page2.personal.db, page2);
    expect(page2.isUnlocked((await page2.verify(s)).userId)).toBe(false);
    expect(await codeOf(fb2.list(s))).toBe('ERR_PROFILE_LOCKED');
    expect(await codeOf(page2.unlock(s, 'wrong wrong wrong'))).toBe('ERR_WRONG_PASSWORD');
    await page2.unlock(s, PW);
    expect((await fb2.list(s)).map((f) => f.movieId)).toEqual([5]);
    page2.lockAll();
    expect(await codeOf(fb2.list(s))).toBe('ERR_PROFILE_LOCKED');
  });

  it('a password change rewraps the key only: every record is byte-for-byte the same and opens with the new password', async () => {
    const { auth, db, reload } = env();
    const s = await auth.signUp('Ada', PW);
    const fb = new FeedbackService(db, auth);
    await fb.setOpinion(s, 7, 'like', { surface: 'search', query: 'heist' });
    const before = JSON.stringify(await rawRows(db), (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
    const oldKey = (await db.dataKeys.toArray())[0]!;
    const fresh = await auth.changePassword(s, PW, 'new river stone');
    const after = JSON.stringify(await rawRows(db), (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
    expect(after).toBe(before);
    const newKey = (await db.dataKeys.toArray())[0]!;
    expect(Buffer.from(newKey.wrapped).equals(Buffer.from(oldKey.wrapped))).toBe(false);
    expect(Buffer.from(newKey.salt).equals(Buffer.from(oldKey.salt))).toBe(false);
    expect(newKey.createdAt).toBe(oldKey.createdAt);
    const oldKek = await deriveKek(inThreadHasher, PW, newKey.salt, newKey.iterations);
    expect(await codeOf(unwrapKeys(oldKek, newKey.wrapped))).toBe('ERR_DATA_KEY');
    const page2 = reload();
    await page2.unlock(fresh, 'new river stone');
    expect((await new FeedbackService(db, page2).list(fresh)).map((f) => [f.movieId, f.query])).toEqual([[7, 'heist']]);
  });

  it('deleting a profile deletes its wrapped key with its records (crypto-shredding)', async () => {
    const { auth, db } = env();
    const a = await auth.signUp('Ada', PW);
    const b = await auth.signUp('Bob', 'orange river delta');
    await new FeedbackService(db, auth).setOpinion(a, 1, 'like', { surface: 'search' });
    expect(await db.dataKeys.count()).toBe(2);
    const aId = (await auth.verify(a)).userId;
    await auth.deleteProfile(a, PW);
    expect(await db.dataKeys.get(aId)).toBeUndefined();
    expect(await db.dataKeys.count()).toBe(1);
    expect(await db.feedback.count()).toBe(0);
    expect(auth.isUnlocked(aId)).toBe(false);
    expect(auth.isUnlocked((await auth.verify(b)).userId)).toBe(true);
  });
});

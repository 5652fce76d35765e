import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { RecoStreamDB, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from './database';

const names: string[] = [];
const fresh = () => {
  const name = `test-${names.length}-${Date.now()}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

describe('RecoStreamDB', () => {
  it('opens at the current version with every store of versions 1 to 3', async () => {
    const db = new RecoStreamDB(fresh());
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables.map((t) => t.name).sort()).toEqual([...new Set([...Object.keys(SCHEMA_V1), ...Object.keys(SCHEMA_V2), ...Object.keys(SCHEMA_V3)])].sort());
    expect(db.perUserTables.map((t) => t.name)).toContain('unlockSessions');
    db.close();
  });

  it('keeps a version-2 database as it was when opened at version 3 (the stay-unlocked store starts empty)', async () => {
    const name = fresh();
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.table('users').add({ id: 'u1', username: 'Ada', usernameKey: 'ada', createdAt: 1, avatar: 0 });
    await v2.table('dataKeys').add({ userId: 'u1', v: 1, wrapped: new Uint8Array(40) });
    v2.close();

    const db = new RecoStreamDB(name);
    expect(await db.users.get('u1')).toEqual({ id: 'u1', username: 'Ada', usernameKey: 'ada', createdAt: 1, avatar: 0 });
    expect((await db.dataKeys.get('u1'))?.wrapped).toHaveLength(40);
    expect(await db.unlockSessions.count()).toBe(0);
    expect(db.verno).toBe(3);
    db.close();
  });

  it('keeps data written by a version-1 database when reopened at the current version', async () => {
    const name = fresh();
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('users').add({ id: 'u1', username: 'Ada', usernameKey: 'ada', createdAt: 1, avatar: 0 });
    await v1.table('feedback').add({ userId: 'u1', movieId: 1, kind: 'like', at: 5, surface: 'search' });
    v1.close();

    const db = new RecoStreamDB(name);
    expect(await db.users.get('u1')).toMatchObject({ username: 'Ada' });
    // Version 2 keeps the row as it was (it is encrypted at its owner's next sign-in: encryption.test.ts).
    expect(await db.feedback.where('[userId+at]').equals(['u1', 5]).first()).toMatchObject({ movieId: 1, kind: 'like' });
    db.close();
  });

  it('enforces case-folded username uniqueness through the unique index', async () => {
    const db = new RecoStreamDB(fresh());
    await db.users.add({ id: 'a', username: 'Ada', usernameKey: 'ada', createdAt: 1, avatar: 0 });
    await expect(db.users.add({ id: 'b', username: 'ADA', usernameKey: 'ada', createdAt: 2, avatar: 1 })).rejects.toThrow();
    db.close();
  });
});

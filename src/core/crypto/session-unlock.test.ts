import { describe, expect, it } from 'vitest';
import {
  encodeTabEntry,
  parseTabEntry,
  planResume,
  readUnlockRecord,
  staleUnlockRecords,
  TAB_UNLOCK_STORAGE_KEY,
  toHex,
  UNLOCK_SESSION_MAX_AGE_MS,
  unlockAad,
  unlockLifetime,
  UnlockSessionError,
  type TabUnlockEntry,
  type UnlockSessionRecord,
} from './session-unlock';

const NOW = 1_700_000_000_000;
const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
const entry: TabUnlockEntry = { v: 1, userId: 'u1', id: 'tab-a', key };
const record = (over: Partial<UnlockSessionRecord> = {}): UnlockSessionRecord => ({
  id: 'tab-a',
  userId: 'u1',
  sessionId: 's1',
  v: 1,
  iv: new Uint8Array(12).fill(1),
  wrapped: new Uint8Array(48).fill(2),
  ...unlockLifetime(NOW),
  ...over,
});

describe('stay unlocked: tab entry (sessionStorage half)', () => {
  it('round-trips the key as 64 hex digits', () => {
    const text = encodeTabEntry(entry);
    expect(JSON.parse(text)).toEqual({ v: 1, userId: 'u1', id: 'tab-a', key: toHex(key) });
    expect(JSON.parse(text).key).toBe('00070e151c232a31383f464d545b626970777e858c939aa1a8afb6bdc4cbd2d9');
    const back = parseTabEntry(text)!;
    expect(back.userId).toBe('u1');
    expect(back.id).toBe('tab-a');
    expect([...back.key]).toEqual([...key]);
    expect(TAB_UNLOCK_STORAGE_KEY).toBe('recostream.unlock');
  });

  it('refuses a key of the wrong length when writing', () => {
    expect(() => encodeTabEntry({ ...entry, key: new Uint8Array(16) })).toThrow(RangeError);
  });

  it('reads anything malformed as no entry', () => {
    const good = JSON.parse(encodeTabEntry(entry)) as Record<string, unknown>;
    for (const raw of [
      null,
      '',
      'not json',
      'null',
      JSON.stringify({ ...good, v: 2 }),
      JSON.stringify({ ...good, userId: '' }),
      JSON.stringify({ ...good, id: 5 }),
      JSON.stringify({ ...good, key: (good.key as string).slice(2) }),
      JSON.stringify({ ...good, key: (good.key as string).replace(/^00/, 'zz') }),
      JSON.stringify({ ...good, key: (good.key as string).toUpperCase() }),
    ]) {
      expect(parseTabEntry(raw), String(raw)).toBeNull();
    }
  });
});

describe('stay unlocked: record (IndexedDB half)', () => {
  it('accepts a record as written and keeps only its fields', () => {
    const r = readUnlockRecord({ ...record(), extra: 'x' });
    expect(r).toEqual(record());
    expect(r.expiresAt - r.createdAt).toBe(12 * 60 * 60 * 1000);
    expect(UNLOCK_SESSION_MAX_AGE_MS).toBe(43_200_000);
  });

  it('refuses damaged records with a reason', () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /missing/],
      [{ ...record(), v: 2 }, /version 2/],
      [{ ...record(), sessionId: '' }, /ids/],
      [{ ...record(), iv: new Uint8Array(11) }, /nonce/],
      [{ ...record(), wrapped: new Uint8Array(40) }, /wrapped key/],
      [{ ...record(), wrapped: Array.from(new Uint8Array(48)) }, /wrapped key/],
      [{ ...record(), expiresAt: NOW }, /times/],
      // A lifetime edited past the maximum is refused even before the AAD check fails.
      [{ ...record(), expiresAt: NOW + UNLOCK_SESSION_MAX_AGE_MS + 1 }, /lifetime/],
    ];
    for (const [x, why] of cases) {
      expect(() => readUnlockRecord(x)).toThrow(UnlockSessionError);
      expect(() => readUnlockRecord(x)).toThrow(why);
    }
  });

  it('binds the blob to profile, session, record and lifetime through its AAD', () => {
    const base = record();
    const aad = new TextDecoder().decode(unlockAad(base));
    expect(aad).toBe(`["recostream-session-unlock",1,"u1","s1","tab-a",${NOW},${NOW + UNLOCK_SESSION_MAX_AGE_MS}]`);
    const variants = [{ userId: 'u2' }, { sessionId: 's2' }, { id: 'tab-b' }, { createdAt: NOW + 1 }, { expiresAt: NOW + 5 }];
    const texts = new Set(variants.map((v) => new TextDecoder().decode(unlockAad({ ...base, ...v }))));
    expect(texts.size).toBe(variants.length);
    expect(texts.has(aad)).toBe(false);
    // JSON quoting: ids with separators cannot collide.
    expect(toHex(unlockAad({ ...base, userId: 'a","b' }))).not.toBe(toHex(unlockAad({ ...base, userId: 'a', sessionId: 'b","s1' })));
  });
});

describe('stay unlocked: resume decision', () => {
  const ctx = { enabled: true, userId: 'u1', sessionId: 's1', now: NOW + 1000, entry, record: record() };

  it('resumes only with the tab key, its own record, the same session, before expiry', () => {
    expect(planResume(ctx)).toEqual({ resume: true });
  });

  it('stays locked without the tab half and cleans nothing another tab may need', () => {
    expect(planResume({ ...ctx, entry: null })).toEqual({ resume: false, why: 'no-tab-key', deleteRecord: false, clearTab: false });
    expect(planResume({ ...ctx, entry: null, enabled: false })).toEqual({ resume: false, why: 'off', deleteRecord: false, clearTab: false });
  });

  it('stays locked when the record is gone (locked, signed out, turned off elsewhere) and forgets the useless tab key', () => {
    expect(planResume({ ...ctx, record: undefined })).toEqual({ resume: false, why: 'no-record', deleteRecord: false, clearTab: true });
    expect(planResume({ ...ctx, record: record({ id: 'tab-b' }) })).toEqual({ resume: false, why: 'no-record', deleteRecord: false, clearTab: true });
  });

  it('refuses and deletes a record of another sign-in session, an expired one, or one while the option is off', () => {
    expect(planResume({ ...ctx, sessionId: 's2' })).toEqual({ resume: false, why: 'other-session', deleteRecord: true, clearTab: true });
    expect(planResume({ ...ctx, now: NOW + UNLOCK_SESSION_MAX_AGE_MS })).toEqual({ resume: false, why: 'expired', deleteRecord: true, clearTab: true });
    expect(planResume({ ...ctx, now: NOW - 1 })).toEqual({ resume: false, why: 'expired', deleteRecord: true, clearTab: true });
    expect(planResume({ ...ctx, enabled: false })).toEqual({ resume: false, why: 'off', deleteRecord: true, clearTab: true });
  });

  it("never uses another profile's tab key", () => {
    expect(planResume({ ...ctx, entry: { ...entry, userId: 'u2' } })).toEqual({ resume: false, why: 'other-profile', deleteRecord: false, clearTab: true });
  });

  it('lists the records nobody can resume any more', () => {
    const rs = [record({ id: 'a' }), record({ id: 'b', sessionId: 's0' }), record({ id: 'c', createdAt: NOW - UNLOCK_SESSION_MAX_AGE_MS, expiresAt: NOW })];
    expect(staleUnlockRecords(rs, 's1', NOW)).toEqual(['b', 'c']);
    // A clock set back before a record's creation makes it stale too (its lifetime cannot be trusted).
    expect(staleUnlockRecords(rs, 's1', NOW - 1)).toEqual(['a', 'b']);
  });
});

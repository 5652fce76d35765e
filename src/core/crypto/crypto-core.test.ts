import { describe, expect, it } from 'vitest';
import { CodecError, decodeValue, encodeValue } from './codec';
import { isSealedRow, readEnvelope, readWrappedKey, recordAad, RecordCryptoError, rejectedMessage } from './envelope';
import { joinRecord, planMigration, splitRecord } from './layout';
import { assertRecoModels, trainRecoModels } from '../engine/models';

describe('record codec', () => {
  it('round-trips plain values, non-finite numbers and typed arrays of every kind', () => {
    const value = {
      a: 1,
      b: 'é ☃',
      c: [true, null, -0.5, Infinity, NaN],
      m: { f32: new Float32Array([1.5, -2]), f64: new Float64Array([Math.PI]), i32: new Int32Array([-7, 9, 11]), u8: new Uint8Array([255, 0, 3]) },
      dropped: undefined,
    };
    const back = decodeValue(encodeValue(value)) as typeof value;
    expect(back.a).toBe(1);
    expect(back.b).toBe('é ☃');
    expect(back.c.slice(0, 4)).toEqual([true, null, -0.5, Infinity]);
    expect(Number.isNaN(back.c[4])).toBe(true);
    expect(back.m.f32).toBeInstanceOf(Float32Array);
    expect([...back.m.f32]).toEqual([1.5, -2]);
    expect([...back.m.f64]).toEqual([Math.PI]);
    expect([...back.m.i32]).toEqual([-7, 9, 11]);
    expect([...back.m.u8]).toEqual([255, 0, 3]);
    expect('dropped' in back).toBe(false);
  });

  it('stores a typed array as its bytes, not as numbers in JSON', () => {
    const big = new Float32Array(10_000).map((_, i) => i / 3);
    const bytes = encodeValue({ big });
    expect(bytes.length).toBeLessThan(40_000 + 200);
    expect([...(decodeValue(bytes) as { big: Float32Array }).big]).toEqual([...big]);
  });

  it('keeps a sub-view of a larger buffer exactly', () => {
    const base = new Float64Array([1, 2, 3, 4, 5]);
    const view = base.subarray(1, 3);
    expect([...(decodeValue(encodeValue(view)) as Float64Array)]).toEqual([2, 3]);
  });

  it('refuses values it cannot round-trip and bytes it did not write', () => {
    expect(() => encodeValue({ m: new Map() })).toThrow(CodecError);
    expect(() => encodeValue({ d: new Date(0) })).toThrow(/d: cannot store a Date/);
    expect(() => decodeValue(new TextEncoder().encode('{"a":1}'))).toThrow(CodecError);
    const ok = encodeValue({ a: 1 });
    expect(() => decodeValue(ok.subarray(0, ok.length - 8))).toThrow(CodecError);
  });
});

describe('AAD', () => {
  it('differs by table, owner and id, and is unambiguous', () => {
    const base = new TextDecoder().decode(recordAad('feedback', 'u1', 5));
    expect(base).toBe('["recostream-record",1,"feedback","u1",5]');
    const all = [recordAad('feedback', 'u1', 5), recordAad('impressions', 'u1', 5), recordAad('feedback', 'u2', 5), recordAad('feedback', 'u1', 6), recordAad('settings', 'u1', '5')];
    expect(new Set(all.map((b) => new TextDecoder().decode(b))).size).toBe(5);
    // A separator inside an owner cannot forge another (owner, id) pair.
    expect(new TextDecoder().decode(recordAad('settings', 'a","b', 'c'))).not.toBe(new TextDecoder().decode(recordAad('settings', 'a', 'b","c')));
  });

  it('refuses a missing owner, a bad id or an unknown table', () => {
    expect(() => recordAad('feedback', '', 1)).toThrow(RangeError);
    expect(() => recordAad('feedback', 'u', 1.5)).toThrow(RangeError);
    expect(() => recordAad('users' as never, 'u', 1)).toThrow(RangeError);
  });
});

describe('envelope and key record checks', () => {
  const env = { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(20) };
  it('accepts a well-formed envelope and names what is wrong in the others', () => {
    expect(readEnvelope(env).iv.length).toBe(12);
    expect(() => readEnvelope({ ...env, v: 2 })).toThrow(/version 2/);
    expect(() => readEnvelope({ ...env, iv: new Uint8Array(16) })).toThrow(/nonce/);
    expect(() => readEnvelope({ ...env, ct: new Uint8Array(15) })).toThrow(/ciphertext/);
    expect(() => readEnvelope(null)).toThrow(RecordCryptoError);
    expect(isSealedRow({ enc: env })).toBe(true);
    expect(isSealedRow({ movieId: 1 })).toBe(false);
  });

  it('checks the wrapped key record', () => {
    const rec = { userId: 'u', v: 1, kdf: 'PBKDF2-SHA256', iterations: 600000, salt: new Uint8Array(16), wrap: 'AES-KW', wrapped: new Uint8Array(40), createdAt: 1, updatedAt: 1 };
    expect(readWrappedKey(rec).iterations).toBe(600000);
    expect(() => readWrappedKey({ ...rec, wrapped: new Uint8Array(32) })).toThrow(/wrapped key/);
    expect(() => readWrappedKey({ ...rec, salt: new Uint8Array(8) })).toThrow(/salt/);
  });

  it('words the rejected-record notice by count', () => {
    expect(rejectedMessage(1)).toMatch(/^One stored record .* was left out/);
    expect(rejectedMessage(3)).toMatch(/^3 stored records .* were left out/);
  });
});

describe('record layout', () => {
  it('keeps only index fields in the clear and puts what was liked, where and why in the secret part', () => {
    const row = { id: 7, userId: 'u', movieId: 2571, kind: 'like', at: 10, surface: 'search', query: 'space movies', position: 3, impressionId: 40 };
    const s = splitRecord('feedback', row);
    expect(s.clear).toEqual({ id: 7, userId: 'u', at: 10, imp: 40 });
    expect(s.secret).toEqual({ movieId: 2571, kind: 'like', surface: 'search', query: 'space movies', position: 3 });
    expect(s.opinionMovie).toBe(2571);
    expect(joinRecord('feedback', s.clear, s.secret)).toEqual(row);
    expect(splitRecord('feedback', { ...row, kind: 'click' }).opinionMovie).toBeUndefined();
  });

  it('round-trips settings, model state and impressions', () => {
    const setting = { userId: 'u', key: 'bandit-strategy', value: { kind: 'linucb', alpha: 0.3 } };
    const model = { userId: 'u', model: 'bandit', version: 1, updatedAt: 5, state: { pending: [1, 2] } };
    const imp = { id: 3, userId: 'u', at: 9, surface: 'home-row', movieId: 1, position: 0, model: 'hybrid', features: [0.1, 0.2], propensity: 1, query: 'q' };
    for (const [t, r] of [['settings', setting], ['modelState', model], ['impressions', imp]] as const) {
      const s = splitRecord(t, r);
      expect(joinRecord(t, s.clear, s.secret)).toEqual(r);
    }
    expect(splitRecord('impressions', imp).clear).toEqual({ id: 3, userId: 'u', at: 9 });
  });

  it('plans to encrypt exactly the rows without an envelope, and refuses another owner\'s rows', () => {
    const plan = planMigration('u', {
      feedback: [{ id: 1, userId: 'u', movieId: 1 }, { id: 2, userId: 'u', enc: {} }],
      impressions: [{ id: 1, userId: 'u' }],
      settings: [],
      modelState: [{ userId: 'u', model: 'bandit', state: {} }],
    });
    expect(plan.total).toBe(3);
    expect(plan.sealed).toBe(1);
    expect(plan.encrypt.feedback.map((r) => r.id)).toEqual([1]);
    expect(() => planMigration('u', { feedback: [{ id: 1, userId: 'v' }], impressions: [], settings: [], modelState: [] })).toThrow(/another profile/);
  });
});

describe('record codec on the real per-user model', () => {
  it('round-trips a trained CF + ranking model pair (the cached per-user model) and it still validates', () => {
    const nUsers = 30;
    const nItems = 20;
    const user: number[] = [];
    const item: number[] = [];
    const rating: number[] = [];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let u = 0; u < nUsers; u++) {
      for (let i = 0; i < nItems; i++) {
        if (rnd() >= 0.4) continue;
        user.push(u);
        item.push(i);
        rating.push(1 + Math.floor(rnd() * 9) / 2);
      }
    }
    const ratings = { nUsers, nItems, user: new Uint32Array(user), item: new Uint32Array(item), rating: new Float32Array(rating), time: new Uint32Array(user.length) };
    const models = trainRecoModels(ratings, [{ item: 3, kind: 'like', at: 1 }]);
    const back = decodeValue(encodeValue({ key: 'k', model: models })) as { key: string; model: unknown };
    assertRecoModels(back.model, nItems);
    const m = back.model as typeof models;
    expect(m.ranking.gramInv).toBeInstanceOf(Float64Array);
    expect([...m.ranking.gramInv]).toEqual([...models.ranking.gramInv]);
    expect([...m.cf.itemBias]).toEqual([...models.cf.itemBias]);
    expect(JSON.stringify(m.cf.neighbours, (_k, v: unknown) => (ArrayBuffer.isView(v) ? [...(v as Float32Array)] : v))).toBe(
      JSON.stringify(models.cf.neighbours, (_k, v: unknown) => (ArrayBuffer.isView(v) ? [...(v as Float32Array)] : v)),
    );
  });
});

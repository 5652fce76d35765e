import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { useAuthEnvs, codeOf } from '../../../tests/fixtures/auth/env';
import { parseExportFile } from '../../core/auth/export-file';

const env = useAuthEnvs();
/** Movie ids of a small catalogue (the fixture's are 318 and 2571). */
const MOVIES = { movieIds: new Set([1, 2, 3, 318, 2571]) };
const STRATEGY = { kind: 'epsilon-greedy', epsilon: 0.1 };
const WEIGHTS = { version: 1, bias: -1.5, w: { semantic: 2.5, genre: 1.5, mood: 5, cf: 1, quality: 2, fresh: 0.25 }, updates: 3 };
const HYBRID_IMPRESSION = { at: 5, surface: 'search', movieId: 1, position: 0, model: 'hybrid', features: [1, 0.5, 0, 0, 0.25, 0], propensity: 1 } as const;
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../tests/fixtures/auth/${name}`, import.meta.url)), 'utf8');

/** Two profiles, each with some data. */
async function twoProfiles() {
  const e = env();
  const a = await e.auth.signUp('Ada', 'plum tree valley');
  const b = await e.auth.signUp('Bob', 'orange river delta');
  const aId = (await e.auth.verify(a)).userId;
  const bId = (await e.auth.verify(b)).userId;
  await e.data.addFeedback(a, { movieId: 1, kind: 'like', at: 10, surface: 'search' });
  const bFeedback = await e.data.addFeedback(b, { movieId: 2, kind: 'dislike', at: 20, surface: 'home-row' });
  await e.data.setSetting(a, 'bandit-strategy', STRATEGY);
  await e.data.setSetting(b, 'bandit-strategy', { kind: 'linucb', alpha: 1 });
  await e.data.putModelState(b, { model: 'bandit', version: 1, state: { secret: 'bob' } });
  return { ...e, a, b, aId, bId, bFeedback };
}

describe('UserDataService isolation', () => {
  it('scopes every read to the profile the token proves', async () => {
    const { data, a, b } = await twoProfiles();
    expect((await data.listFeedback(a)).map((f) => f.movieId)).toEqual([1]);
    expect((await data.listFeedback(b)).map((f) => f.movieId)).toEqual([2]);
    expect(await data.getSetting(a, 'bandit-strategy')).toEqual(STRATEGY);
    expect(await data.getModelState(a, 'bandit')).toBeUndefined();
    expect((await data.getModelState(b, 'bandit'))?.state).toEqual({ secret: 'bob' });
  });

  it('ignores a userId smuggled into a write and never touches the other profile', async () => {
    const { data, a, b, aId, bId, bFeedback, db } = await twoProfiles();
    const smuggled = { movieId: 3, kind: 'like', at: 30, surface: 'search', userId: bId } as Parameters<typeof data.addFeedback>[1];
    const id = await data.addFeedback(a, smuggled);
    expect((await db.feedback.get(id))?.userId).toBe(aId);
    expect(await data.deleteFeedback(a, bFeedback)).toBe(false);
    expect(await data.listFeedback(b)).toHaveLength(1);
  });

  it('refuses a forged token claiming to be the other profile', async () => {
    const { data, a, bId } = await twoProfiles();
    const [h, , s] = a.accessToken.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...decodeJwt(a.accessToken), sub: bId })).toString('base64url');
    const forged = { ...a, accessToken: `${h}.${forgedPayload}.${s}` };
    expect(await codeOf(data.listFeedback(forged))).toBe('ERR_TOKEN_INVALID');
    expect(await codeOf(data.setSetting(forged, 'theme', 'pwned'))).toBe('ERR_TOKEN_INVALID');
  });

  it('refuses a token signed with a guessed key for the other profile', async () => {
    const { data, a, bId, clock } = await twoProfiles();
    const claims = decodeJwt(a.accessToken);
    const guess = new Uint8Array(32);
    const forged = await new SignJWT({ sid: claims.sid, auth_time: claims.auth_time })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(String(claims.iss))
      .setAudience(String(claims.aud))
      .setSubject(bId)
      .setJti('guess')
      .setIssuedAt(clock.t / 1000)
      .setExpirationTime(clock.t / 1000 + 60)
      .sign(guess);
    expect(await codeOf(data.getModelState(forged, 'bandit'))).toBe('ERR_TOKEN_INVALID');
  });

  it('refuses expired and signed-out sessions', async () => {
    const { data, auth, a, b, clock } = await twoProfiles();
    await auth.logout(b);
    expect(await codeOf(data.listFeedback(b))).toBe('ERR_SESSION_REVOKED');
    clock.advance(3_600_000);
    expect(await codeOf(data.listFeedback(a))).toBe('ERR_SESSION_EXPIRED');
    expect(await codeOf(data.exportData(a))).toBe('ERR_SESSION_EXPIRED');
    expect(await codeOf(data.importData(a, fixture('export-valid.json'), MOVIES))).toBe('ERR_SESSION_EXPIRED');
  });
});

describe('export and import', () => {
  it('exports the profile, feedback, impressions, settings and models but no secrets', async () => {
    const { data, a, db, aId, clock, auth } = await twoProfiles();
    const [impressionId] = await auth.personal.addImpressions(aId, [{ ...HYBRID_IMPRESSION, features: [...HYBRID_IMPRESSION.features] }], HYBRID_IMPRESSION.at);
    await data.addFeedback(a, { movieId: 1, kind: 'click', at: 11, surface: 'search', impressionId });
    const file = await data.exportData(a);
    expect(file.exportedAt).toBe(new Date(clock.t).toISOString());
    expect(file.profile).toMatchObject({ username: 'Ada', avatar: 0 });
    expect(file.feedback.map((f) => f.kind)).toEqual(['like', 'click']);
    expect(file.settings).toEqual([{ key: 'bandit-strategy', value: STRATEGY }]);
    const text = JSON.stringify(file);
    const cred = await db.credentials.get(aId);
    for (const secret of [cred!.hash, cred!.salt, a.accessToken, a.refreshToken, aId, 'userId', 'bob']) expect(text).not.toContain(secret);
    // What we write, we can read back.
    expect(parseExportFile(text, MOVIES)).toEqual(file);
  });

  it('round-trips: export, wipe by import into a new profile, same data with links kept', async () => {
    const { data, auth, a, aId } = await twoProfiles();
    const [impressionId] = await auth.personal.addImpressions(aId, [{ ...HYBRID_IMPRESSION, features: [...HYBRID_IMPRESSION.features] }], HYBRID_IMPRESSION.at);
    await data.addFeedback(a, { movieId: 1, kind: 'click', at: 11, surface: 'search', impressionId });
    await data.putModelState(a, { model: 'hybrid-weights', version: 1, state: WEIGHTS });
    // The CF model is derived from data in the file: it is rebuilt, never exported.
    await data.putModelState(a, { model: 'cf', version: 1, state: { big: [1, 2, 3] } });
    const text = JSON.stringify(await data.exportData(a));
    expect((JSON.parse(text) as { modelState: { model: string }[] }).modelState.map((m) => m.model)).toEqual(['hybrid-weights']);

    const c = await auth.signUp('Cleo', 'silver lake morning');
    await data.setSetting(c, 'bandit-strategy', { kind: 'thompson', scale: 0.2 });
    const summary = await data.importData(c, text, MOVIES);
    expect(summary).toEqual({ feedback: 2, impressions: 1, settings: 1, models: 1 });
    const back = await data.exportData(c);
    const original = JSON.parse(text) as typeof back;
    const strip = <T extends { id?: number; impressionId?: number }>(xs: T[]) => xs.map(({ id: _i, impressionId: _p, ...r }) => r);
    expect(strip(back.feedback)).toEqual(strip(original.feedback));
    expect(strip(back.impressions)).toEqual(strip(original.impressions));
    expect(back.settings).toEqual(original.settings);
    expect(back.modelState).toEqual(original.modelState);
    // The click still points at its impression, under the impression's new id.
    const click = back.feedback.find((f) => f.kind === 'click');
    expect(click?.impressionId).toBe(back.impressions[0]?.id);
    expect(back.profile.username).toBe('Cleo');
    // The source profile is untouched.
    expect(await data.listFeedback(a)).toHaveLength(2);
  });

  it('imports the fixture file into the signed-in profile only', async () => {
    const { data, a, b } = await twoProfiles();
    await data.importData(a, fixture('export-valid.json'), MOVIES);
    expect((await data.listFeedback(a)).map((f) => f.movieId)).toEqual([318, 2571]);
    expect(await data.getSetting(a, 'bandit-strategy')).toEqual(STRATEGY);
    expect((await data.listFeedback(b)).map((f) => f.movieId)).toEqual([2]);
    expect(await data.getSetting(b, 'bandit-strategy')).toEqual({ kind: 'linucb', alpha: 1 });
    // The Discover slate waits on the imported impression under its new id.
    const imported = (await data.exportData(a)).impressions.find((i) => i.model === 'bandit');
    expect(((await data.getModelState(a, 'bandit'))?.state as { pending: number[] }).pending).toEqual([imported?.id]);
  });

  it('leaves everything unchanged when the file is bad', async () => {
    const { data, a, db } = await twoProfiles();
    const before = JSON.stringify([await db.feedback.toArray(), await db.settings.toArray(), await db.modelState.toArray(), await db.impressions.toArray()]);
    for (const bad of ['{oops', '{"format":"other"}', fixture('export-bad-kind.json')]) {
      expect(await codeOf(data.importData(a, bad, MOVIES))).toBe('ERR_IMPORT_INVALID');
    }
    const after = JSON.stringify([await db.feedback.toArray(), await db.settings.toArray(), await db.modelState.toArray(), await db.impressions.toArray()]);
    expect(after).toBe(before);
  });

  it('rolls back a half-written import when a write fails', async () => {
    const { data, a, db } = await twoProfiles();
    const file = JSON.parse(fixture('export-valid.json'));
    // Fault injection: the last write of the transaction fails after the deletes and inserts before it.
    const fail = () => {
      throw new Error('disk full');
    };
    db.modelState.hook('creating').subscribe(fail);
    await expect(data.importData(a, JSON.stringify(file), MOVIES)).rejects.toThrow('disk full');
    db.modelState.hook('creating').unsubscribe(fail);
    expect((await data.listFeedback(a)).map((f) => f.movieId)).toEqual([1]);
    expect(await data.getSetting(a, 'bandit-strategy')).toEqual(STRATEGY);
  });
});

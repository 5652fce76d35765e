/**
 * Fuzzing the import: 1,200 seeded mutations of a valid export (types swapped, fields removed or
 * added, numbers pushed out of range, lists grown or cut, movie ids changed, text corrupted).
 * Each variant goes through the real import into a real (fake-indexeddb) database. A rejected
 * file must change nothing and say what is wrong; an accepted one must leave data that the app's
 * own consumers use as is (checked by invariants written apart from the validator, through the
 * bandit's deserializer and learner, the ranker's weight reader, the strategy resolver and the catalogue).
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useAuthEnvs } from '../../../tests/fixtures/auth/env';
import { deserializeBandit, isLegacyBanditState, learn, REWARDS, resolveStrategy, type StrategyConfig } from '../../core/bandit';
import { AuthError } from '../../core/auth/errors';
import { reviveWeights } from '../../core/hybrid/learn';
import { HYBRID_FEATURES } from '../../core/hybrid/weights';
import { createRng, randomInt, type Rng } from '../../core/random';
import type { PersonalStore } from '../db/personal';
import type { RecoStreamDB } from '../db/database';

const env = useAuthEnvs();
const VALID = readFileSync(fileURLToPath(new URL('../../../tests/fixtures/auth/export-valid.json', import.meta.url)), 'utf8');
const MOVIES = new Set([1, 2, 3, 318, 2571]);
const VARIANTS = 1200;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

/** Every path to a value in `v` (the root is []). */
function paths(v: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}
function get(root: Json, p: Path): Json {
  return p.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k]!, root);
}
function set(root: Json, p: Path, value: Json | undefined): Json {
  if (p.length === 0) return value ?? null;
  const parent = get(root, p.slice(0, -1)) as Record<string | number, Json> | Json[];
  const key = p[p.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, Json>)[key];
  } else (parent as Record<string | number, Json>)[key] = value;
  return root;
}
const typeOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[randomInt(rng, xs.length)]!;
const SAMPLES: Json[] = [null, true, false, 0, -1, 1, 0.5, 1e300, -1e300, '', 'x', '318', [], [1], {}, { kind: 'like' }];

interface Variant {
  text: string;
  ops: string[];
  /** Some operation makes the file certainly invalid (it must be refused). */
  mustReject: boolean;
}

/** One seeded variant: one to three mutations of the valid file, sometimes then corrupted as text. */
function mutate(rng: Rng): Variant {
  let root = JSON.parse(VALID) as Json;
  const ops: string[] = [];
  let mustReject = false;
  const n = 1 + randomInt(rng, 3);
  // A certainly-invalid mutation ends the series, so a later one cannot undo it.
  for (let k = 0; k < n && !mustReject; k++) {
    const all = paths(root);
    const p = pick(rng, all);
    const v = get(root, p);
    const where = p.join('.') || '(root)';
    switch (randomInt(rng, 9)) {
      case 0: {
        // A value of another JSON type.
        const other = SAMPLES.filter((s) => typeOf(s) !== typeOf(v));
        root = set(root, p, pick(rng, other));
        ops.push(`retype ${where}`);
        mustReject = true;
        break;
      }
      case 1:
        if (p.length === 0) break;
        root = set(root, p, undefined);
        ops.push(`remove ${where}`);
        break;
      case 2:
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
          (v as Record<string, Json>)[pick(rng, ['userId', 'extra', '__proto__x', 'weights', 'admin'])] = pick(rng, SAMPLES);
          ops.push(`add field to ${where}`);
          mustReject = true;
        }
        break;
      case 3:
        if (typeof v === 'number') {
          const next = pick(rng, [v + 1, v - 1, -v, v * 1000, v / 3, 0, -1, 2 ** 53, 1e21, v + 0.5]);
          root = set(root, p, next);
          ops.push(`number ${where} ${v} → ${next}`);
        }
        break;
      case 4:
        if (Array.isArray(v) && v.length) {
          v.push(structuredClone(pick(rng, v)));
          ops.push(`duplicate in ${where}`);
        }
        break;
      case 5:
        if (typeof v === 'string') {
          const next = pick(rng, ['', 'a'.repeat(5000), v.toUpperCase(), `${v}x`, 'LIKE', 'home row', '2023-02-30T00:00:00Z']);
          root = set(root, p, next);
          ops.push(`text ${where}`);
        }
        break;
      case 6: {
        // A movie id that is not in the catalogue.
        const ids = all.filter((q) => q[q.length - 1] === 'movieId');
        if (ids.length) {
          const q = pick(rng, ids);
          root = set(root, q, pick(rng, [4, 999999, 0, -318]));
          ops.push(`unknown movie at ${q.join('.')}`);
          mustReject = true;
        }
        break;
      }
      case 7:
        if (Array.isArray(v)) {
          v.push(...Array.from({ length: 1 + randomInt(rng, 3) }, () => pick(rng, SAMPLES)));
          ops.push(`grow ${where}`);
        }
        break;
      default:
        if (typeof v === 'boolean') {
          root = set(root, p, !v);
          ops.push(`flip ${where}`);
        }
    }
  }
  let text = JSON.stringify(root);
  if (randomInt(rng, 10) === 0) {
    const at = randomInt(rng, text.length);
    text = randomInt(rng, 2) ? text.slice(0, at) : `${text.slice(0, at)}${pick(rng, ['"', '}', ',', '\u0000', 'é'])}${text.slice(at + 1)}`;
    ops.push(`corrupt text at ${at}`);
  }
  return { text, ops, mustReject };
}

/** Everything the import could touch, for both profiles. */
async function snapshot(db: RecoStreamDB): Promise<string> {
  const [users, feedback, impressions, settings, modelState] = await Promise.all([
    db.users.toArray(),
    db.feedback.toArray(),
    db.impressions.toArray(),
    db.settings.toArray(),
    db.modelState.toArray(),
  ]);
  return JSON.stringify({ users, feedback, impressions, settings, modelState });
}

/** What the app's consumers need of one profile's stored data; returns the broken ones. */
async function brokenInvariants(store: PersonalStore, userId: string): Promise<string[]> {
  const bad: string[] = [];
  // Read as the app reads them: decrypted through the encrypting repository.
  const feedback = await store.listFeedback(userId);
  const impressions = await store.listImpressions(userId);
  const ids = new Set(impressions.map((i) => i.id));
  const opinions = new Map<number, number>();
  for (const f of feedback) {
    if (!MOVIES.has(f.movieId)) bad.push(`feedback for unknown movie ${f.movieId}`);
    if (!['like', 'dislike', 'click'].includes(f.kind)) bad.push(`feedback kind ${f.kind}`);
    if (!Number.isFinite(f.at) || f.at < 0) bad.push('feedback time');
    if (f.impressionId !== undefined && !ids.has(f.impressionId)) bad.push('feedback links to a missing impression');
    if (f.position !== undefined && !(Number.isInteger(f.position) && f.position >= 0)) bad.push('feedback position');
    if (f.kind !== 'click') opinions.set(f.movieId, (opinions.get(f.movieId) ?? 0) + 1);
  }
  for (const [m, count] of opinions) if (count > 1) bad.push(`${count} opinions of movie ${m}`);
  for (const i of impressions) {
    if (!MOVIES.has(i.movieId)) bad.push(`impression of unknown movie ${i.movieId}`);
    if (!(i.propensity > 0 && i.propensity <= 1)) bad.push(`propensity ${i.propensity}`);
    if (!i.features.every(Number.isFinite) || i.features.length === 0) bad.push('impression features');
    if (i.model === 'hybrid' && i.features.length !== HYBRID_FEATURES.length) bad.push('hybrid impression length');
    if (i.model !== 'hybrid' && i.model !== 'bandit') bad.push(`impression model ${i.model}`);
  }
  for (const s of await store.listSettings(userId)) {
    if (s.key !== 'bandit-strategy') bad.push(`setting ${s.key}`);
    else
      try {
        resolveStrategy(s.value as StrategyConfig);
      } catch {
        bad.push('strategy unusable');
      }
  }
  for (const m of await store.listModels(userId)) {
    if (m.model === 'bandit') {
      const rec = m.state as { state: unknown; pending: unknown };
      if (!Array.isArray(rec.pending) || !rec.pending.every((id) => ids.has(id as number))) bad.push('bandit pending ids');
      // An older-format state is kept on purpose: Discover starts it again from the prior.
      else if (!isLegacyBanditState(rec.state)) {
        try {
          // What Discover does next: resume the state and learn from each pending impression.
          const b = deserializeBandit(rec.state);
          for (const id of rec.pending as number[]) learn(b, impressions.find((i) => i.id === id)!, REWARDS.ignore);
        } catch {
          bad.push('bandit state or its pending impressions unusable (Discover would fail)');
        }
      }
    } else if (m.model === 'hybrid-weights') {
      // reviveWeights silently falls back on anything malformed: accepted weights must survive it unchanged.
      if (JSON.stringify(reviveWeights(m.state)) !== JSON.stringify(m.state)) bad.push('hybrid weights would be replaced by the priors');
    } else if (m.model === 'bandit-history' || m.model === 'hybrid-history') {
      if (!Array.isArray(m.state)) bad.push(`${m.model} is not a list`);
    } else bad.push(`model ${m.model}`);
  }
  return bad;
}

describe('import fuzzing', () => {
  it(`${VARIANTS} mutated exports: none accepted with bad data, none changes the database when refused`, { timeout: 300_000 }, async () => {
    const { auth, data, db } = env();
    const a = await auth.signUp('Ada', 'plum tree valley');
    const b = await auth.signUp('Bob', 'orange river delta');
    const aId = (await auth.verify(a)).userId;
    await data.addFeedback(b, { movieId: 2, kind: 'like', at: 20, surface: 'home-row' });
    await data.importData(a, VALID, { movieIds: MOVIES });
    expect(await brokenInvariants(auth.personal, aId)).toEqual([]);

    const rng = createRng(20261202);
    let accepted = 0;
    let refused = 0;
    for (let k = 0; k < VARIANTS; k++) {
      const v = mutate(rng);
      const before = await snapshot(db);
      let error: unknown = null;
      try {
        await data.importData(a, v.text, { movieIds: MOVIES });
      } catch (err) {
        error = err;
      }
      const label = `variant ${k}: ${v.ops.join('; ')}`;
      if (error) {
        refused++;
        expect(error, label).toBeInstanceOf(AuthError);
        expect((error as AuthError).code, label).toBe('ERR_IMPORT_INVALID');
        expect((error as AuthError).message, label).toMatch(/^This file cannot be imported: .+\.$/);
        expect(await snapshot(db), `${label} changed the database`).toBe(before);
      } else {
        accepted++;
        expect(v.mustReject, `${label} was accepted`).toBe(false);
        expect(await brokenInvariants(auth.personal, aId), label).toEqual([]);
      }
    }
    // Bob's data was never touched, and the fuzzer exercised both outcomes.
    expect((await data.listFeedback(b)).map((f) => f.movieId)).toEqual([2]);
    expect(refused).toBeGreaterThan(VARIANTS / 2);
    expect(accepted).toBeGreaterThan(20);
    console.log(`import fuzz: ${VARIANTS} variants, ${refused} refused, ${accepted} accepted`);
  });
});

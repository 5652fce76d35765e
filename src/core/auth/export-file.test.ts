import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AuthError } from './errors';
import { parseExportFile, utf8ByteLength, type ImportLimits } from './export-file';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../tests/fixtures/auth/${name}`, import.meta.url)), 'utf8');
/** Movie ids of a small catalogue (the fixture's movies are 318 and 2571). */
const MOVIES: ReadonlySet<number> = new Set([1, 2, 3, 318, 2571]);
const parse = (text: string, limits?: ImportLimits) => parseExportFile(text, limits ? { movieIds: MOVIES, limits } : { movieIds: MOVIES });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const valid = (): any => JSON.parse(fixture('export-valid.json'));

function failure(text: string, limits?: ImportLimits): AuthError {
  try {
    parse(text, limits);
  } catch (e) {
    if (e instanceof AuthError) return e;
    throw e;
  }
  throw new Error('expected the import to be refused');
}
const refusal = (mutate: (f: ReturnType<typeof valid>) => void): string => {
  const f = valid();
  mutate(f);
  return failure(JSON.stringify(f)).message;
};

describe('parseExportFile', () => {
  it('reads a valid export fixture field by field', () => {
    const f = parse(fixture('export-valid.json'));
    expect(f.profile).toEqual({ username: 'Ada', createdAt: 1700000000000, avatar: 2 });
    expect(f.feedback).toHaveLength(2);
    expect(f.feedback[0]).toEqual({ id: 1, movieId: 318, kind: 'like', at: 1700000100000, surface: 'search', query: 'prison drama', position: 0, impressionId: 7 });
    expect(f.impressions[0]?.features).toEqual([0.5, 1, 0, 0.2, 0.8, 0]);
    expect(f.settings).toEqual([{ key: 'bandit-strategy', value: { kind: 'epsilon-greedy', epsilon: 0.1 } }]);
    expect(f.modelState.map((m) => m.model)).toEqual(['bandit', 'hybrid-weights', 'bandit-history']);
  });

  it('refuses unknown fields such as a smuggled userId, naming them', () => {
    expect(refusal((f) => (f.feedback[0].userId = 'someone-else'))).toBe('This file cannot be imported: feedback[0] has an unknown field "userId".');
    expect(refusal((f) => (f.extra = 1))).toMatch(/the file has an unknown field "extra"/);
  });

  it('refuses non-JSON, foreign JSON and other versions with a clear message', () => {
    expect(failure('{not json').message).toBe('This file cannot be imported: it is not valid JSON.');
    expect(failure('{"hello":1}').message).toMatch(/not a RecoStream export/);
    expect(failure('[]').message).toMatch(/the file must be an object/);
    expect(refusal((f) => (f.version = 2))).toMatch(/file version 2, this app reads 1/);
    expect(failure('{}').code).toBe('ERR_IMPORT_INVALID');
  });

  it('points at the first bad record', () => {
    expect(failure(fixture('export-bad-kind.json')).message).toBe('This file cannot be imported: feedback[1].kind must be one of like, dislike, click.');
    expect(refusal((f) => (f.impressions[1].propensity = 1.5))).toMatch(/impressions\[1\]\.propensity must be at most 1/);
    expect(refusal((f) => (f.impressions[1].propensity = 0))).toMatch(/impressions\[1\]\.propensity must be more than 0/);
    expect(refusal((f) => f.settings.push(f.settings[0]))).toMatch(/settings has more than 1 entries/);
  });

  it('refuses model state the app could not use (the bandit state that broke Discover)', () => {
    expect(refusal((f) => (f.modelState[0].state = { weights: [0.1, 0.2] }))).toBe('This file cannot be imported: modelState[0].state has an unknown field "weights".');
    expect(refusal((f) => (f.modelState[0].state.state = { weights: [0.1, 0.2] }))).toBe('This file cannot be imported: modelState[0].state.state has an unknown field "weights".');
    expect(refusal((f) => (f.modelState[0].state.state.mean = [0.5]))).toBe(
      'This file cannot be imported: the Discover model in modelState[0].state.state is not usable: mean has 1 entries; the shape needs 2.',
    );
    expect(refusal((f) => (f.modelState[0].state.state.variance[1] = -1))).toMatch(/modelState\[0\]\.state\.state is not usable: variance\[1\] is negative/);
    expect(refusal((f) => (f.modelState[0].state.state.aInv = [1]))).toMatch(/modelState\[0\]\.state\.state has an unknown field "aInv"/);
    expect(refusal((f) => (f.modelState[0].state.state.strategy.epsilon = 2))).toMatch(/modelState\[0\]\.state\.state is not usable: strategy /);
    expect(refusal((f) => (f.modelState[0].state.state.strategy.alpha = 1))).toMatch(/modelState\[0\]\.state\.state\.strategy: alpha does not belong to the epsilon-greedy strategy/);
    expect(refusal((f) => (f.modelState[0].state.pending = [99]))).toMatch(/pending\[0\] 99 is not a Discover impression of the file/);
    expect(refusal((f) => f.impressions[1].features.push(0))).toMatch(/impressions\[1\]\.features must have 3 entries, the size of the Discover model/);
    expect(refusal((f) => (f.modelState[1].state.w.mood = 9))).toMatch(/modelState\[1\]\.state: w\.mood must be a number in \[0, 8\]/);
    expect(refusal((f) => (f.modelState[1].model = 'cf'))).toMatch(/modelState\[1\]\.model must be one of bandit, bandit-history, hybrid-weights, hybrid-history/);
    expect(refusal((f) => (f.modelState[2].state[0].reward = 3))).toMatch(/modelState\[2\]\.state\[0\]\.reward must be at most 1/);
    expect(refusal((f) => (f.settings[0].value = { kind: 'linucb', alpha: -1 }))).toMatch(/settings\[0\]\.value: alpha must be ≥ 0/);
    expect(refusal((f) => (f.settings[0].value = { kind: 'linucb', alpha: 1, epsilon: 0.1 }))).toMatch(/settings\[0\]\.value: epsilon does not belong to the linucb strategy/);
    expect(refusal((f) => (f.settings[0].key = 'theme'))).toMatch(/settings\[0\]\.key must be one of bandit-strategy/);
  });

  it('keeps a Discover model of the older format (Discover restarts it from the community prior)', () => {
    const f = valid();
    // Written by the previous version (dense ridge regression over `dim` features).
    f.modelState[0].state.state = { format: 'recostream-bandit', version: 1, dim: 4, aInv: [1], b: [0], theta: [0] };
    f.impressions[1].features = [0.2, 0.5, 1, 0];
    expect(parse(JSON.stringify(f)).modelState[0]?.model).toBe('bandit');
  });

  it('refuses movies that are not in the catalogue, broken links and duplicate opinions', () => {
    expect(refusal((f) => (f.feedback[1].movieId = 999999))).toBe('This file cannot be imported: feedback[1].movieId 999999 is not a movie of the catalogue.');
    expect(refusal((f) => (f.impressions[0].movieId = 4))).toMatch(/impressions\[0\]\.movieId 4 is not a movie of the catalogue/);
    expect(refusal((f) => (f.feedback[0].impressionId = 70))).toMatch(/feedback\[0\]\.impressionId 70 is not an impression of the file/);
    expect(refusal((f) => (f.feedback[1].movieId = 318))).toMatch(/like or dislike of movie "318" appears twice/);
    expect(refusal((f) => f.impressions[0].features.pop())).toMatch(/impressions\[0\]\.features must have 6 entries/);
    expect(refusal((f) => (f.exportedAt = 'yesterday'))).toMatch(/exportedAt must be a date and time/);
  });

  it('refuses files over the size limit before parsing, counting bytes', () => {
    const limits = { maxBytes: 1024 * 1024, maxRecords: 10 };
    expect(failure('x'.repeat(2 * 1024 * 1024), limits).message).toBe('This file cannot be imported: it is larger than 1 MB.');
    // 400,000 characters of 3 bytes each: 1.2 MB, though only 0.4 M characters.
    const padded = fixture('export-valid.json').replace('"prison drama"', `"${'€'.repeat(400_000)}"`);
    expect(padded.length).toBeLessThan(limits.maxBytes);
    const e = failure(padded, limits);
    expect(e.details.rule).toBe('size');
    expect(e.message).toBe('This file cannot be imported: it is larger than 1 MB.');
  });

  it('counts UTF-8 bytes like TextEncoder, surrogate pairs and lone surrogates included', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a😀b€é', '\ud800', 'x\udc00y', '\ud83d']) {
      expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AuthError } from './errors';
import { parseExportFile } from './export-file';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../tests/fixtures/auth/${name}`, import.meta.url)), 'utf8');

function failure(text: string): AuthError {
  try {
    parseExportFile(text);
  } catch (e) {
    if (e instanceof AuthError) return e;
    throw e;
  }
  throw new Error('expected the import to be refused');
}

describe('parseExportFile', () => {
  it('reads a valid export fixture field by field', () => {
    const f = parseExportFile(fixture('export-valid.json'));
    expect(f.profile).toEqual({ username: 'Ada', createdAt: 1700000000000, avatar: 2 });
    expect(f.feedback).toHaveLength(2);
    expect(f.feedback[0]).toEqual({ id: 1, movieId: 318, kind: 'like', at: 1700000100000, surface: 'search', query: 'prison drama', position: 0, impressionId: 7 });
    expect(f.impressions[0]?.features).toEqual([0.5, -1, 2]);
    expect(f.settings).toEqual([{ key: 'theme', value: 'dark' }, { key: 'exploration', value: { epsilon: 0.1 } }]);
    expect(f.modelState[0]).toMatchObject({ model: 'bandit', version: 1 });
  });

  it('drops unknown fields such as a smuggled userId', () => {
    const raw = JSON.parse(fixture('export-valid.json')) as { feedback: Record<string, unknown>[] };
    raw.feedback[0] = { ...raw.feedback[0], userId: 'someone-else' };
    const f = parseExportFile(JSON.stringify(raw));
    expect(Object.keys(f.feedback[0] ?? {})).not.toContain('userId');
  });

  it('refuses non-JSON, foreign JSON and other versions with a clear message', () => {
    expect(failure('{not json').message).toBe('This file cannot be imported: it is not valid JSON.');
    expect(failure('{"hello":1}').message).toMatch(/not a RecoStream export/);
    expect(failure('[]').message).toMatch(/the file must be an object/);
    const v2 = { ...JSON.parse(fixture('export-valid.json')), version: 2 };
    expect(failure(JSON.stringify(v2)).message).toMatch(/file version 2, this app reads 1/);
    expect(failure('{}').code).toBe('ERR_IMPORT_INVALID');
  });

  it('points at the first bad record', () => {
    expect(failure(fixture('export-bad-kind.json')).message).toBe(
      'This file cannot be imported: feedback[1].kind must be one of like, dislike, click.',
    );
    const raw = JSON.parse(fixture('export-valid.json'));
    raw.impressions[0].propensity = 1.5;
    expect(failure(JSON.stringify(raw)).message).toMatch(/impressions\[0\]\.propensity must be at most 1/);
    raw.impressions[0].propensity = 1;
    raw.settings.push({ key: 'theme', value: 'light' });
    expect(failure(JSON.stringify(raw)).message).toMatch(/setting "theme" appears twice/);
  });

  it('refuses a Discover model of the wrong shape with a clear message, and keeps an older-format one', () => {
    const raw = JSON.parse(fixture('export-valid.json'));
    raw.modelState[0].state.state.mean = [0.5];
    expect(failure(JSON.stringify(raw)).message).toBe(
      'This file cannot be imported: the Discover model in modelState[0] is not usable: mean has 1 entries; the shape needs 2.',
    );
    raw.modelState[0].state = { weights: [0.1, 0.2] };
    expect(failure(JSON.stringify(raw)).message).toMatch(/modelState\[0\]\.state\.pending must be a list of impression ids/);
    // Written by the previous version (dense ridge regression): accepted; Discover restarts it from the prior.
    raw.modelState[0].state = { state: { format: 'recostream-bandit', version: 1, dim: 1, aInv: [1], b: [0], theta: [0] }, pending: [] };
    expect(parseExportFile(JSON.stringify(raw)).modelState[0]?.model).toBe('bandit');
  });

  it('refuses files over the size limit before parsing', () => {
    const e = (() => {
      try {
        parseExportFile('x'.repeat(2 * 1024 * 1024), { maxBytes: 1024 * 1024, maxRecords: 10 });
      } catch (err) {
        return err as AuthError;
      }
      return undefined;
    })();
    expect(e?.message).toBe('This file cannot be imported: it is larger than 1 MB.');
  });
});

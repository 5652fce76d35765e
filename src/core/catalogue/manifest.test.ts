import { describe, expect, it } from 'vitest';
import { checkManifest } from './manifest';
import { DATA_SCHEMA_VERSION } from './types';

const good = { schemaVersion: DATA_SCHEMA_VERSION, builtAt: '2026-01-01', counts: { movies: 1, ratings: 1, users: 1, tags: 0, withExtract: 0 }, files: { 'catalogue.json': { sha256: 'ab', bytes: 10 } } };

describe('checkManifest', () => {
  it('accepts a manifest of this schema', () => {
    expect(checkManifest(good)).toEqual({ ok: true, manifest: good });
  });
  it('names the problem of a damaged or foreign manifest', () => {
    expect(checkManifest(null)).toMatchObject({ ok: false, problem: 'BAD_MANIFEST' });
    expect(checkManifest({ schemaVersion: DATA_SCHEMA_VERSION })).toMatchObject({ ok: false, problem: 'BAD_MANIFEST' });
    expect(checkManifest({ ...good, schemaVersion: DATA_SCHEMA_VERSION + 1 })).toMatchObject({ ok: false, problem: 'SCHEMA_MISMATCH', message: `This app expects data schema ${DATA_SCHEMA_VERSION}, the server has ${DATA_SCHEMA_VERSION + 1}.` });
  });
});

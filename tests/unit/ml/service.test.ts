/**
 * The ML worker's logic (src/ml/service.ts) in Node with the real USE-lite model: a data folder
 * with a manifest and a vectors file is written to a temp dir and read through file: URLs.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataManifest } from '../../../src/core/catalogue/types';
import { encodeVectorsFile, quantizeVectors, vectorsFileName } from '../../../src/core/semantic/vectors-file';
import type { Embedder } from '../../../src/ml/embedder';
import { MlError } from '../../../src/ml/errors';
import { loadUseLiteNode } from '../../../src/ml/node/use-lite';
import { createMlService, type MlProgress } from '../../../src/ml/service';
import { USE_LITE_ID } from '../../../src/ml/use-lite/model';

const MOVIES = [
  'A romantic comedy about two strangers who meet at a wedding.',
  'Astronauts travel through a wormhole to find a new home for humanity among the stars.',
  'A detective hunts a serial killer in a rainy city.',
  'Talking toys come to life when their owner leaves the room.',
];

describe('ML service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-service-'));
  const dataUrl = `${pathToFileURL(dir).href}/`;
  let shared: Embedder;
  // The model is shared by all services in this file; their dispose() must not free it.
  const loadEmbedder = async (id: string) => {
    if (id !== USE_LITE_ID) throw new MlError('UNKNOWN_ENCODER', id);
    return { id: shared.id, dim: shared.dim, device: 'test', embed: (t: readonly string[]) => shared.embed(t), dispose: () => {} };
  };
  const fetchBytes = async (url: string, onBytes?: (l: number, t: number | undefined) => void) => {
    const bytes = new Uint8Array(readFileSync(fileURLToPath(url)));
    onBytes?.(bytes.length, bytes.length);
    return bytes;
  };

  /** Writes manifest.json (+ vectors made by `fileEncoder`) into a sub-folder; returns its URL. */
  const dataset = async (name: string, opts: { manifestEncoder?: string; fileEncoder?: string; count?: number }) => {
    const sub = join(dir, name);
    rmSync(sub, { recursive: true, force: true });
    mkdirSync(sub);
    const file = vectorsFileName(opts.manifestEncoder ?? USE_LITE_ID);
    const vecs = await shared.embed(MOVIES);
    writeFileSync(join(sub, file), encodeVectorsFile(quantizeVectors(opts.fileEncoder ?? USE_LITE_ID, vecs, shared.dim)));
    const manifest: DataManifest = {
      schemaVersion: 1,
      builtAt: '2020-01-01T00:00:00Z',
      counts: { movies: opts.count ?? MOVIES.length, ratings: 0, users: 0, tags: 0, withExtract: 0 },
      files: {},
      ...(opts.manifestEncoder !== '' && { encoder: { id: opts.manifestEncoder ?? USE_LITE_ID, dim: shared.dim, file } }),
    };
    writeFileSync(join(sub, 'manifest.json'), JSON.stringify(manifest));
    return `${dataUrl}${name}/`;
  };

  const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e as MlError).code);

  beforeAll(async () => {
    shared = await loadUseLiteNode();
  });
  afterAll(() => {
    shared.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the manifest’s encoder and vectors, then searches the catalogue', async () => {
    const svc = createMlService({ fetchBytes, loadEmbedder });
    await expect(codeOf(svc.search('x', 1))).resolves.toBe('NOT_INITIALISED');
    const progress: MlProgress[] = [];
    const info = await svc.init({ dataUrl: await dataset('ok', {}) }, (p) => progress.push(p));
    expect(info).toMatchObject({ encoderId: USE_LITE_ID, dim: 512, count: 4, device: 'test' });
    expect(progress.some((p) => p.phase === 'vectors' && p.loaded === p.total && p.total > 0)).toBe(true);

    const top = await svc.search('space exploration movie', 2);
    expect(top.indices[0]).toBe(1);
    expect(top.scores[0]!).toBeGreaterThan(top.scores[1]!);
    expect(Array.from((await svc.search('space exploration movie', 4, { exclude: [1] })).indices)).not.toContain(1);
    const all = await svc.scores('a murder investigation');
    expect(all.length).toBe(4);
    expect(Array.from(all).indexOf(Math.max(...all))).toBe(2);
    // The timed variant gives the same scores, with the time each step took.
    const timed = await svc.scoresTimed('a murder investigation');
    expect(Array.from(timed.scores)).toEqual(Array.from(all));
    expect(timed.embedMs).toBeGreaterThan(0);
    expect(timed.scoreMs).toBeGreaterThanOrEqual(0);
  });

  it('refuses vectors made by another encoder', async () => {
    const svc = createMlService({ fetchBytes, loadEmbedder });
    await expect(codeOf(svc.init({ dataUrl: await dataset('mixed', { fileEncoder: 'sbert-other' }) }))).resolves.toBe('ENCODER_MISMATCH');
    await expect(codeOf(svc.init({ dataUrl: await dataset('ok2', {}), expectEncoder: 'sbert-Xenova/all-MiniLM-L6-v2' }))).resolves.toBe('ENCODER_MISMATCH');
    await expect(codeOf(svc.init({ dataUrl: await dataset('unknown', { manifestEncoder: 'mystery-1' }) }))).resolves.toBe('UNKNOWN_ENCODER');
  });

  it('reports missing or stale vectors', async () => {
    const svc = createMlService({ fetchBytes, loadEmbedder });
    await expect(codeOf(svc.init({ dataUrl: await dataset('none', { manifestEncoder: '' }) }))).resolves.toBe('NO_VECTORS');
    await expect(codeOf(svc.init({ dataUrl: await dataset('stale', { count: 5 }) }))).resolves.toBe('BAD_VECTORS_FILE');
    await expect(codeOf(svc.init({ dataUrl: `${dataUrl}absent/` }))).resolves.toBe('FETCH_FAILED');
  });
});

import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dot, norm } from '../../core/semantic/vector';
import { EmbedderError, type Embedder, type LoadProgress } from '../embedder';
import { loadUseLiteNode, useLiteModelDir } from '../node/use-lite';
import { USE_LITE_DIM, USE_LITE_FILE_BYTES, USE_LITE_ID, USE_LITE_VERSION } from './model';

describe('USE-lite embedder (real model)', () => {
  let embedder: Embedder;
  const progress: LoadProgress[] = [];

  beforeAll(async () => {
    embedder = await loadUseLiteNode({ onProgress: (p) => progress.push(p) });
  });
  afterAll(() => embedder.dispose());

  it('is tied to the installed weights package version', () => {
    const pkg = JSON.parse(readFileSync(join(dirname(useLiteModelDir()), 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe(USE_LITE_VERSION);
    expect(embedder.id).toBe(USE_LITE_ID);
    expect(embedder.dim).toBe(USE_LITE_DIM);
  });

  it('reports byte progress against the full model size from the first event', () => {
    const dir = useLiteModelDir();
    const installed = Object.keys(USE_LITE_FILE_BYTES).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    expect(Object.values(USE_LITE_FILE_BYTES).reduce((a, b) => a + b, 0)).toBe(installed);
    expect(progress.length).toBeGreaterThan(1);
    for (const p of progress) expect(p.total).toBe(installed);
    expect(progress.at(-1)!.loaded).toBe(installed);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.loaded).toBeGreaterThanOrEqual(progress[i - 1]!.loaded);
  });

  it('returns unit vectors of the declared dimension, also for empty text', async () => {
    const vecs = await embedder.embed(['a short query', '', 'x'.repeat(2000)]);
    for (const v of vecs) {
      expect(v.length).toBe(512);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('is deterministic and independent of batching and order', async () => {
    const texts = ['a heist movie with a twist', 'talking animals go on an adventure', 'war drama'];
    const [a, b] = [await embedder.embed(texts), await embedder.embed([...texts].reverse())];
    const single = await embedder.embed([texts[1]!]);
    for (let i = 0; i < 3; i++) expect(dot(a[i]!, b[2 - i]!)).toBeCloseTo(1, 5);
    expect(dot(a[1]!, single[0]!)).toBeCloseTo(1, 5);
  });

  it('places similar texts closer than unrelated ones', async () => {
    const [space, astronauts, wedding] = await embedder.embed([
      'a spaceship travels to a distant galaxy',
      'astronauts explore outer space',
      'a romantic comedy about a wedding',
    ]);
    expect(dot(space!, astronauts!)).toBeGreaterThan(dot(space!, wedding!) + 0.2);
    const [scary, horror, cartoon] = await embedder.embed(['a terrifying haunted house', 'a horror film about ghosts', 'a cheerful cartoon for kids']);
    expect(dot(scary!, horror!)).toBeGreaterThan(dot(scary!, cartoon!));
  });

  it('refuses to embed after dispose', async () => {
    const other = await loadUseLiteNode();
    other.dispose();
    await expect(other.embed(['x'])).rejects.toBeInstanceOf(EmbedderError);
  });
});

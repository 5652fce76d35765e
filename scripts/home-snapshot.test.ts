import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCatalogue } from '../src/core/catalogue/catalogue';
import { decodeCatalogueIndex, encodeCatalogueIndex } from '../src/core/catalogue/codec';
import { checkHomeSnapshot, homeRows } from '../src/core/catalogue/home';
import { GENRES, type MovieIndexEntry } from '../src/core/catalogue/types';
import { buildHomeSnapshot } from './home-snapshot';
import { OUT_DIR } from './paths';

const dir = mkdtempSync(join(tmpdir(), 'home-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ids = (rows: { movies: readonly MovieIndexEntry[] }[]) => rows.map((r) => r.movies.map((m) => m.id));

describe('buildHomeSnapshot', () => {
  it('is null without a built catalogue', () => {
    expect(buildHomeSnapshot(join(dir, 'missing'))).toBeNull();
  });

  it('computes the rows of the catalogue file, tied to its SHA-256', () => {
    const movies: MovieIndexEntry[] = Array.from({ length: 120 }, (_, i) => ({
      id: 10 + i,
      title: `Film ${i}`,
      year: i % 9 ? 1980 + (i % 40) : null,
      genres: [GENRES[i % 7]!, GENRES[(i % 5) + 10]!],
      n: (i * 53) % 97,
      mean: 1 + ((i * 7) % 8) / 2,
    }));
    const text = JSON.stringify(encodeCatalogueIndex(movies, 1));
    writeFileSync(join(dir, 'catalogue.json'), text);
    const snap = checkHomeSnapshot(JSON.parse(JSON.stringify(buildHomeSnapshot(dir))));
    expect(snap).not.toBeNull();
    expect(snap!.catalogueSha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(ids(snap!.rows)).toEqual(ids(homeRows(createCatalogue(decodeCatalogueIndex(JSON.parse(text))))));
  });

  // The page uses the snapshot only when this hash equals the manifest's: check it on the built data.
  it.skipIf(!existsSync(join(OUT_DIR, 'manifest.json')))('matches the built data manifest’s catalogue hash', () => {
    const manifest = JSON.parse(readFileSync(join(OUT_DIR, 'manifest.json'), 'utf8')) as { files: Record<string, { sha256: string }> };
    expect(buildHomeSnapshot(OUT_DIR)!.catalogueSha256).toBe(manifest.files['catalogue.json']!.sha256);
  });
});

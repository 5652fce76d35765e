/**
 * The data-location helper against a real HTTP server (node:http) serving a small data folder:
 * files load only beside a manifest of this schema that lists them, and each failure has its code.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCatalogueIndex } from '../core/catalogue/codec';
import { DATA_SCHEMA_VERSION } from '../core/catalogue/types';
import { extendedId } from '../core/catalogue/extended';
import { loadBaseIndex, loadCatalogueIndex, loadExtendedIndex, loadManifest, loadMoods, loadRatings, setDataBaseUrl } from './data';

const movies = [
  { id: 1, title: 'Toy Story', year: 1995, genres: ['Animation' as const], n: 215, mean: 3.9 },
  { id: 2, title: 'Jumanji', year: 1995, genres: ['Adventure' as const], n: 110, mean: 3.4 },
];
const manifest = (files: string[], schemaVersion = DATA_SCHEMA_VERSION) =>
  JSON.stringify({ schemaVersion, builtAt: '2026-01-01', counts: { movies: 2, ratings: 0, users: 0, tags: 0, withExtract: 0 }, files: Object.fromEntries(files.map((f) => [f, { sha256: 'ab', bytes: 1 }])) });

const contentOnly = [{ id: extendedId('Nomadland'), title: 'Nomadland', year: 2020, genres: ['Drama' as const], n: 0, mean: 0 }];

/** Folder name → file name → body (404 when absent). */
const folders: Record<string, Record<string, string>> = {
  extended: {
    'manifest.json': manifest(['catalogue.json', 'catalogue-extended.json']),
    'catalogue.json': JSON.stringify(encodeCatalogueIndex(movies, DATA_SCHEMA_VERSION)),
    'catalogue-extended.json': JSON.stringify(encodeCatalogueIndex(contentOnly, DATA_SCHEMA_VERSION)),
  },
  'extended-unlisted': {
    'manifest.json': manifest(['catalogue.json']),
    'catalogue.json': JSON.stringify(encodeCatalogueIndex(movies, DATA_SCHEMA_VERSION)),
    'catalogue-extended.json': JSON.stringify(encodeCatalogueIndex(contentOnly, DATA_SCHEMA_VERSION)),
  },
  'extended-bad-ids': {
    'manifest.json': manifest(['catalogue.json', 'catalogue-extended.json']),
    'catalogue.json': JSON.stringify(encodeCatalogueIndex(movies, DATA_SCHEMA_VERSION)),
    'catalogue-extended.json': JSON.stringify(encodeCatalogueIndex([{ ...contentOnly[0]!, id: 2 }], DATA_SCHEMA_VERSION)),
  },
  good: { 'manifest.json': manifest(['catalogue.json']), 'catalogue.json': JSON.stringify(encodeCatalogueIndex(movies, DATA_SCHEMA_VERSION)) },
  unlisted: { 'manifest.json': manifest([]), 'catalogue.json': JSON.stringify(encodeCatalogueIndex(movies, DATA_SCHEMA_VERSION)) },
  future: { 'manifest.json': manifest(['catalogue.json'], DATA_SCHEMA_VERSION + 1), 'catalogue.json': JSON.stringify(encodeCatalogueIndex(movies, DATA_SCHEMA_VERSION)) },
  damaged: { 'manifest.json': manifest(['catalogue.json', 'ratings.bin']), 'catalogue.json': '{"not": "a catalogue"', 'ratings.bin': 'xx' },
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const [, folder = '', name = ''] = (req.url ?? '').split('/');
    const body = folders[folder]?.[name];
    res.writeHead(body === undefined ? 404 : 200).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const codeOf = (p: Promise<unknown>) => p.then(() => 'loaded', (e: { code?: string }) => e.code);

describe('services/data', () => {
  it('loads a file the manifest lists, and no moods when the build has none', async () => {
    setDataBaseUrl(`${base}good/`);
    expect((await loadCatalogueIndex()).map((m) => m.title)).toEqual(['Toy Story', 'Jumanji']);
    expect((await loadManifest()).schemaVersion).toBe(DATA_SCHEMA_VERSION);
    expect(await loadMoods(2)).toBeNull();
  });

  it('an extended build: the first paint index is the MovieLens part; the content-only entries follow, marked, once the manifest lists them', async () => {
    setDataBaseUrl(`${base}extended/`);
    const first = await loadBaseIndex();
    expect(first.map((m) => m.title)).toEqual(['Toy Story', 'Jumanji']);
    const ext = await loadExtendedIndex(first);
    expect(ext).toEqual([{ ...contentOnly[0], contentOnly: true }]);
    expect((await loadCatalogueIndex()).map((m) => m.title)).toEqual(['Toy Story', 'Jumanji', 'Nomadland']);
    // A lean build's manifest does not list the file: nothing is fetched, nothing appended.
    setDataBaseUrl(`${base}extended-unlisted/`);
    expect(await loadExtendedIndex(first)).toEqual([]);
    expect((await loadCatalogueIndex()).length).toBe(2);
    // An id in the MovieLens range (or a repeated one) is refused as damaged.
    setDataBaseUrl(`${base}extended-bad-ids/`);
    expect(await codeOf(loadExtendedIndex(first))).toBe('DATA_DAMAGED');
    expect(await codeOf(loadCatalogueIndex())).toBe('DATA_DAMAGED');
  });

  it('refuses what the manifest does not vouch for, with stable codes', async () => {
    setDataBaseUrl(`${base}unlisted/`);
    expect(await codeOf(loadCatalogueIndex())).toBe('DATA_MISSING');
    setDataBaseUrl(`${base}future/`);
    expect(await codeOf(loadCatalogueIndex())).toBe('DATA_SCHEMA');
    setDataBaseUrl(`${base}damaged/`);
    expect(await codeOf(loadCatalogueIndex())).toBe('DATA_DAMAGED');
    expect(await codeOf(loadRatings())).toBe('DATA_DAMAGED');
    setDataBaseUrl(`${base}nothing-here/`);
    expect(await codeOf(loadCatalogueIndex())).toBe('DATA_HTTP');
  });

  it('says DATA_OFFLINE when nothing answers', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    setDataBaseUrl(`http://127.0.0.1:${port}/`);
    const err = await loadCatalogueIndex().catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DataLoadError', code: 'DATA_OFFLINE' });
    expect((err as Error).message).toMatch(/^Could not download (manifest|catalogue)\.json\. Check your connection and reload\.$/);
  });
});

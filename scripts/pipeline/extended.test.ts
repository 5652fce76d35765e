import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { assignExtendedIds, EXTENDED_ID_BASE, extendedId, isContentOnly, widenRatings } from '../../src/core/catalogue/extended';
import { decodeExtendedIndex, encodeCatalogueIndex } from '../../src/core/catalogue/codec';
import { MOVIELENS_DIR, ROOT, WIKIPEDIA_DIR } from '../paths';
import { buildCatalogue } from './build';
import { DataError } from './errors';
import { catalogueKind, extendedFilms, extendedLimit, mapWikiGenres } from './extended';
import { loadMovieLens, parseMovies } from './movielens';
import { readFullIndex } from './read-index';
import { loadWikipedia, type WikiFilm } from './wikipedia';

const CRLF = (lines: string[]) => lines.join('\r\n') + '\r\n';
const film = (title: string, year: number, href: string, genres: string[] = [], cast: string[] = []): WikiFilm => ({
  title,
  year,
  href,
  genres,
  cast,
  extract: `${title} is a ${year} American film directed by Jane Doe and starring ${cast.join(' and ') || 'nobody'}.`,
});

describe('mapWikiGenres', () => {
  it("maps Wikipedia's labels to the catalogue's genres, in the catalogue's order, without repeats", () => {
    expect(mapWikiGenres(['Science Fiction', 'Animated'])).toEqual(['Animation', 'Sci-Fi']);
    expect(mapWikiGenres(['Family', 'Comedy'])).toEqual(['Children', 'Comedy']);
    expect(mapWikiGenres(['Noir', 'Crime', 'Spy'])).toEqual(['Action', 'Crime', 'Film-Noir', 'Thriller']);
    expect(mapWikiGenres(['Biography', 'Historical', 'Drama'])).toEqual(['Drama']);
    expect(mapWikiGenres(['superhero', ' SLASHER '])).toEqual(['Action', 'Adventure', 'Horror']);
    // Labels with no counterpart leave the film without genres ("(no genres listed)").
    expect(mapWikiGenres(['Silent', 'Short', 'Independent', 'Teen'])).toEqual([]);
  });
});

describe('catalogueKind and extendedLimit', () => {
  it('reads --catalogue (either form) before RECOSTREAM_CATALOGUE, lean by default, and refuses anything else', () => {
    expect(catalogueKind([], {})).toBe('lean');
    expect(catalogueKind([], { RECOSTREAM_CATALOGUE: 'Extended' })).toBe('extended');
    expect(catalogueKind(['--catalogue', 'extended'], {})).toBe('extended');
    expect(catalogueKind(['--catalogue=lean'], { RECOSTREAM_CATALOGUE: 'extended' })).toBe('lean');
    expect(() => catalogueKind(['--catalogue', 'huge'], {})).toThrow(DataError);
    expect(() => catalogueKind([], { RECOSTREAM_CATALOGUE: 'full' })).toThrow('RECOSTREAM_CATALOGUE: "full" is not a catalogue (use lean or extended)');
    expect(extendedLimit({})).toBeUndefined();
    expect(extendedLimit({ RECOSTREAM_EXTENDED_LIMIT: '200' })).toBe(200);
    expect(() => extendedLimit({ RECOSTREAM_EXTENDED_LIMIT: '2.5' })).toThrow('is not a whole number');
  });
});

describe('content-only ids', () => {
  it('come from the article slug, in [2^30, 2^31), the same whatever else is in the build', () => {
    const id = extendedId('Everything_Everywhere_All_at_Once');
    expect(id).toBeGreaterThanOrEqual(EXTENDED_ID_BASE);
    expect(id).toBeLessThan(2 * EXTENDED_ID_BASE);
    expect(isContentOnly({ id })).toBe(true);
    expect(isContentOnly({ id: 193609 })).toBe(false);
    const a = assignExtendedIds(['B_(film)', 'Everything_Everywhere_All_at_Once', 'A_(film)']).ids;
    const b = assignExtendedIds(['Everything_Everywhere_All_at_Once', 'Z_(film)']).ids;
    expect(a.get('Everything_Everywhere_All_at_Once')).toBe(id);
    expect(b.get('Everything_Everywhere_All_at_Once')).toBe(id);
  });

  it('step past a collision: the slug sorting later moves on, deterministically, and never onto a taken id', () => {
    const taken = new Set([extendedId('M_(film)')]);
    const { ids, stepped } = assignExtendedIds(['M_(film)', 'N_(film)'], taken);
    expect(stepped).toBe(1);
    expect(ids.get('M_(film)')).toBe(extendedId('M_(film)', 1));
    expect(ids.get('N_(film)')).toBe(extendedId('N_(film)'));
    expect(taken.has(ids.get('M_(film)')!)).toBe(false);
    expect(assignExtendedIds(['N_(film)', 'M_(film)'], taken).ids).toEqual(ids);
  });
});

describe('extendedFilms: the leftovers of matching', () => {
  const wiki = [
    film('Toy Story', 1995, 'Toy_Story', ['Animated', 'Comedy']),
    film('Nomadland', 2020, 'Nomadland', ['Drama']),
    film('Nomadland', 2020, 'Nomadland', ['Drama']), // listed in two decade files
    film('The Kid', 1921, 'The_Kid_(1921_film)', ['Comedy', 'Silent']),
    film('Top Gun: Maverick', 2022, 'Top_Gun:_Maverick', ['Action']),
  ];
  const matched = new Set([wiki[0]!]);
  it('are the films nobody matched, once per article, with mapped genres, no ratings and ids outside MovieLens', () => {
    const { films } = extendedFilms(wiki, matched, new Set([1]));
    expect(films.map((f) => [f.entry.title, f.entry.year, f.entry.genres, f.entry.n, f.entry.mean, f.entry.contentOnly])).toEqual([
      ['The Kid', 1921, ['Comedy'], 0, 0, true],
      ['Nomadland', 2020, ['Drama'], 0, 0, true],
      ['Top Gun: Maverick', 2022, ['Action'], 0, 0, true],
    ]);
    expect(films.map((f) => f.entry.id)).toEqual(['The_Kid_(1921_film)', 'Nomadland', 'Top_Gun:_Maverick'].map((h) => extendedId(h)));
  });
  it('with a limit keep the most recent films, with the same ids as the full set', () => {
    const all = extendedFilms(wiki, matched, new Set([1])).films;
    const two = extendedFilms(wiki, matched, new Set([1]), 2).films;
    expect(two.map((f) => f.entry.title)).toEqual(['Nomadland', 'Top Gun: Maverick']);
    expect(two.map((f) => f.entry.id)).toEqual(all.slice(1).map((f) => f.entry.id));
  });
});

describe('buildCatalogue with the extended option', () => {
  const ml = {
    movies: parseMovies('movies.csv', CRLF(['movieId,title,genres', '1,Toy Story (1995),Animation|Comedy', '2,Heat (1995),Action|Crime'])),
    ratings: [
      { userId: 1, movieId: 1, rating: 4, timestamp: 1 },
      { userId: 1, movieId: 2, rating: 5, timestamp: 2 },
    ],
    tags: [],
  } as unknown as Parameters<typeof buildCatalogue>[0];
  const wiki = [film('Toy Story', 1995, 'Toy_Story', ['Animated']), film('Nomadland', 2020, 'Nomadland', ['Drama'], ['Frances McDormand']), film('Hereditary', 2018, 'Hereditary_(film)', ['Horror'])];

  it('appends the content-only entries after the MovieLens movies; every aligned list covers them', () => {
    const lean = buildCatalogue(ml, wiki);
    expect(lean.index.map((m) => m.id)).toEqual([1, 2]);
    expect(lean.extended).toBe(0);
    const b = buildCatalogue(ml, wiki, { extended: {} });
    expect(b.extended).toBe(2);
    expect(b.index.map((m) => m.title)).toEqual(['Toy Story', 'Heat', 'Hereditary', 'Nomadland']);
    expect(b.index.slice(2).every((m) => m.contentOnly && m.n === 0 && m.id >= EXTENDED_ID_BASE)).toBe(true);
    for (const list of [b.details, b.cast, b.directors, b.content]) expect(list.length).toBe(4);
    expect(b.details[3]).toMatchObject({ wiki: 'Nomadland', tags: [] });
    expect(b.cast[3]).toEqual(['Frances McDormand']);
    expect(b.directors[3]).toEqual(['Jane Doe']);
    expect(b.withExtract).toBe(1); // MovieLens movies with a plot; content-only entries always have one
    expect(b.ratings.nItems).toBe(2); // the ratings cover the MovieLens movies only
    expect(widenRatings(b.ratings, 4).nItems).toBe(4);
    expect(() => widenRatings(b.ratings, 1)).toThrow('fewer');
  });

  it('round-trips the content-only index and refuses MovieLens-range or repeated ids', () => {
    const b = buildCatalogue(ml, wiki, { extended: {} });
    const file = encodeCatalogueIndex(b.index.slice(2), 1);
    const back = decodeExtendedIndex(JSON.parse(JSON.stringify(file)), new Set([1, 2]));
    expect(back).toEqual(b.index.slice(2));
    expect(() => decodeExtendedIndex({ ...file, id: [2, file.id[1]] }, new Set([1, 2]))).toThrow('content-only range');
    expect(() => decodeExtendedIndex({ ...file, id: [file.id[0], file.id[0]] })).toThrow('repeated');
  });
});

describe('scripts/data.ts --catalogue extended', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes the content-only entries to catalogue-extended.json (listed in the manifest); a lean build removes it', () => {
    const root = mkdtempSync(join(tmpdir(), 'recostream-ext-'));
    dirs.push(root);
    const [ml, wiki, out] = ['ml', 'wiki', 'out'].map((d) => join(root, d)) as [string, string, string];
    mkdirSync(ml);
    mkdirSync(wiki);
    writeFileSync(join(ml, 'movies.csv'), CRLF(['movieId,title,genres', '1,Toy Story (1995),Animation|Comedy']));
    writeFileSync(join(ml, 'ratings.csv'), CRLF(['userId,movieId,rating,timestamp', '1,1,4.0,964982703']));
    writeFileSync(join(ml, 'tags.csv'), CRLF(['userId,movieId,tag,timestamp']));
    writeFileSync(join(wiki, 'movies-1990s.json'), JSON.stringify([{ title: 'Toy Story', year: 1995, extract: 'Toys.', href: 'Toy_Story', genres: ['Animated'] }]));
    writeFileSync(
      join(wiki, 'movies-2020s.json'),
      JSON.stringify([
        { title: 'Soul', year: 2020, extract: 'Soul is a 2020 American animated film.', href: 'Soul_(2020_film)', genres: ['Animated', 'Family'], cast: ['Jamie Foxx'] },
        { title: 'Tenet', year: 2020, extract: 'Tenet is a 2020 science fiction action film.', href: 'Tenet_(film)', genres: ['Science Fiction', 'Action'] },
      ]),
    );
    const env = { ...process.env, RECOSTREAM_MOVIELENS_DIR: ml, RECOSTREAM_WIKIPEDIA_DIR: wiki, RECOSTREAM_OUT_DIR: out, RECOSTREAM_CATALOGUE: '' };
    const run = (args: string[], extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'data.ts'), ...args], { env: { ...env, ...extra }, encoding: 'utf8' });

    const ext = run(['--catalogue', 'extended']);
    expect(ext.stderr).toBe('');
    expect(ext.stdout).toContain('extended catalogue: 2 content-only Wikipedia films (2 from 2019 on)');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.counts).toMatchObject({ movies: 3, extended: 2, withExtract: 1 });
    expect(Object.keys(manifest.files).sort()).toEqual(['catalogue-extended.json', 'catalogue.json', 'content.json', 'details.json', 'people.json', 'ratings.bin']);
    const full = readFullIndex(out);
    expect(full.map((m) => [m.title, m.genres, isContentOnly(m)])).toEqual([
      ['Toy Story', ['Animation', 'Comedy'], false],
      ['Soul', ['Animation', 'Children'], true],
      ['Tenet', ['Action', 'Sci-Fi'], true],
    ]);
    expect(full[1]!.id).toBe(extendedId('Soul_(2020_film)'));
    expect(JSON.parse(readFileSync(join(out, 'details.json'), 'utf8')).wiki).toEqual(['Toy_Story', 'Soul_(2020_film)', 'Tenet_(film)']);

    // The limit keeps the most recent N (a small extended build for tests); ids do not change.
    const one = run([], { RECOSTREAM_CATALOGUE: 'extended', RECOSTREAM_EXTENDED_LIMIT: '1' });
    expect(one.status).toBe(0);
    expect(readFullIndex(out).map((m) => m.id)).toEqual([1, full[2]!.id]);

    const lean = run([]);
    expect(lean.status).toBe(0);
    expect(existsSync(join(out, 'catalogue-extended.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).counts.extended).toBeUndefined();
    expect(readFullIndex(out).map((m) => m.id)).toEqual([1]);

    const bad = run(['--catalogue', 'everything']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--catalogue: "everything" is not a catalogue (use lean or extended)');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.runIf(existsSync(join(MOVIELENS_DIR, 'ratings.csv')))('the extended catalogue on the real data', () => {
  it('adds ~28,000 films incl. 2019–2023, each article once, no id shared with MovieLens or another film', () => {
    const ml = loadMovieLens(MOVIELENS_DIR);
    const b = buildCatalogue(ml, loadWikipedia(WIKIPEDIA_DIR), { extended: {} });
    const ext = b.index.slice(b.index.length - b.extended);
    expect(b.extended).toBeGreaterThan(27_000);
    expect(b.extended).toBeLessThan(29_000);
    expect(ext.filter((m) => (m.year ?? 0) >= 2019).length).toBeGreaterThan(1_000);
    expect(Math.max(...ext.map((m) => m.year ?? 0))).toBe(2023);
    expect(new Set(b.index.map((m) => m.id)).size).toBe(b.index.length);
    const hrefs = b.details.slice(b.index.length - b.extended).map((d) => d.wiki!);
    expect(new Set(hrefs).size).toBe(hrefs.length);
    // Ids are the slug's hash except the few that stepped past a collision.
    const own = ext.filter((m, i) => m.id === extendedId(hrefs[i]!)).length;
    expect(ext.length - own).toBe(b.steppedIds);
    expect(b.steppedIds).toBeLessThan(5);
    // Most films get a catalogue genre.
    expect(ext.filter((m) => m.genres.length > 0).length / ext.length).toBeGreaterThan(0.95);
  }, 60_000);
});

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { MOVIELENS_DIR, ROOT, WIKIPEDIA_DIR } from '../paths';
import { buildCatalogue } from './build';
import { DataError } from './errors';
import { loadMovieLens, parseMovies, parseRatings, parseTags } from './movielens';
import { directorsFromExtract } from './people';
import { loadWikipedia, WikiIndex } from './wikipedia';

const CRLF = (lines: string[]) => lines.join('\r\n') + '\r\n';

describe('parseMovies', () => {
  it('reads CRLF files, quoted titles with commas, missing years and "(no genres listed)"', () => {
    const movies = parseMovies(
      'movies.csv',
      CRLF([
        'movieId,title,genres',
        '11,"American President, The (1995)",Comedy|Drama|Romance',
        '2,Babylon 5,Sci-Fi',
        '3,"City of Lost Children, The (Cité des enfants perdus, La) (1995)",Adventure|Drama|Fantasy|Mystery|Sci-Fi',
        '4,Some Short (2015),(no genres listed)',
      ]),
    );
    expect(movies.map((m) => [m.movieId, m.title, m.year, m.genres.length])).toEqual([
      [11, 'The American President', 1995, 3],
      [2, 'Babylon 5', null, 1],
      [3, 'The City of Lost Children', 1995, 5],
      [4, 'Some Short', 2015, 0],
    ]);
    expect(movies[0]!.rawTitle).toBe('American President, The (1995)');
  });

  it('names the file, line and problem for bad rows', () => {
    const bad = (rows: string[]) => () => parseMovies('movies.csv', CRLF(['movieId,title,genres', ...rows]));
    expect(bad(['x,Title (1999),Drama'])).toThrow('movies.csv:2: movieId "x" is not a whole number');
    expect(bad(['1,A (1999),Drama', '1,B (1999),Drama'])).toThrow('movies.csv:3: duplicate movieId 1');
    expect(bad(['1,A (1999),Drama', '2,B (1999),Dramma'])).toThrow('movies.csv:3: unknown genre "Dramma"');
    expect(bad(['1,A (1999)'])).toThrow('movies.csv:2: expected 3 fields, found 2');
    expect(() => parseMovies('movies.csv', 'id,name\r\n1,x\r\n')).toThrow(/movies\.csv:1: expected header "movieId,title,genres"/);
    expect(bad(['1,"unterminated (1999),Drama'])).toThrow(DataError);
  });
});

describe('parseRatings and parseTags', () => {
  const ids = new Set([1, 2]);
  it('accept half-star ratings and reject anything else with its line', () => {
    const ok = parseRatings('ratings.csv', CRLF(['userId,movieId,rating,timestamp', '1,1,4.5,964982703', '1,2,0.5,964981247']), ids);
    expect(ok).toEqual([
      { userId: 1, movieId: 1, rating: 4.5, timestamp: 964982703 },
      { userId: 1, movieId: 2, rating: 0.5, timestamp: 964981247 },
    ]);
    const bad = (row: string) => () => parseRatings('ratings.csv', CRLF(['userId,movieId,rating,timestamp', '1,1,4,1', row]), ids);
    expect(bad('1,1,4.3,1')).toThrow('ratings.csv:3: rating "4.3" is not a half-star value from 0.5 to 5');
    expect(bad('1,1,6,1')).toThrow('ratings.csv:3: rating "6"');
    expect(bad('1,9,4,1')).toThrow('ratings.csv:3: movieId 9 is not in movies.csv');
  });
  it('keeps tags with commas inside quotes', () => {
    const tags = parseTags('tags.csv', CRLF(['userId,movieId,tag,timestamp', '2,1,"funny, clever",1445714994']), ids);
    expect(tags[0]!.tag).toBe('funny, clever');
  });
});

describe('WikiIndex', () => {
  const films = [
    { title: 'The Matrix', year: 1999, extract: 'Neo…', href: 'The_Matrix', genres: [], cast: [] },
    { title: 'Hamlet', year: 1990, extract: 'Mel Gibson…', href: 'Hamlet_(1990_film)', genres: [], cast: [] },
    { title: 'Hamlet', year: 1996, extract: 'Branagh…', href: 'Hamlet_(1996_film)', genres: [], cast: [] },
  ];
  const index = new WikiIndex(films);
  it('matches by title key and year ±1, exact year first', () => {
    expect(index.match(['The Matrix'], 1999)?.href).toBe('The_Matrix');
    expect(index.match(['Matrix'], 2000)?.href).toBe('The_Matrix');
    expect(index.match(['Hamlet'], 1996)?.href).toBe('Hamlet_(1996_film)');
    expect(index.match(['Hamlet'], 1997)?.href).toBe('Hamlet_(1996_film)');
    expect(index.match(['Hamlet'], 1993)).toBeUndefined();
    expect(index.match(['Hamlet'], null)).toBeUndefined();
  });
});

describe.runIf(existsSync(join(MOVIELENS_DIR, 'ratings.csv')))('the real files', () => {
  it('parse to the documented counts and match about 6,300 plots', () => {
    const ml = loadMovieLens(MOVIELENS_DIR);
    expect(ml.movies).toHaveLength(9742);
    expect(ml.ratings).toHaveLength(100836);
    expect(ml.tags).toHaveLength(3683);
    expect(new Set(ml.ratings.map((r) => r.userId)).size).toBe(610);
    // 13 titles lack a plain "(year)"; one of them gives a range, "(2006–2007)", read as 2006.
    expect(ml.movies.filter((m) => m.year === null)).toHaveLength(12);
    expect(ml.movies.filter((m) => m.genres.length === 0)).toHaveLength(34);
    const built = buildCatalogue(ml, loadWikipedia(WIKIPEDIA_DIR));
    expect(built.withExtract).toBeGreaterThan(6200);
    expect(built.withExtract).toBeLessThan(6500);
    const toyStory = built.index.find((m) => m.id === 1)!;
    expect(toyStory).toMatchObject({ title: 'Toy Story', year: 1995, n: 215 });
    expect(toyStory.mean).toBeCloseTo(3.9209, 3);
    expect(built.details[0]!.wiki).toBe('Toy_Story');
    const matrix = built.index.find((m) => m.id === 2571)!;
    expect(matrix.title).toBe('The Matrix');
  });
});

describe('WikiIndex.matchAll', () => {
  const film = (title: string, year: number, extract = 'A film.') => ({ title, year, extract, href: title.replace(/ /g, '_'), genres: [], cast: [] });
  const index = new WikiIndex([
    film('Star Wars', 1977, 'Star Wars is a 1977 space opera.'),
    film('The Empire Strikes Back', 1980, 'The second film in the Star Wars film series.'),
    film('Kill Bill: Volume 1', 2003),
    film('The Wrath of God', 1972, 'A Western starring Robert Mitchum.'),
    film('Interview with the Vampire', 1994),
    film('Mission: Impossible 2', 2000),
  ]);
  const q = (t: string, year: number, aka: string[] = []) => ({ titles: [t, ...aka], year });
  it('handles subtitles, numbering, abbreviations and refuses a subtitle naming another film', () => {
    const r = index.matchAll([
      q('Star Wars: Episode IV - A New Hope', 1977),
      q('Star Wars: Episode V - The Empire Strikes Back', 1980),
      q('Kill Bill: Vol. 1', 2003),
      q('Aguirre: The Wrath of God', 1972, ['Aguirre, der Zorn Gottes']),
      q('Interview with the Vampire: The Vampire Chronicles', 1994),
      q('Mission: Impossible II', 2000),
      q('Star Wars: Episode VI - Return of the Jedi', 1983),
    ]);
    expect(r.map((x) => x && [x.film.title, x.rule])).toEqual([
      ['Star Wars', 'part'],
      ['The Empire Strikes Back', 'part'],
      ['Kill Bill: Volume 1', 'title'],
      undefined,
      ['Interview with the Vampire', 'part'],
      ['Mission: Impossible 2', 'title'],
      undefined,
    ]);
  });
});

describe('directorsFromExtract', () => {
  it('reads one or several directors from the lead paragraph', () => {
    expect(directorsFromExtract('Star Wars is a 1977 film written and directed by George Lucas, produced by Lucasfilm.')).toEqual(['George Lucas']);
    expect(directorsFromExtract('Fargo is a 1996 film written, produced and directed by Joel and Ethan Coen.')).toEqual(['Joel Coen', 'Ethan Coen']);
    expect(directorsFromExtract('A film directed by Robert Z. Leonard and starring Cary Grant.')).toEqual(['Robert Z. Leonard']);
    expect(directorsFromExtract('The Evil Dead is a horror film written and directed by Sam Raimi. The film stars Bruce Campbell.')).toEqual(['Sam Raimi']);
    expect(directorsFromExtract('Halloween is a 1978 film directed and scored by John Carpenter.')).toEqual(['John Carpenter']);
    expect(directorsFromExtract('Y is directed by Guillermo del Toro, from a screenplay.')).toEqual(['Guillermo del Toro']);
    expect(directorsFromExtract('A documentary about directors.')).toEqual([]);
  });
});

describe.runIf(existsSync(join(MOVIELENS_DIR, 'ratings.csv')))('matching on the real data', () => {
  const sample = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/wiki-match-sample.json'), 'utf8')) as { pairs: { movieId: number; title: string; wiki: string | null }[] };
  const built = buildCatalogue(loadMovieLens(MOVIELENS_DIR), loadWikipedia(WIKIPEDIA_DIR));
  it('agrees with every hand-verified pair (no wrong match, no missed hard case)', () => {
    expect(sample.pairs.length).toBeGreaterThanOrEqual(100);
    const got = sample.pairs.map((p) => {
      const i = built.index.findIndex((m) => m.id === p.movieId);
      return { movieId: p.movieId, title: p.title, wiki: built.details[i]!.wiki ?? null };
    });
    expect(got).toEqual(sample.pairs.map(({ movieId, title, wiki }) => ({ movieId, title, wiki })));
  });
  it('gives cast and directors to matched movies', () => {
    const i = built.index.findIndex((m) => m.id === 260);
    expect(built.cast[i]).toContain('Mark Hamill');
    expect(built.directors[i]).toEqual(['George Lucas']);
    const withCast = built.cast.filter((c) => c.length > 0).length;
    expect(withCast / built.withExtract).toBeGreaterThan(0.95);
  });
});

describe('scripts/data.ts', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('stops on a bad input with file:line and leaves the previous output untouched', () => {
    const root = mkdtempSync(join(tmpdir(), 'recostream-data-'));
    dirs.push(root);
    const ml = join(root, 'ml');
    const wiki = join(root, 'wiki');
    const out = join(root, 'out');
    mkdirSync(ml);
    mkdirSync(wiki);
    mkdirSync(out);
    writeFileSync(join(ml, 'movies.csv'), CRLF(['movieId,title,genres', '1,Toy Story (1995),Animation|Comedy']));
    writeFileSync(join(ml, 'ratings.csv'), CRLF(['userId,movieId,rating,timestamp', '1,1,4.0,964982703', '1,1,9.0,964982703']));
    writeFileSync(join(ml, 'tags.csv'), CRLF(['userId,movieId,tag,timestamp']));
    writeFileSync(join(wiki, 'movies-1990s.json'), JSON.stringify([{ title: 'Toy Story', year: 1995, extract: 'Toys.', href: 'Toy_Story' }]));
    writeFileSync(join(out, 'catalogue.json'), 'previous');
    const env = { ...process.env, RECOSTREAM_MOVIELENS_DIR: ml, RECOSTREAM_WIKIPEDIA_DIR: wiki, RECOSTREAM_OUT_DIR: out };
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'data.ts')], { env, encoding: 'utf8' });
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${join(ml, 'ratings.csv')}:3: rating "9.0" is not a half-star value from 0.5 to 5`);
    expect(bad.stderr).toContain('nothing was written');
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readFileSync(join(out, 'catalogue.json'), 'utf8')).toBe('previous');

    writeFileSync(join(ml, 'ratings.csv'), CRLF(['userId,movieId,rating,timestamp', '1,1,4.0,964982703']));
    const good = run();
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('Wikipedia extract for 1 movies (100.0%)');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.counts).toEqual({ movies: 1, ratings: 1, users: 1, tags: 0, withExtract: 1 });
    expect(Object.keys(manifest.files).sort()).toEqual(['catalogue.json', 'content.json', 'details.json', 'people.json', 'ratings.bin']);

    rmSync(join(ml, 'tags.csv'));
    const missing = run();
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`${join(ml, 'tags.csv')}: file not found`);
  });
});

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { MOVIELENS_DIR, ROOT, WIKIPEDIA_DIR } from '../paths';
import { buildCatalogue } from './build';
import { DataError } from './errors';
import { loadMovieLens, parseMovies, parseRatings, parseTags } from './movielens';
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
    { title: 'The Matrix', year: 1999, extract: 'Neo…', href: 'The_Matrix', genres: [] },
    { title: 'Hamlet', year: 1990, extract: 'Mel Gibson…', href: 'Hamlet_(1990_film)', genres: [] },
    { title: 'Hamlet', year: 1996, extract: 'Branagh…', href: 'Hamlet_(1996_film)', genres: [] },
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
    expect(Object.keys(manifest.files).sort()).toEqual(['catalogue.json', 'details.json', 'ratings.bin']);

    rmSync(join(ml, 'tags.csv'));
    const missing = run();
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`${join(ml, 'tags.csv')}: file not found`);
  });
});

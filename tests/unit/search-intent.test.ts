/** Search understanding on the real catalogue: people, "like <title>", years, content limits, typos, constraints over taste. */
import { beforeAll, describe, expect, it } from 'vitest';
import { searchTitles } from '../../src/core/catalogue/search';
import { trainCf, type CfModel } from '../../src/core/cf/model';
import { CONTENT_DIMS } from '../../src/core/content/limits';
import { RecoEngine } from '../../src/core/engine/engine';
import { queryFit } from '../../src/core/explain/fit';
import { renderReasons } from '../../src/core/explain/reasons';
import { priorWeights } from '../../src/core/hybrid/weights';
import { parseQuery } from '../../src/core/query/parse';
import { realData } from '../fixtures/real-data';

let model: CfModel;
beforeAll(() => {
  model = trainCf(realData().ratings);
}, 180_000);
const parse = (q: string) => {
  const { catalogue, people } = realData();
  return parseQuery(q, { latestYear: catalogue.latestYear, context: { catalogue, people } });
};
const engine = () => {
  const { catalogue, content } = realData();
  return new RecoEngine({ catalogue, moods: null, content }, model);
};
const castOf = (id: number) => {
  const { catalogue, people } = realData();
  const i = catalogue.indexOf.get(id)!;
  return [...people.castOf(i), ...people.directorsOf(i)];
};

describe('people', () => {
  it.each([
    ['Tom Hanks movies', 'Tom Hanks', 'any'],
    ['a movie with Meryl Streep', 'Meryl Streep', 'cast'],
    ['films directed by Steven Spielberg', 'Steven Spielberg', 'director'],
    ['directed by Spielberg', 'Steven Spielberg', 'director'],
    ['a Nolan film', 'Christopher Nolan', 'director'],
    ['tom hankss', 'Tom Hanks', 'any'],
  ])('%s → %s (%s)', (q, name, role) => {
    const intent = parse(q);
    expect(intent.people?.map((p) => [p.name, p.role])).toEqual([[name, role]]);
    expect(intent.residual).toBe('');
  });
  it('keeps every result within the person’s films and says so', () => {
    const items = engine().search(parse('Tom Hanks movies'), null, priorWeights(), 10);
    expect(items).toHaveLength(10);
    for (const it of items) expect(castOf(it.movie.id)).toContain('Tom Hanks');
    expect(renderReasons(items[0]!.reasons)).toMatch(/Tom Hanks/);
    const spielberg = engine().search(parse('films directed by Steven Spielberg'), null, priorWeights(), 10);
    const { catalogue, people } = realData();
    for (const it of spielberg) expect(people.directorsOf(catalogue.indexOf.get(it.movie.id)!)).toContain('Steven Spielberg');
  });
  it('does not see people in ordinary words', () => {
    for (const q of ['a heist movie with a twist', 'I want a feel-good sci-fi movie', 'something scary but not gory from the 80s', 'I would like a comedy']) expect(parse(q).people).toEqual([]);
  });
});

describe('"like <title>"', () => {
  it('resolves the title (with typos) and ranks its neighbours, never the title itself', () => {
    expect(parse('movies like Toy Story').like?.movieId).toBe(1);
    expect(parse('similar to the matrx').like?.title).toBe('The Matrix');
    expect(parse('in the style of Alien').like?.title).toBe('Alien');
    expect(parse('movies like godfather 2').like?.title).toBe('The Godfather: Part II');
    expect(parse('I would like a comedy').like).toBeNull();
    const items = engine().search(parse('movies like Toy Story'), null, priorWeights(), 10);
    expect(items.map((x) => x.movie.id)).not.toContain(1);
    expect(items.filter((x) => x.movie.genres.includes('Animation')).length).toBeGreaterThanOrEqual(6);
    expect(renderReasons(items[0]!.reasons)).toMatch(/^Like Toy Story/);
  });
});

describe('years', () => {
  it.each([
    ['classic film noir from the 1940s', 1940, 1949],
    ['comedies from the forties', 1940, 1949],
    ["'40s westerns", 1940, 1949],
    ['from 1940 to 1955', 1940, 1955],
    ['before 1960', undefined, 1959],
    ['recent comedies', 2013, undefined],
    ['new sci-fi', 2013, undefined],
  ])('%s', (q, from, to) => expect(parse(q).years).toEqual({ ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }));
  it('holds a decade for every result, and relaxes it (saying so) when fewer than 10 movies fit', () => {
    const noir = engine().searchPage(parse('classic film noir from the 1940s'), null, priorWeights(), 10);
    expect(noir.items.every((x) => x.movie.year! >= 1940 && x.movie.year! <= 1949)).toBe(true);
    expect(noir.notes.relaxed).toEqual([]);
    const few = engine().searchPage(parse('film noir from 1890 to 1905'), null, priorWeights(), 10);
    expect(few.notes.relaxed).toContain('years');
  });
});

describe('content limits', () => {
  it('reads gore, violence, sex, swearing, drugs and fright as limits, not moods', () => {
    const q = parse('something scary but not gory from the 80s');
    expect(q.limits).toEqual([{ dim: 'gore', max: 1 }]);
    expect(q.moods.map((m) => `${m.negated ? '-' : ''}${m.mood}`)).toEqual(['scary']);
    expect(parse('no sex or drugs please').limits?.map((l) => l.dim)).toEqual(['sex', 'drugs']);
    expect(parse('a comedy without bad language').limits?.map((l) => l.dim)).toEqual(['swearing']);
    expect(parse('not too violent').limits).toEqual([{ dim: 'violence', max: 2 }]);
    expect(parse('not too scary for kids').limits?.find((l) => l.dim === 'scary')?.max).toBe(1);
  });
  it('"scary but not gory from the 80s": no gory film, all from the 80s', () => {
    const { content, catalogue } = realData();
    const items = engine().search(parse('something scary but not gory from the 80s'), null, priorWeights(), 20);
    expect(items).toHaveLength(20);
    const gore = CONTENT_DIMS.indexOf('gore');
    for (const it of items) {
      expect(content.levels[catalogue.indexOf.get(it.movie.id)! * CONTENT_DIMS.length + gore]).toBeLessThanOrEqual(1);
      expect(it.movie.year).toBeGreaterThanOrEqual(1980);
      expect(it.movie.year).toBeLessThanOrEqual(1989);
    }
    // Slashers are the gory ones.
    expect(items.map((x) => x.movie.title)).not.toContain('Friday the 13th Part 3: 3D');
  });
});

describe('typo-tolerant titles', () => {
  it.each([
    ['matrx', 'The Matrix'],
    ['lord of the rigns', 'The Lord of the Rings: The Fellowship of the Ring'],
    ['amelie', 'Amelie'],
    ['godfather 2', 'The Godfather: Part II'],
    ['star wars 4', 'Star Wars: Episode IV - A New Hope'],
    ['shawshenk', 'The Shawshank Redemption'],
  ])('%s → %s', (q, title) => expect(searchTitles(realData().catalogue, q, 5)[0]?.movie.title).toBe(title));
});

describe('explicit constraints win over taste', () => {
  it('40 likes of space operas still give heist films for a heist query', () => {
    const { catalogue, details } = realData();
    const space = catalogue.movies
      .map((m, i) => ({ m, d: details[i]! }))
      .filter(({ m, d }) => m.genres.includes('Sci-Fi') && /\b(space|galaxy|planet|starship)\b/i.test(`${d.extract ?? ''} ${d.tags.join(' ')}`))
      .sort((a, b) => b.m.n - a.m.n)
      .slice(0, 40);
    expect(space).toHaveLength(40);
    const e = engine();
    const now = Date.UTC(2026, 10, 1);
    e.setFeedback(space.map(({ m }, k) => ({ movieId: m.id, kind: 'like' as const, at: now - k * 1000 })), now);
    const items = e.search(parse('a heist movie with a twist'), null, priorWeights(), 10);
    expect(items).toHaveLength(10);
    const heist = realData().content.topics.get('heist')!;
    for (const it of items) expect(heist.has(it.index), it.movie.title).toBe(true);
    expect(items.map((x) => x.movie.title)).not.toContain('The Godfather');
  });
});

describe('honest match figures', () => {
  it('do not say "all" on every card', () => {
    const intent = parse('I want a feel-good sci-fi movie about robots');
    const items = engine().search(intent, null, priorWeights(), 20);
    const fits = items.map((x) => queryFit(intent, x));
    expect(fits.every((f) => f.length > 0)).toBe(true);
    expect(fits.filter((f) => f.startsWith('Fits all')).length).toBeLessThan(20);
  });
});

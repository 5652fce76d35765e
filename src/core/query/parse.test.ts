import { describe, expect, it } from 'vitest';
import type { Genre } from '../catalogue/types';
import { parseQuery } from './parse';

/** Moods as "mood:weight" (with "-" for a negation), in order. */
const moods = (text: string) => parseQuery(text).moods.map((m) => `${m.negated ? '-' : ''}${m.mood}:${m.weight}`);
const include = (text: string) => [...parseQuery(text).genres.include].sort();
const years = (text: string) => parseQuery(text).years;

describe('genres: synonyms', () => {
  const cases: [string, Genre[]][] = [
    ['sci-fi', ['Sci-Fi']],
    ['scifi', ['Sci-Fi']],
    ['Sci Fi', ['Sci-Fi']],
    ['science fiction', ['Sci-Fi']],
    ['science-fiction films', ['Sci-Fi']],
    ['syfy', ['Sci-Fi']],
    ['rom-com', ['Comedy', 'Romance']],
    ['romcom', ['Comedy', 'Romance']],
    ['romantic comedies', ['Comedy', 'Romance']],
    ['a cartoon', ['Animation']],
    ['animated movies', ['Animation']],
    ['anime', ['Animation']],
    ['for kids', ['Children']],
    ['family movie', ['Children']],
    ['documentary', ['Documentary']],
    ['a doc about music', ['Documentary']],
    ['documentaries', ['Documentary']],
    ['thrillers', ['Thriller']],
    ['noir', ['Film-Noir']],
    ['film noir', ['Film-Noir']],
    ['musicals', ['Musical']],
    ['westerns', ['Western']],
    ['a war movie', ['War']],
    ['superhero', ['Action', 'Sci-Fi']],
    ['detective stories', ['Crime', 'Mystery']],
    ['a whodunit', ['Mystery']],
    ['horror', ['Horror']],
    ['imax', ['IMAX']],
    ['comedies and dramas', ['Comedy', 'Drama']],
    ['spaghetti westerns', ['Western']],
  ];
  it.each(cases)('%s', (text, genres) => expect(include(text)).toEqual(genres));

  it('treats "scary" as a mood, not the horror genre', () => {
    const q = parseQuery('something scary');
    expect(q.genres.include).toEqual([]);
    expect(moods('something scary')).toEqual(['scary:1']);
  });
  it('keeps topic words that imply a genre as content', () => {
    expect(parseQuery('superhero movies').content).toBe('superhero');
    expect(parseQuery('a heist film').content).toBe('heist');
    expect(parseQuery('sci-fi comedy').content).toBe('');
  });
  it('reads "family drama" as a drama about a family', () => {
    expect(include('family drama')).toEqual(['Drama']);
  });
  it('adds the mood of a genre phrase ("dark comedy")', () => {
    expect(include('a dark comedy')).toEqual(['Comedy']);
    expect(moods('a dark comedy')).toEqual(['dark:0.8']);
  });
});

describe('genres: typos (Damerau–Levenshtein ≤ 1, words of ≥ 5 letters)', () => {
  const cases: [string, Genre[]][] = [
    ['thriler', ['Thriller']],
    ['documentry', ['Documentary']],
    ['comdey', ['Comedy']],
    ['comdy', ['Comedy']],
    ['westren', ['Western']],
    ['romace', ['Romance']],
    ['horor', ['Horror']],
    ['thrilers', ['Thriller']],
    ['musicla', ['Musical']],
  ];
  it.each(cases)('%s', (text, genres) => expect(include(text)).toEqual(genres));

  it('leaves real words and short words alone', () => {
    for (const text of ['sunny', 'eastern europe', 'a bunny', 'an auction', 'mastery', 'dram', 'star wars']) {
      expect(parseQuery(text).genres.include, text).toEqual([]);
      expect(parseQuery(text).moods, text).toEqual([]);
    }
  });
  it('writes the corrected word into the residual and keeps the typed text in the span', () => {
    const q = parseQuery('a thriler');
    expect(q.residual).toBe('thriller');
    expect(q.spans[0]).toMatchObject({ kind: 'genre', text: 'thriler', genres: ['Thriller'] });
  });
});

describe('genres: exclusions', () => {
  it.each([
    ['no horror', ['Horror']],
    ['not a horror', ['Horror']],
    ['without romance', ['Romance']],
    ['anything but westerns', ['Western']],
    ['no horror or romance', ['Horror', 'Romance']],
    ['neither horror nor romance', ['Horror', 'Romance']],
    ["I don't want a musical", ['Musical']],
    ['NO HORROR', ['Horror']],
  ] as [string, Genre[]][])('%s', (text, genres) => {
    const q = parseQuery(text);
    expect([...q.genres.exclude].sort()).toEqual(genres);
    expect(q.genres.include).toEqual([]);
  });
  it('excludes a combination, not each genre, for rom-coms and adjacent genres', () => {
    expect(parseQuery('no rom-coms').genres).toEqual({ include: [], exclude: [], excludeCombos: [['Romance', 'Comedy']] });
    expect(parseQuery('no horror comedy').genres.excludeCombos).toEqual([['Horror', 'Comedy']]);
  });
  it('ends the negation at "but", a full stop or an unrelated genre', () => {
    expect(parseQuery('no horror but funny').genres.exclude).toEqual(['Horror']);
    expect(moods('no horror but funny')).toEqual(['funny:1']);
    expect(parseQuery('comedy, no horror').genres).toEqual({ include: ['Comedy'], exclude: ['Horror'], excludeCombos: [] });
    expect(parseQuery('no horror. comedy').genres).toEqual({ include: ['Comedy'], exclude: ['Horror'], excludeCombos: [] });
  });
  it('continues a comma list only when it ends with "or"', () => {
    expect([...parseQuery('no horror, war or romance').genres.exclude].sort()).toEqual(['Horror', 'Romance', 'War']);
    expect(parseQuery('no horror, comedy').genres.include).toEqual(['Comedy']);
  });
  it('turns negated topic words into avoid terms instead of genre exclusions', () => {
    const q = parseQuery('no zombies or vampires please');
    expect(q.genres.exclude).toEqual([]);
    expect(q.avoid).toEqual(['zombies', 'vampires']);
    expect(parseQuery('no superhero movies').avoid).toEqual(['superhero']);
  });
  it('lets an exclusion win over an inclusion of the same genre', () => {
    expect(parseQuery('horror, actually no horror').genres).toEqual({ include: [], exclude: ['Horror'], excludeCombos: [] });
  });
});

describe('years', () => {
  const cases: [string, { from?: number; to?: number } | null][] = [
    ['90s', { from: 1990, to: 1999 }],
    ['1990s', { from: 1990, to: 1999 }],
    ["'90s comedies", { from: 1990, to: 1999 }],
    ["90's", { from: 1990, to: 1999 }],
    ['nineties', { from: 1990, to: 1999 }],
    ['from the 80s', { from: 1980, to: 1989 }],
    ['the 2000s', { from: 2000, to: 2009 }],
    ['2010s', { from: 2010, to: 2019 }],
    ['after 2010', { from: 2011 }],
    ['before 1980', { to: 1979 }],
    ['since 1995', { from: 1995 }],
    ['until 1995', { to: 1995 }],
    ['up to 1995', { to: 1995 }],
    ['pre-1980', { to: 1979 }],
    ['post-2000', { from: 2001 }],
    ['after the 90s', { from: 2000 }],
    ['before the 80s', { to: 1979 }],
    ['between 1995 and 2000', { from: 1995, to: 2000 }],
    ['between the 80s and the 90s', { from: 1980, to: 1999 }],
    ['from 1995 to 2000', { from: 1995, to: 2000 }],
    ['1995-2000', { from: 1995, to: 2000 }],
    ['1995 – 2000', { from: 1995, to: 2000 }],
    ['2005 or later', { from: 2005 }],
    ['from 2005 onwards', { from: 2005 }],
    ['from 2005 on', { from: 2005 }],
    ['2015', { from: 2015, to: 2015 }],
    ["made in '95", { from: 1995, to: 1995 }],
    ['released in 1999', { from: 1999, to: 1999 }],
    ['early 90s', { from: 1990, to: 1993 }],
    ['mid-80s', { from: 1983, to: 1986 }],
    ['late 70s', { from: 1977, to: 1979 }],
    ['80s and 90s action', { from: 1980, to: 1999 }],
    ['90s movies after 1995', { from: 1996, to: 1999 }],
    ['the last 10 years', { from: 2009 }],
    ['recent movies', { from: 2013 }],
    ['new comedies', { from: 2013 }],
    ['something new', { from: 2013 }],
    ['old westerns', { to: 1970 }],
    ['a classic', { to: 1970 }],
    ['modern sci-fi', { from: 2000 }],
    ['nothing before 1990', { from: 1990 }],
    ['new york', null],
    ['an old man and the sea', null],
    ['set in the 1920s', null],
    ['no year here', null],
  ];
  it.each(cases)('%s', (text, range) => expect(years(text)).toEqual(range));

  it('keeps a setting as content, not a release year', () => {
    expect(parseQuery('a drama set in the 1920s').content).toBe('set 1920s');
  });
  it('does not read "on" as "and later" without "from"', () => {
    expect(years('2015 on netflix')).toEqual({ from: 2015, to: 2015 });
  });
  it('takes year words relative to the latest year option', () => {
    expect(parseQuery('recent movies', { latestYear: 2020 }).years).toEqual({ from: 2015 });
    expect(parseQuery('old movies', { oldUntil: 1960 }).years).toEqual({ to: 1960 });
  });
  it('removes the year phrase from the residual', () => {
    expect(parseQuery('heist movies from the 90s').residual).toBe('heist movies');
    expect(parseQuery('comedies after 2010').residual).toBe('comedies');
  });
});

describe('moods: cues, intensity and negation', () => {
  const cases: [string, string[]][] = [
    ['something scary', ['scary:1']],
    ['very scary', ['scary:1.5']],
    ['really really scary', ['scary:2']],
    ['a bit scary', ['scary:0.5']],
    ['slightly funny', ['funny:0.5']],
    ['kind of dark', ['dark:0.6']],
    ['super funny', ['funny:1.5']],
    ['hilarious', ['funny:1.3']],
    ['the scariest movie', ['scary:1.5']],
    ['feel-good', ['feel-good:1']],
    ['uplifting', ['feel-good:1', 'inspiring:0.6']],
    ['a tearjerker', ['sad:1.2']],
    ['mind-bending', ['thought-provoking:1.2']],
    ['thought provoking', ['thought-provoking:1']],
    ['cozy', ['relaxing:1']],
    ['inspirational', ['inspiring:1']],
    ['romantic', ['romantic:1']],
    ['thrilling', ['exciting:1']],
    ['gritty', ['dark:1']],
    ['something light', ['feel-good:0.6', 'funny:0.4', 'relaxing:0.5']],
    ['nothing scary', ['-scary:1']],
    ['not scary', ['-scary:1']],
    ['not too scary', ['-scary:0.5']],
    ['not very funny', ['-funny:0.5']],
    // Gore is a content limit (entities.ts), not a mood: "not gory" no longer avoids dark films.
    ['scary but not too gory', ['scary:1']],
    ['nothing too violent or depressing', ['-dark:0.5', '-sad:0.4']],
    ['funny, nothing dark', ['funny:1', '-dark:1']],
    ['something that is not sad', ['-sad:1']],
    ['not in the mood for anything scary', ['-scary:1']],
  ];
  it.each(cases)('%s', (text, expected) => expect(moods(text)).toEqual(expected));

  it('keeps a soft negation on the mood and the following genre positive', () => {
    const q = parseQuery('not too scary horror');
    expect(q.genres.include).toEqual(['Horror']);
    expect(moods('not too scary horror')).toEqual(['-scary:0.5']);
  });
  it('turns a soft negation of a genre into a soft negation of its mood', () => {
    const q = parseQuery('light on romance');
    expect(q.genres.exclude).toEqual([]);
    expect(moods('light on romance')).toEqual(['-romantic:0.5']);
  });
});

describe('moods: stated feelings', () => {
  it('reads "I\'m sad" as wanting cheering up, not a sad film', () => {
    const q = parseQuery("I'm sad");
    expect(moods("I'm sad")).toEqual(['feel-good:1', 'funny:0.8', '-sad:0.5']);
    expect(q.moods.every((m) => m.source === 'feeling')).toBe(true);
    expect(q.feelings).toEqual([{ id: 'sad', label: 'you feel down' }]);
    expect(q.residual).toBe('');
  });
  it('reads "a sad movie" as wanting sad content', () => {
    expect(moods('a sad movie')).toEqual(['sad:1']);
    expect(parseQuery('a sad movie').feelings).toEqual([]);
  });
  it('lets an explicit cue override what a feeling implies', () => {
    expect(moods("I'm sad, cheer me up")).toEqual(['-sad:0.5', 'feel-good:1', 'funny:0.7']);
    expect(moods("I'm sad but I want a good cry")).toEqual(['feel-good:1', 'funny:0.8', 'sad:1.2']);
  });
  it.each([
    ['I want a good cry', ['sad:1.2'], []],
    ["I'm bored", ['exciting:1', 'funny:0.5'], ['bored']],
    ['bored', ['exciting:1', 'funny:0.5'], ['bored']],
    ["I'm stressed", ['relaxing:1', 'funny:0.7', '-scary:0.5', '-dark:0.5'], ['stressed']],
    ['long day at work', ['relaxing:1', 'funny:0.6', 'feel-good:0.5', '-thought-provoking:0.5'], ['tired']],
    ["I'm lonely", ['feel-good:1', 'romantic:0.8'], ['lonely']],
    ["I can't sleep", ['relaxing:1', 'feel-good:0.5', '-scary:0.8', '-exciting:0.5'], ['sleepless']],
    ['I cant sleep', ['relaxing:1', 'feel-good:0.5', '-scary:0.8', '-exciting:0.5'], ['sleepless']],
    ["I'm feeling really down", ['feel-good:1.5', 'funny:1.2', '-sad:0.5'], ['sad']],
    ['feeling romantic', ['romantic:1'], ['in-love']],
    ["I'm not sad", [], []],
    ['I’m sad', ['feel-good:1', 'funny:0.8', '-sad:0.5'], ['sad']],
  ] as [string, string[], string[]][])('%s', (text, expected, feelings) => {
    expect(moods(text)).toEqual(expected);
    expect(parseQuery(text).feelings.map((f) => f.id)).toEqual(feelings);
  });
  it('summarises the wanted tone', () => {
    expect(parseQuery("I'm sad, cheer me up").emotionalTone?.label).toBe('upbeat');
    expect(parseQuery('something scary').emotionalTone).toEqual({ valence: -0.6, arousal: 0.9, label: 'tense' });
    expect(parseQuery('no horror').emotionalTone).toBeNull();
  });
});

describe('residual, content and spans', () => {
  it('removes control phrases and keeps descriptive words', () => {
    const q = parseQuery('a feel-good sci-fi movie about space, no horror, from the 90s');
    expect(q.residual).toBe('feel-good sci-fi movie about space');
    expect(q.content).toBe('space');
    expect(q.genres).toEqual({ include: ['Sci-Fi'], exclude: ['Horror'], excludeCombos: [] });
    expect(q.years).toEqual({ from: 1990, to: 1999 });
  });
  it('drops negated words from the residual and lists them as avoid terms', () => {
    const q = parseQuery('space movie without aliens');
    expect(q.residual).toBe('space movie');
    expect(q.avoid).toEqual(['aliens']);
  });
  it('leaves nothing for the encoder when only fillers remain', () => {
    expect(parseQuery('I want a good cry').residual).toBe('');
    expect(parseQuery('show me something').residual).toBe('');
  });
  it('keeps the original casing', () => {
    expect(parseQuery('Space Heist in Paris').residual).toBe('Space Heist in Paris');
    expect(parseQuery('Space Heist in Paris').content).toBe('Space Heist Paris');
  });
  it('points every chip at the substring that produced it', () => {
    const text = "I'm sad, so no horror, something funny from the 90s";
    const q = parseQuery(text);
    for (const s of q.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(q.spans.map((s) => [s.kind, s.text])).toEqual([
      ['feeling', "I'm sad"],
      ['genre', 'no horror'],
      ['mood', 'funny'],
      ['years', 'from the 90s'],
    ]);
    expect(q.spans[1]).toMatchObject({ kind: 'genre', negated: true, genres: ['Horror'] });
  });
  it('gives the first chip of a negated list the negator, the next ones their own text', () => {
    const q = parseQuery('no horror or romance');
    expect(q.spans.map((s) => s.text)).toEqual(['no horror', 'romance']);
  });
  it('returns an empty intent for empty or unknown text', () => {
    const q = parseQuery('');
    expect(q).toMatchObject({ moods: [], years: null, residual: '', content: '', avoid: [], spans: [], emotionalTone: null });
    expect(parseQuery('zxqv').content).toBe('zxqv');
  });
});

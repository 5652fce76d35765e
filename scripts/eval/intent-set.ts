/**
 * The labelled query set of `npm run eval:intent`: what a user asks, and a check of the top 10
 * computed from the data (cast and directors from people.json, content levels and topics from
 * content.json, genres, years and mood profiles from the catalogue) — never a hand-picked answer list.
 */

export type Category = 'people' | 'like' | 'years' | 'limits' | 'typos' | 'genres+moods' | 'negations';

/** One expectation on the ranked top 10 (or, for typos, on the instant title results). */
export type Check =
  /** At least `min` of the top 10 have the person in the role ("any": cast or director). */
  | { t: 'person'; name: string; role: 'cast' | 'director' | 'any'; min: number }
  /** The query resolved "like" to this MovieLens id; it is not in the results; ≥ `min` share a genre with it. */
  | { t: 'like'; movieId: number; min: number }
  /** Every result released within [from, to]. */
  | { t: 'years'; from?: number; to?: number }
  /** No result above `max` on a content dimension. */
  | { t: 'limit'; dim: 'gore' | 'violence' | 'sex' | 'swearing' | 'drugs' | 'scary'; max: number }
  /** The first title hit is this MovieLens title. */
  | { t: 'title'; title: string }
  /** At least `min` of the top 10 have all of `all` (genres). */
  | { t: 'genres'; all: string[]; min: number }
  /** No result has any of these genres (or, with `combo`, all of them together). */
  | { t: 'noGenre'; genres: string[]; combo?: boolean }
  /** At least `min` of the top 10 have mood `mood` ≥ 0.4 in their profile. */
  | { t: 'mood'; mood: string; min: number }
  /** No result is about the topic (content.json topics). */
  | { t: 'noTopic'; topic: string }
  /** At least `min` of the top 10 are about the topic. */
  | { t: 'topic'; topic: string; min: number };

export interface IntentCase {
  q: string;
  cat: Category;
  checks: Check[];
}

const p = (q: string, name: string, role: 'cast' | 'director' | 'any' = 'any', min = 8): IntentCase => ({ q, cat: 'people', checks: [{ t: 'person', name, role, min }] });
const like = (q: string, movieId: number, min = 6): IntentCase => ({ q, cat: 'like', checks: [{ t: 'like', movieId, min }] });
const yrs = (q: string, from?: number, to?: number, more: Check[] = []): IntentCase => ({ q, cat: 'years', checks: [{ t: 'years', ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }, ...more] });
const lim = (q: string, checks: Check[]): IntentCase => ({ q, cat: 'limits', checks });
const typo = (q: string, title: string): IntentCase => ({ q, cat: 'typos', checks: [{ t: 'title', title }] });
const gm = (q: string, checks: Check[]): IntentCase => ({ q, cat: 'genres+moods', checks });
const neg = (q: string, checks: Check[]): IntentCase => ({ q, cat: 'negations', checks });

const KIDS: Check[] = [
  { t: 'limit', dim: 'gore', max: 0 },
  { t: 'limit', dim: 'sex', max: 0 },
  { t: 'limit', dim: 'drugs', max: 0 },
  { t: 'limit', dim: 'swearing', max: 0 },
  { t: 'limit', dim: 'scary', max: 1 },
];

export const INTENT_CASES: IntentCase[] = [
  // people
  p('Tom Hanks movies', 'Tom Hanks'),
  p('a movie with Meryl Streep', 'Meryl Streep', 'cast'),
  p('films directed by Steven Spielberg', 'Steven Spielberg', 'director'),
  p('directed by Spielberg', 'Steven Spielberg', 'director'),
  p('a Nolan film', 'Christopher Nolan', 'director', 6),
  p('tom hankss', 'Tom Hanks'),
  p('clint eastwood westerns', 'Clint Eastwood', 'any', 5),
  p('movies starring Denzel Washington', 'Denzel Washington', 'cast'),
  p('a Tarantino film', 'Quentin Tarantino', 'director', 6),
  p('films by Martin Scorsese', 'Martin Scorsese', 'director'),
  p('with brad pit', 'Brad Pitt', 'cast'),
  p('Kubrick movies', 'Stanley Kubrick', 'director', 6),
  p('meg ryan romantic comedies', 'Meg Ryan', 'any', 5),
  p('jim carey comedies', 'Jim Carrey', 'any', 8),
  p('harrison ford adventure', 'Harrison Ford', 'any', 8),
  // like <title>
  like('movies like Toy Story', 1),
  like('similar to the matrx', 2571),
  like('in the style of Alien', 1214),
  like('something like Pulp Fiction', 296),
  like('movies like godfather 2', 1221),
  like('films similar to Jurassic Park', 480),
  like('more like Finding Nemo', 6377),
  like('movies like The Shawshank Redemption', 318),
  like('in the vein of Die Hard', 1036),
  like('similar to Groundhog Day', 1265),
  like('movies like Inception', 79132),
  like('something like Fargo but darker', 608),
  // years
  yrs('classic film noir from the 1940s', 1940, 1949),
  yrs('comedies from the forties', 1940, 1949),
  yrs("'80s action", 1980, 1989),
  yrs('westerns from 1950 to 1965', 1950, 1965),
  yrs('horror before 1960', undefined, 1959),
  yrs('recent sci-fi', 2013),
  yrs('new comedies', 2013),
  yrs('90s romantic comedies', 1990, 1999),
  yrs('movies made between 1995 and 2000', 1995, 2000),
  yrs('sci-fi after 2010', 2011),
  yrs('a musical from the 60s', 1960, 1969),
  yrs('war movies from the seventies', 1970, 1979),
  // content limits
  lim('something scary but not gory from the 80s', [{ t: 'limit', dim: 'gore', max: 1 }, { t: 'years', from: 1980, to: 1989 }, { t: 'mood', mood: 'scary', min: 5 }]),
  lim('an action movie that is not too violent', [{ t: 'limit', dim: 'violence', max: 2 }, { t: 'genres', all: ['Action'], min: 8 }]),
  lim('a comedy with no sex', [{ t: 'limit', dim: 'sex', max: 1 }, { t: 'genres', all: ['Comedy'], min: 8 }]),
  lim('crime movie with no drugs', [{ t: 'limit', dim: 'drugs', max: 1 }, { t: 'genres', all: ['Crime'], min: 8 }]),
  lim('a family movie for kids', KIDS),
  lim('funny movie with no swearing', [{ t: 'limit', dim: 'swearing', max: 1 }]),
  lim('a thriller without gore', [{ t: 'limit', dim: 'gore', max: 1 }, { t: 'genres', all: ['Thriller'], min: 8 }]),
  lim('war movie without blood', [{ t: 'limit', dim: 'gore', max: 1 }, { t: 'genres', all: ['War'], min: 8 }]),
  lim('a scary movie for kids', KIDS),
  lim('mystery with no violence', [{ t: 'limit', dim: 'violence', max: 1 }]),
  lim('drama with no nudity', [{ t: 'limit', dim: 'sex', max: 1 }, { t: 'genres', all: ['Drama'], min: 8 }]),
  lim('not too scary ghost story', [{ t: 'limit', dim: 'scary', max: 1 }]),
  // typo-tolerant titles
  typo('matrx', 'The Matrix'),
  typo('lord of the rigns', 'The Lord of the Rings: The Fellowship of the Ring'),
  typo('amelie', 'Amelie'),
  typo('godfather 2', 'The Godfather: Part II'),
  typo('star wars 4', 'Star Wars: Episode IV - A New Hope'),
  typo('shawshenk', 'The Shawshank Redemption'),
  typo('forest gump', 'Forrest Gump'),
  typo('pulp fictoin', 'Pulp Fiction'),
  typo('the dark knigth', 'The Dark Knight'),
  typo('jurrasic park', 'Jurassic Park'),
  typo('termnator 2', 'Terminator 2: Judgment Day'),
  typo('silense of the lambs', 'The Silence of the Lambs'),
  typo('gladiater', 'Gladiator'),
  typo('kill bill vol 1', 'Kill Bill: Vol. 1'),
  // genres + moods
  gm('I want a feel-good sci-fi movie', [{ t: 'genres', all: ['Sci-Fi'], min: 9 }, { t: 'mood', mood: 'feel-good', min: 5 }]),
  gm('a funny animated movie', [{ t: 'genres', all: ['Animation'], min: 9 }, { t: 'mood', mood: 'funny', min: 6 }]),
  gm('dark crime thriller', [{ t: 'genres', all: ['Crime'], min: 8 }, { t: 'mood', mood: 'dark', min: 6 }]),
  gm('a romantic comedy', [{ t: 'genres', all: ['Romance', 'Comedy'], min: 8 }]),
  gm('a sad war movie', [{ t: 'genres', all: ['War'], min: 9 }, { t: 'mood', mood: 'sad', min: 5 }]),
  gm('an exciting adventure', [{ t: 'genres', all: ['Adventure'], min: 9 }, { t: 'mood', mood: 'exciting', min: 6 }]),
  gm('a scary horror movie', [{ t: 'genres', all: ['Horror'], min: 9 }, { t: 'mood', mood: 'scary', min: 8 }]),
  gm('thought-provoking sci-fi', [{ t: 'genres', all: ['Sci-Fi'], min: 9 }, { t: 'mood', mood: 'thought-provoking', min: 5 }]),
  gm('a heist movie with a twist', [{ t: 'topic', topic: 'heist', min: 8 }]),
  gm('a relaxing documentary', [{ t: 'genres', all: ['Documentary'], min: 9 }]),
  gm('an inspiring sports drama', [{ t: 'genres', all: ['Drama'], min: 9 }, { t: 'mood', mood: 'inspiring', min: 5 }]),
  gm('zombie movies', [{ t: 'topic', topic: 'zombie', min: 8 }]),
  // negations
  neg('comedy but no romance', [{ t: 'noGenre', genres: ['Romance'] }, { t: 'genres', all: ['Comedy'], min: 9 }]),
  neg('sci-fi, no horror', [{ t: 'noGenre', genres: ['Horror'] }, { t: 'genres', all: ['Sci-Fi'], min: 9 }]),
  neg('anything but westerns', [{ t: 'noGenre', genres: ['Western'] }]),
  neg('no rom-coms', [{ t: 'noGenre', genres: ['Romance', 'Comedy'], combo: true }]),
  neg('action without sci-fi', [{ t: 'noGenre', genres: ['Sci-Fi'] }, { t: 'genres', all: ['Action'], min: 9 }]),
  neg('a drama, nothing scary', [{ t: 'noGenre', genres: ['Horror'] }, { t: 'genres', all: ['Drama'], min: 9 }]),
  neg('horror but no comedy', [{ t: 'noGenre', genres: ['Comedy'] }, { t: 'genres', all: ['Horror'], min: 9 }]),
  neg('animated but not for kids', [{ t: 'genres', all: ['Animation'], min: 8 }]),
  neg('a thriller, not a horror movie', [{ t: 'noGenre', genres: ['Horror'] }, { t: 'genres', all: ['Thriller'], min: 9 }]),
  neg('fantasy without musicals', [{ t: 'noGenre', genres: ['Musical'] }, { t: 'genres', all: ['Fantasy'], min: 9 }]),
  neg('crime, no gangsters', [{ t: 'noTopic', topic: 'gangster' }]),
];

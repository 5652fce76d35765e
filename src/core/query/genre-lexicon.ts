/**
 * Words and phrases that name MovieLens genres. Phrases are written as normalised tokens joined
 * by single spaces ("sci fi" matches "sci-fi", "Sci Fi" and "sci fi"); plurals are found by the
 * lexicon's plural stripping, so only irregular ones are listed.
 *
 * Decisions:
 * - "horror" is the genre; "scary", "creepy", "spooky" are the *mood* scary (see moods.ts), which
 *   horror films score high on anyway, so "scary" also finds scary thrillers.
 * - "rom-com", "romantic comedy", "chick flick" are a *combination* (Romance AND Comedy): as an
 *   exclusion they drop only films that are both, not every comedy.
 * - "superhero", "comic book", "marvel" → Action + Sci-Fi (21 of the 22 films tagged superhero in
 *   MovieLens are Action, 14 Sci-Fi; Adventure is as common as Sci-Fi but less specific). The word
 *   itself is kept as content so the encoder and tags can do the rest.
 * - "family"/"kids" → Children ("family drama" is a drama about a family: Drama, words kept);
 *   "cartoon"/"animated"/"anime" → Animation.
 * - "detective" → Mystery + Crime; "whodunit" → Mystery.
 * - "neo-noir" → Crime + Thriller and the mood dark (MovieLens's Film-Noir is the 1940s–50s
 *   cycle); plain "noir"/"film noir" → Film-Noir.
 * - Topic words that imply a genre but say more ("heist", "zombie", "cowboy", "world war") keep
 *   their word in the content too (`keep`).
 */
import type { Genre } from '../catalogue/types';
import type { MoodId } from '../mood/moods';

/** What a genre phrase means. */
export interface GenreTerm {
  genres: Genre[];
  /** Several genres that must all be present (rom-com); otherwise each genre is its own chip. */
  combo?: boolean;
  /** Keep the word in the content text for the encoder (topic words). */
  keep?: boolean;
  /** Moods the phrase also implies ("dark comedy" → dark). */
  moods?: [MoodId, number][];
}

const g = (genres: Genre[], extra: Omit<GenreTerm, 'genres'> = {}): GenreTerm => ({ genres, ...extra });

/** Genre phrases. */
export const GENRE_TERMS: Readonly<Record<string, GenreTerm>> = {
  // Action / Adventure
  action: g(['Action']), actioner: g(['Action']), 'action movie': g(['Action']), 'shoot em up': g(['Action']),
  'martial arts': g(['Action'], { keep: true }), 'kung fu': g(['Action'], { keep: true }),
  'action adventure': g(['Action', 'Adventure']), 'action comedy': g(['Action', 'Comedy']),
  adventure: g(['Adventure']), swashbuckler: g(['Adventure'], { keep: true }), swashbuckling: g(['Adventure'], { keep: true }),
  // Animation
  animation: g(['Animation']), animated: g(['Animation']), cartoon: g(['Animation']), anime: g(['Animation']),
  'stop motion': g(['Animation'], { keep: true }), claymation: g(['Animation'], { keep: true }),
  pixar: g(['Animation'], { keep: true }), ghibli: g(['Animation'], { keep: true }), 'studio ghibli': g(['Animation'], { keep: true }),
  // Children
  kids: g(['Children']), kid: g(['Children']), children: g(['Children']), "children's": g(['Children']),
  childrens: g(['Children']), family: g(['Children']), 'family friendly': g(['Children']), 'kid friendly': g(['Children']),
  'child friendly': g(['Children']), kiddie: g(['Children']), 'whole family': g(['Children']),
  // Comedy
  comedy: g(['Comedy']), comedies: g(['Comedy']), comedic: g(['Comedy']),
  parody: g(['Comedy'], { keep: true }), spoof: g(['Comedy'], { keep: true }), satire: g(['Comedy'], { keep: true }),
  satirical: g(['Comedy'], { keep: true }), mockumentary: g(['Comedy'], { keep: true }),
  'stand up': g(['Comedy'], { keep: true }), standup: g(['Comedy'], { keep: true }),
  dramedy: g(['Comedy', 'Drama'], { combo: true }), 'comedy drama': g(['Comedy', 'Drama'], { combo: true }),
  'dark comedy': g(['Comedy'], { moods: [['dark', 0.8]] }), 'black comedy': g(['Comedy'], { moods: [['dark', 0.8]] }),
  'horror comedy': g(['Horror', 'Comedy']),
  // Crime
  crime: g(['Crime']), gangster: g(['Crime'], { keep: true }), mafia: g(['Crime'], { keep: true }),
  mob: g(['Crime'], { keep: true }), mobster: g(['Crime'], { keep: true }), heist: g(['Crime'], { keep: true }),
  caper: g(['Crime'], { keep: true }), 'organized crime': g(['Crime'], { keep: true }), 'crime drama': g(['Crime', 'Drama']),
  // Documentary
  documentary: g(['Documentary']), documentaries: g(['Documentary']), doc: g(['Documentary']), docu: g(['Documentary']),
  'non fiction': g(['Documentary']), nonfiction: g(['Documentary']),
  // Drama
  drama: g(['Drama']), dramatic: g(['Drama']), 'family drama': g(['Drama'], { keep: true }),
  // Fantasy
  fantasy: g(['Fantasy']), fantasies: g(['Fantasy']), 'fairy tale': g(['Fantasy'], { keep: true }),
  fairytale: g(['Fantasy'], { keep: true }), 'sword and sorcery': g(['Fantasy'], { keep: true }),
  // Film-Noir
  noir: g(['Film-Noir']), 'film noir': g(['Film-Noir']),
  'neo noir': g(['Crime', 'Thriller'], { moods: [['dark', 0.8]] }),
  // Horror
  horror: g(['Horror']), 'horror movie': g(['Horror']), slasher: g(['Horror'], { keep: true }),
  zombie: g(['Horror'], { keep: true }), 'creature feature': g(['Horror'], { keep: true }),
  splatter: g(['Horror'], { keep: true }),
  // IMAX
  imax: g(['IMAX']),
  // Musical
  musical: g(['Musical']), 'song and dance': g(['Musical']),
  // Mystery
  mystery: g(['Mystery']), mysteries: g(['Mystery']), whodunit: g(['Mystery']), whodunnit: g(['Mystery']),
  'who done it': g(['Mystery']), 'murder mystery': g(['Mystery', 'Crime'], { keep: true }),
  detective: g(['Mystery', 'Crime'], { keep: true }), sleuth: g(['Mystery'], { keep: true }),
  // Romance
  romance: g(['Romance']), 'love story': g(['Romance']), 'love stories': g(['Romance']),
  'rom com': g(['Romance', 'Comedy'], { combo: true }), romcom: g(['Romance', 'Comedy'], { combo: true }),
  'romantic comedy': g(['Romance', 'Comedy'], { combo: true }), 'romantic comedies': g(['Romance', 'Comedy'], { combo: true }),
  'chick flick': g(['Romance', 'Comedy'], { combo: true }), 'romantic drama': g(['Romance', 'Drama']),
  // Sci-Fi
  'sci fi': g(['Sci-Fi']), scifi: g(['Sci-Fi']), 'science fiction': g(['Sci-Fi']), syfy: g(['Sci-Fi']),
  'sy fy': g(['Sci-Fi']), 'sci fy': g(['Sci-Fi']), scify: g(['Sci-Fi']), 'space opera': g(['Sci-Fi'], { keep: true }),
  cyberpunk: g(['Sci-Fi'], { keep: true }),
  // Superheroes
  superhero: g(['Action', 'Sci-Fi'], { keep: true }), 'super hero': g(['Action', 'Sci-Fi'], { keep: true }),
  superheroes: g(['Action', 'Sci-Fi'], { keep: true }), 'comic book': g(['Action', 'Sci-Fi'], { keep: true }),
  marvel: g(['Action', 'Sci-Fi'], { keep: true }),
  // Thriller
  thriller: g(['Thriller']), 'psychological thriller': g(['Thriller'], { moods: [['thought-provoking', 0.5]] }),
  'spy thriller': g(['Thriller'], { keep: true }), 'erotic thriller': g(['Thriller'], { moods: [['romantic', 0.5]] }),
  // War
  war: g(['War']), 'war movie': g(['War']), 'world war': g(['War'], { keep: true }), 'world war ii': g(['War'], { keep: true }),
  'world war 2': g(['War'], { keep: true }), 'world war two': g(['War'], { keep: true }), ww2: g(['War'], { keep: true }),
  wwii: g(['War'], { keep: true }), ww1: g(['War'], { keep: true }), wwi: g(['War'], { keep: true }),
  'world war i': g(['War'], { keep: true }), 'world war 1': g(['War'], { keep: true }), 'world war one': g(['War'], { keep: true }),
  'vietnam war': g(['War'], { keep: true }), 'civil war': g(['War'], { keep: true }),
  // Western
  western: g(['Western']), cowboy: g(['Western'], { keep: true }), 'spaghetti western': g(['Western'], { keep: true }),
  'wild west': g(['Western'], { keep: true }), 'old west': g(['Western'], { keep: true }),
};

/** Genre → the mood a *soft* negation of it stands for ("not too much romance" → less romantic). */
export const GENRE_MOOD: Partial<Record<Genre, MoodId>> = {
  Horror: 'scary',
  Romance: 'romantic',
  Comedy: 'funny',
  Thriller: 'exciting',
  Action: 'exciting',
  War: 'dark',
  Drama: 'sad',
};

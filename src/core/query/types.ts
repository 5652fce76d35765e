/** What the query parser understands from a search box text. */
import type { Genre } from '../catalogue/types';
import type { ContentLimit } from '../content/limits';
import type { LikeWant, PersonWant } from './entities';
import type { MoodId, MoodWant } from '../mood/moods';
import type { EmotionalTone } from '../mood/tone';
import type { YearRange } from './years';

export type { YearRange } from './years';
export type { MoodWant } from '../mood/moods';
export type { LikeWant, PersonWant, PersonRole } from './entities';
export type { ContentLimit } from '../content/limits';

/** Genres asked for and ruled out. */
export interface GenreIntent {
  /** Genres asked for ("sci-fi comedy" → Sci-Fi, Comedy); a reward, not a filter. */
  include: Genre[];
  /** Genres ruled out ("no horror"): a hard filter. */
  exclude: Genre[];
  /**
   * Combinations ruled out as a whole: a movie is excluded only if it has all genres of one
   * combination ("no rom-coms" → [Romance, Comedy] keeps romantic dramas and other comedies).
   */
  excludeCombos: Genre[][];
}

interface SpanBase {
  /** Offsets into the query text; `text.slice(start, end)` produced the chip. */
  start: number;
  end: number;
  /** The substring as typed. */
  text: string;
}

/** A chip: which substring produced which piece of the intent, so the UI can show and edit it. */
export type QuerySpan =
  | (SpanBase & { kind: 'genre'; genres: Genre[]; negated: boolean; combo: boolean })
  | (SpanBase & { kind: 'mood'; mood: MoodId; weight: number; negated: boolean })
  | (SpanBase & { kind: 'years'; years: YearRange })
  | (SpanBase & { kind: 'feeling'; feeling: string; label: string; moods: MoodWant[] })
  | (SpanBase & { kind: 'avoid'; term: string })
  | (SpanBase & { kind: 'person'; person: PersonWant })
  | (SpanBase & { kind: 'like'; like: LikeWant })
  | (SpanBase & { kind: 'limit'; limits: ContentLimit[] });

/** The parsed query. */
export interface QueryIntent {
  /** The query as given. */
  text: string;
  genres: GenreIntent;
  /** Moods wanted or to avoid, one entry per mood (merged; see parse.ts). */
  moods: MoodWant[];
  /** Release-year interval, or null when the query names none. */
  years: YearRange | null;
  /**
   * The text for the sentence encoder: the query minus control phrases (negated chips, years,
   * stated feelings, request phrases such as "cheer me up"), keeping descriptive words, including
   * wanted genres and moods ("a feel-good sci-fi movie about space").
   */
  residual: string;
  /**
   * The words that no chip explains and that are not fillers ("space heist"), plus topic words
   * that also gave a genre ("superhero", "heist"). Empty when the chips say everything.
   */
  content: string;
  /** Negated content words ("no zombies" → "zombies"): removed from the residual. */
  avoid: string[];
  /** Feelings the person stated ("I'm sad"), in order. */
  feelings: { id: string; label: string }[];
  /** Tone of the moods asked for, for display; null when no mood is wanted. */
  emotionalTone: EmotionalTone | null;
  /** People asked for ("Tom Hanks movies", "directed by Spielberg"): a hard filter, each must hold. */
  people?: PersonWant[];
  /** "movies like Toy Story": results are that movie's neighbours, never the movie itself. */
  like?: LikeWant | null;
  /** Content limits ("not gory", "for kids"): a maximum level per dimension, a hard filter. */
  limits?: ContentLimit[];
  /** Chips in text order. Several chips may share a substring ("dark comedy" → Comedy + dark). */
  spans: QuerySpan[];
}

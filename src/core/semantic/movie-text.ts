/** The text embedded for each catalogue movie: title, year, readable genres, top tags, plot extract. */
import type { Genre, MovieDetails, MovieIndexEntry } from '../catalogue/types';

/** Genre labels as a sentence encoder reads them best (plain words, not MovieLens codes). */
const GENRE_WORDS: Record<Genre, string | null> = {
  Action: 'action',
  Adventure: 'adventure',
  Animation: 'animation',
  Children: "children's",
  Comedy: 'comedy',
  Crime: 'crime',
  Documentary: 'documentary',
  Drama: 'drama',
  Fantasy: 'fantasy',
  'Film-Noir': 'film noir',
  Horror: 'horror',
  IMAX: null, // a screen format, not a kind of story
  Musical: 'musical',
  Mystery: 'mystery',
  Romance: 'romance',
  'Sci-Fi': 'science fiction',
  Thriller: 'thriller',
  War: 'war',
  Western: 'western',
};

export interface MovieTextOptions {
  /** Most tags to include (they are ordered most frequent first). Default 5. */
  maxTags: number;
  /** Cut the extract after the last sentence end within this many characters. Default 600. */
  maxExtractChars: number;
}

const DEFAULTS: MovieTextOptions = { maxTags: 5, maxExtractChars: 600 };

/** Shortens `text` to at most `max` characters, ending at a sentence boundary when there is one. */
export function truncateAtSentence(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  if (end >= max / 3) return cut.slice(0, end + 1);
  const space = cut.lastIndexOf(' ');
  return space > 0 ? cut.slice(0, space) : cut;
}

/**
 * "Title (year). Genres: a, b. Tags: x, y. Extract" — the short, query-like facts first, because
 * encoders read a bounded number of tokens (USE-lite: 128) and the plot fills the rest.
 */
export function movieText(movie: MovieIndexEntry, details: MovieDetails | undefined, options: Partial<MovieTextOptions> = {}): string {
  const opts = { ...DEFAULTS, ...options };
  const parts: string[] = [movie.year === null ? `${movie.title}.` : `${movie.title} (${movie.year}).`];
  const genres = movie.genres.map((g) => GENRE_WORDS[g]).filter((g): g is string => g !== null);
  if (genres.length) parts.push(`Genres: ${genres.join(', ')}.`);
  const tags = details?.tags.slice(0, opts.maxTags) ?? [];
  if (tags.length) parts.push(`Tags: ${tags.join(', ')}.`);
  const extract = details?.extract?.replace(/\s+/g, ' ').trim();
  if (extract && opts.maxExtractChars > 0) parts.push(truncateAtSentence(extract, opts.maxExtractChars));
  return parts.join(' ');
}

/** Words for cluster labels: how a genre or mood reads in "sci-fi and thriller fans". */
import type { Genre } from '../catalogue/types';
import type { MoodId } from '../mood/moods';

/** A genre as a noun modifier in a label ("war-film fans") and in running text ("war films"). */
export const GENRE_PHRASE: Record<Genre, { label: string; plural: string }> = {
  Action: { label: 'action', plural: 'action films' },
  Adventure: { label: 'adventure', plural: 'adventures' },
  Animation: { label: 'animation', plural: 'animated films' },
  Children: { label: 'family-film', plural: 'family films' },
  Comedy: { label: 'comedy', plural: 'comedies' },
  Crime: { label: 'crime', plural: 'crime films' },
  Documentary: { label: 'documentary', plural: 'documentaries' },
  Drama: { label: 'drama', plural: 'dramas' },
  Fantasy: { label: 'fantasy', plural: 'fantasy films' },
  'Film-Noir': { label: 'film-noir', plural: 'films noirs' },
  Horror: { label: 'horror', plural: 'horror films' },
  IMAX: { label: 'blockbuster', plural: 'big-screen blockbusters' },
  Musical: { label: 'musical', plural: 'musicals' },
  Mystery: { label: 'mystery', plural: 'mysteries' },
  Romance: { label: 'romance', plural: 'romances' },
  'Sci-Fi': { label: 'sci-fi', plural: 'science fiction' },
  Thriller: { label: 'thriller', plural: 'thrillers' },
  War: { label: 'war-film', plural: 'war films' },
  Western: { label: 'western', plural: 'westerns' },
};

/** A mood as an adjective for people ("cerebral drama fans") and as a noun ("a dark streak"). */
export const MOOD_PHRASE: Record<MoodId, { label: string; streak: string }> = {
  'feel-good': { label: 'feel-good', streak: 'feel-good' },
  funny: { label: 'fun-loving', streak: 'funny' },
  romantic: { label: 'romantic', streak: 'romantic' },
  exciting: { label: 'thrill-seeking', streak: 'exciting' },
  scary: { label: 'fright-loving', streak: 'scary' },
  dark: { label: 'dark-minded', streak: 'dark' },
  sad: { label: 'tear-jerker', streak: 'sad' },
  'thought-provoking': { label: 'cerebral', streak: 'thought-provoking' },
  relaxing: { label: 'easy-going', streak: 'relaxing' },
  inspiring: { label: 'uplift-seeking', streak: 'inspiring' },
};

/** "a", "a and b", "a, b and c". */
export function joinAnd(xs: readonly string[]): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** First letter upper-cased. */
export const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

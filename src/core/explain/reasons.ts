/**
 * Why an item was recommended: structured reasons (a tagged union) and their rendering as one
 * honest sentence. Rankers attach a reason only when its part of the score really counted.
 */
import type { Genre } from '../catalogue/types';
import { moodById, type MoodId } from '../mood/moods';
import { groupDigits } from '../shared/digits';

export type Reason =
  /** A liked movie whose neighbour this is (collaborative filtering). */
  | { kind: 'liked-neighbour'; movieId: number; title: string }
  | { kind: 'genre-match'; genres: Genre[] }
  | { kind: 'mood-match'; moods: MoodId[] }
  /** The free-text part of the query that the description matched. */
  | { kind: 'semantic-match'; phrase: string }
  /** High collaborative-filtering score without one dominant liked neighbour. */
  | { kind: 'popular-with-similar' }
  | { kind: 'quality'; mean: number; n: number }
  /** Close to something the user liked recently. */
  | { kind: 'recent-taste'; movieId: number; title: string }
  /** Chosen by the bandit's exploration, not because it scored best. */
  | { kind: 'exploration' }
  /** A member of the user's taste cluster liked it. */
  | { kind: 'cluster'; label: string }
  /** A person the query named is in it (cast) or made it (director). */
  | { kind: 'person'; name: string; role: 'cast' | 'director' | 'any' }
  /** The query asked for movies like a title; `genres` are the ones they share. */
  | { kind: 'resembles'; title: string; genres: Genre[] }
  /** A topic word of the query ("heist") appears in its tags or plot. */
  | { kind: 'topic'; term: string };

/** Exhaustiveness guard for switches over tagged unions. */
export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}

const GENRE_WORDS: Record<Genre, string> = {
  Action: 'action',
  Adventure: 'adventure',
  Animation: 'animated',
  Children: 'family',
  Comedy: 'comedy',
  Crime: 'crime',
  Documentary: 'documentary',
  Drama: 'drama',
  Fantasy: 'fantasy',
  'Film-Noir': 'film noir',
  Horror: 'horror',
  IMAX: 'IMAX',
  Musical: 'musical',
  Mystery: 'mystery',
  Romance: 'romance',
  'Sci-Fi': 'sci-fi',
  Thriller: 'thriller',
  War: 'war',
  Western: 'western',
};

const joinAnd = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** Lead clause for a reason that can open the sentence, or null for descriptive ones. */
function lead(r: Reason): string | null {
  switch (r.kind) {
    case 'liked-neighbour':
      return `Because you liked ${r.title}`;
    case 'recent-taste':
      return `Close to ${r.title}, which you liked recently`;
    case 'semantic-match':
      return `Matches “${r.phrase}”`;
    case 'popular-with-similar':
      return 'Popular with people who share your taste';
    case 'exploration':
      return 'Something different we think you might like';
    case 'cluster':
      return `Loved by ${r.label}`;
    case 'quality':
      return `Highly rated by the community (${r.mean.toFixed(1)} ★ from ${groupDigits(r.n)} ratings)`;
    case 'person':
      return r.role === 'director' ? `Directed by ${r.name}` : r.role === 'cast' ? `With ${r.name}` : `With or by ${r.name}`;
    case 'resembles':
      return r.genres.length ? `Like ${r.title}, also ${joinAnd(r.genres.map((g) => GENRE_WORDS[g]))}` : `Like ${r.title}`;
    case 'genre-match':
    case 'mood-match':
    case 'topic':
      return null;
    default:
      return assertNever(r);
  }
}

const LEAD_ORDER: Reason['kind'][] = ['exploration', 'person', 'resembles', 'liked-neighbour', 'recent-taste', 'semantic-match', 'cluster', 'popular-with-similar', 'quality'];

/**
 * One sentence from the reasons, e.g. "Because you liked Interstellar, and it is sci-fi with an
 * uplifting tone". Reasons are assumed to be listed only when they contributed.
 */
export function renderReasons(reasons: readonly Reason[]): string {
  const leadReason = LEAD_ORDER.map((k) => reasons.find((r) => r.kind === k)).find((r) => r !== undefined);
  const genres = reasons.find((r): r is Extract<Reason, { kind: 'genre-match' }> => r.kind === 'genre-match');
  const moods = reasons.find((r): r is Extract<Reason, { kind: 'mood-match' }> => r.kind === 'mood-match');
  const genreText = genres?.genres.length ? joinAnd(genres.genres.map((g) => GENRE_WORDS[g])) : '';
  const moodText = moods?.moods.length ? joinAnd(moods.moods.map((m) => moodById(m).label.toLowerCase())) : '';
  let describe = '';
  if (genreText && moodText) describe = `${genreText} with ${article(moodText)} ${moodText} tone`;
  else if (genreText) describe = genreText;
  else if (moodText) describe = `${article(moodText)} ${moodText} pick`;
  const topic = reasons.find((r): r is Extract<Reason, { kind: 'topic' }> => r.kind === 'topic');
  if (topic) describe = `${article(topic.term)} ${topic.term} film${moodText ? ` with ${article(moodText)} ${moodText} tone` : ''}`;
  // Several people: "With Tom Hanks and Meg Ryan".
  const people = reasons.filter((r): r is Extract<Reason, { kind: 'person' }> => r.kind === 'person');
  const opening = people.length > 1 ? `With ${joinAnd(people.map((p) => p.name))}` : leadReason ? lead(leadReason) : null;
  if (opening && describe) return `${opening}, and it is ${describe}.`;
  if (opening) return `${opening}.`;
  if (topic) return `${capitalise(describe)}, as you asked.`;
  if (genreText && moodText) return `${capitalise(genreText)} with ${article(moodText)} ${moodText} tone, as you asked.`;
  if (genreText) return `${capitalise(genreText)}, as you asked.`;
  if (moodText) return `${capitalise(article(moodText))} ${moodText} pick, as you asked.`;
  return 'A well-rated pick from the catalogue.';
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

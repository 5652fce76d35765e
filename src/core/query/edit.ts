/** Edits of a parsed query from the UI's chips: the user corrects what was understood. */
import type { Genre } from '../catalogue/types';
import type { MoodId } from '../mood/moods';
import type { QueryIntent } from './types';

/** Removes a genre from the wanted or excluded list (and from excluded combinations). */
export function withoutGenre(intent: QueryIntent, genre: Genre, list: 'include' | 'exclude'): QueryIntent {
  const genres = { ...intent.genres };
  if (list === 'include') genres.include = genres.include.filter((g) => g !== genre);
  else {
    genres.exclude = genres.exclude.filter((g) => g !== genre);
    genres.excludeCombos = genres.excludeCombos.filter((c) => !c.includes(genre));
  }
  return { ...intent, genres };
}

/** Adds a genre to the wanted (or excluded) list, removing it from the other. */
export function withGenre(intent: QueryIntent, genre: Genre, list: 'include' | 'exclude'): QueryIntent {
  const other = list === 'include' ? 'exclude' : 'include';
  const base = withoutGenre(intent, genre, other);
  if (base.genres[list].includes(genre)) return base;
  return { ...base, genres: { ...base.genres, [list]: [...base.genres[list], genre] } };
}

/** Removes a mood (wanted or avoided). */
export function withoutMood(intent: QueryIntent, mood: MoodId): QueryIntent {
  return { ...intent, moods: intent.moods.filter((m) => m.mood !== mood) };
}

/** Adds a wanted mood at plain intensity (replacing an avoided one). */
export function withMood(intent: QueryIntent, mood: MoodId): QueryIntent {
  return { ...intent, moods: [...intent.moods.filter((m) => m.mood !== mood), { mood, weight: 1, negated: false, source: 'cue' }] };
}

/** Drops the year range. */
export function withoutYears(intent: QueryIntent): QueryIntent {
  return { ...intent, years: null };
}

/** Drops a person constraint. */
export function withoutPerson(intent: QueryIntent, name: string): QueryIntent {
  return { ...intent, people: (intent.people ?? []).filter((p) => p.name !== name) };
}

/** Drops "like <title>". */
export function withoutLike(intent: QueryIntent): QueryIntent {
  return { ...intent, like: null };
}

/** Drops the content limit on one dimension. */
export function withoutLimit(intent: QueryIntent, dim: string): QueryIntent {
  return { ...intent, limits: (intent.limits ?? []).filter((l) => l.dim !== dim) };
}

/**
 * How a parsed query is to be ranked: what text goes to the sentence encoder, whether the encoder
 * takes part at all ("Tom Hanks movies" needs none; "a story about a lonely robot" does, and
 * without it would get a generic popularity list), and a cache key.
 */
import type { QueryIntent } from './types';

/** The text for the encoder: the residual words, or for "like <title>" the title's description. */
export function encoderText(intent: QueryIntent, describe?: (movieId: number) => string | undefined): string {
  if (intent.like) return (describe?.(intent.like.movieId) ?? intent.like.title).trim();
  return (intent.residual || '').trim();
}

/**
 * Whether the encoder takes part: there are words left for it to read (the residual, which keeps
 * wanted genre and mood words: "a feel-good sci-fi movie"), or a title whose neighbours it refines.
 * "Tom Hanks movies" or "from the 90s" leave nothing to read: the first ranking is final.
 */
export function needsEncoder(intent: QueryIntent): boolean {
  if (intent.like) return true;
  return intent.residual.trim().length > 0;
}

/** A key identifying what is ranked: the parsed meaning, not the exact wording. */
export function intentKey(intent: QueryIntent): string {
  return JSON.stringify([
    intent.residual,
    intent.genres,
    intent.moods,
    intent.years,
    intent.avoid,
    (intent.people ?? []).map((p) => [p.name, p.role]),
    intent.like?.movieId ?? null,
    intent.limits ?? [],
  ]);
}

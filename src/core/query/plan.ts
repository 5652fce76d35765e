/**
 * How a parsed query is to be ranked and shown: what text goes to the sentence encoder, whether a
 * ranking without the encoder is worth showing (it is for "sci-fi from the 90s", it is not for
 * "a story about a lonely robot": that would be a generic popularity list), and a cache key.
 */
import type { QueryIntent } from './types';

/** The text for the encoder: the residual words, or for "like <title>" the title's description. */
export function encoderText(intent: QueryIntent, describe?: (movieId: number) => string | undefined): string {
  if (intent.like) return (describe?.(intent.like.movieId) ?? intent.like.title).trim();
  return (intent.residual || '').trim();
}

/** Whether the query states something the ranker can satisfy without the encoder. */
export function hasStructure(intent: QueryIntent): boolean {
  return (
    intent.genres.include.length > 0 ||
    intent.moods.some((m) => !m.negated) ||
    intent.years !== null ||
    (intent.people?.length ?? 0) > 0 ||
    !!intent.like
  );
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

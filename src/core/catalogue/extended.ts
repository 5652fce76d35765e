/**
 * Content-only catalogue entries (the "extended" catalogue): Wikipedia films MovieLens does not
 * have. They carry no community ratings, so collaborative filtering ignores them and rows that
 * need ratings leave them out; the hybrid ranker scores them on content (text, genres, moods,
 * years, people). Their ids live in a range MovieLens never uses and are derived from the
 * Wikipedia article slug, so they are the same in every build.
 */
import type { MovieIndexEntry } from './types';

/** First id of the content-only range: [2^30, 2^31) (MovieLens ids are below 200,000). */
export const EXTENDED_ID_BASE = 0x4000_0000;
const ID_SPAN = 0x4000_0000;

/** FNV-1a, 32 bits, over the UTF-16 code units of `s` (stable everywhere, no dependency). */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The id of a content-only entry from its Wikipedia slug; `attempt` > 0 only to step past a collision. */
export function extendedId(href: string, attempt = 0): number {
  return EXTENDED_ID_BASE + (fnv1a32(attempt ? `${href}\u0000${attempt}` : href) % ID_SPAN);
}

/**
 * Ids for a list of slugs: each slug's own hash, except that when two slugs (or a slug and a
 * `taken` id) collide, the one sorting later steps on (`attempt` 1, 2, …). Stable: a film's id only
 * changes if a film whose slug sorts before it and hashes to the same id is added.
 */
export function assignExtendedIds(hrefs: readonly string[], taken: ReadonlySet<number> = new Set()): { ids: Map<string, number>; stepped: number } {
  const used = new Set(taken);
  const ids = new Map<string, number>();
  let stepped = 0;
  for (const href of [...new Set(hrefs)].sort()) {
    let attempt = 0;
    let id = extendedId(href);
    while (used.has(id)) id = extendedId(href, ++attempt);
    if (attempt) stepped++;
    used.add(id);
    ids.set(href, id);
  }
  return { ids, stepped };
}

/** Whether a movie is a content-only entry (no community ratings: not in CF, not in rating-based rows). */
export function isContentOnly(m: Pick<MovieIndexEntry, 'id'> & { contentOnly?: boolean }): boolean {
  return m.contentOnly === true || m.id >= EXTENDED_ID_BASE;
}

/**
 * The community ratings over the whole catalogue: `ratings.bin` counts the MovieLens movies only;
 * content-only entries follow them in item order with no ratings, so the models get `nItems`
 * items and nothing else changes (their columns stay empty: collaborative filtering cannot score them).
 */
export function widenRatings<R extends { nItems: number }>(ratings: R, nItems: number): R {
  if (nItems < ratings.nItems) throw new Error(`the catalogue has ${nItems} items, fewer than the ${ratings.nItems} of the ratings`);
  return nItems === ratings.nItems ? ratings : { ...ratings, nItems };
}

/**
 * A user's stored feedback list as the store lists it — ordered by time, then by id (the order of
 * IndexedDB's [userId+at] index) — and the changes a write makes to it. The page keeps the list in
 * memory and applies each change (its own writes) instead of reading the list back; the reco
 * worker applies the same changes to its copy instead of receiving the whole list. Both must end
 * with exactly the list a full read returns: `applyFeedbackChange` inserts in the store's order and
 * `feedbackChange` finds what differs between two lists by id.
 */
import type { FeedbackEvent } from './feedback';

/** A stored event: a feedback event with the id the store gave it. */
export type StoredFeedbackEvent = FeedbackEvent & { id?: number };

/** What a write changed: events removed (by id) and events added (with their ids). */
export interface FeedbackChange<T extends StoredFeedbackEvent = StoredFeedbackEvent> {
  removed: readonly number[];
  added: readonly T[];
}

/** The store's order: by time, then by id (ties of `at` are ordered by primary key, as IndexedDB does). */
export function storedOrder(a: StoredFeedbackEvent, b: StoredFeedbackEvent): number {
  return a.at - b.at || (a.id ?? 0) - (b.id ?? 0);
}

/**
 * Applies a change to a list in the store's order: removes the events with the removed ids, then
 * inserts the added ones where the store would list them. Idempotent: an added event whose id is
 * already listed replaces it (so applying a change twice, or after a read that already has it,
 * gives the same list). Returns a new array; the input is not modified.
 */
export function applyFeedbackChange<T extends StoredFeedbackEvent>(list: readonly T[], change: FeedbackChange<T>): T[] {
  const drop = new Set<number>(change.removed);
  for (const e of change.added) if (e.id !== undefined) drop.add(e.id);
  const out = drop.size ? list.filter((e) => e.id === undefined || !drop.has(e.id)) : [...list];
  for (const e of [...change.added].sort(storedOrder)) {
    // New events are almost always the latest: search from the end.
    let i = out.length;
    while (i > 0 && storedOrder(out[i - 1]!, e) > 0) i--;
    out.splice(i, 0, e);
  }
  return out;
}

/**
 * What turns `prev` into `next`, by id: the ids of `prev` missing from `next` and the events of
 * `next` missing from `prev`. Null when an event of either list has no id (then only the whole
 * list says what changed). Events are never changed in place by the store: the same id is the
 * same event.
 */
export function feedbackChange<T extends StoredFeedbackEvent>(prev: readonly T[], next: readonly T[]): FeedbackChange<T> | null {
  // The common prefix (usually all but the last event or two) needs no set.
  let p = 0;
  const n = Math.min(prev.length, next.length);
  while (p < n && prev[p]!.id !== undefined && prev[p]!.id === next[p]!.id) p++;
  const before = new Set<number>();
  for (let i = p; i < prev.length; i++) {
    const id = prev[i]!.id;
    if (id === undefined) return null;
    before.add(id);
  }
  const after = new Set<number>();
  const added: T[] = [];
  for (let i = p; i < next.length; i++) {
    const e = next[i]!;
    if (e.id === undefined) return null;
    after.add(e.id);
    if (!before.has(e.id)) added.push(e);
  }
  const removed: number[] = [];
  for (const id of before) if (!after.has(id)) removed.push(id);
  return { removed, added };
}

/** Whether a change changes nothing. */
export const isEmptyChange = (c: FeedbackChange): boolean => c.removed.length === 0 && c.added.length === 0;

/**
 * The current opinion (the latest like or dislike) of each of `movieIds` in a list in the store's
 * order; movies without one map to null. One pass over the list, for the few movies a change touched.
 */
export function opinionsFor(list: readonly StoredFeedbackEvent[], movieIds: ReadonlySet<number>): Map<number, 'like' | 'dislike' | null> {
  const out = new Map<number, 'like' | 'dislike' | null>();
  for (const id of movieIds) out.set(id, null);
  for (const e of list) if ((e.kind === 'like' || e.kind === 'dislike') && movieIds.has(e.movieId)) out.set(e.movieId, e.kind);
  return out;
}

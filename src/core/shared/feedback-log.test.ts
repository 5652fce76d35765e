import { describe, expect, it } from 'vitest';
import { currentOpinions } from '../analytics/events';
import { createRng, randomInt } from '../random';
import type { FeedbackKind } from './feedback';
import { applyFeedbackChange, feedbackChange, isEmptyChange, opinionsFor, storedOrder, type StoredFeedbackEvent } from './feedback-log';

type Ev = StoredFeedbackEvent & { id: number };
const KINDS: FeedbackKind[] = ['like', 'dislike', 'click'];

/** The store's answer: every live event, sorted as the [userId+at] index lists them. */
const fullRead = (live: Map<number, Ev>) => [...live.values()].sort((a, b) => a.at - b.at || a.id - b.id);

describe('the feedback list in the store’s order, changed in place of a re-read', () => {
  it('gives exactly the list a full read returns, over 2,000 random writes (likes, undos, clicks, deletes, equal times, another writer’s older events)', () => {
    const rng = createRng(11);
    const live = new Map<number, Ev>();
    let list: Ev[] = [];
    let nextId = 1;
    let now = 1_000;
    for (let step = 0; step < 2_000; step++) {
      const r = rng();
      let change: { removed: number[]; added: Ev[] };
      if (r < 0.5) {
        // A like/dislike replacing the movie's opinion (setOpinion), or an undo (null) 1 time in 5.
        const movieId = 1 + randomInt(rng, 30);
        const removed = [...live.values()].filter((e) => e.movieId === movieId && e.kind !== 'click').map((e) => e.id);
        const added: Ev[] = rng() < 0.2 ? [] : [{ id: nextId++, movieId, kind: rng() < 0.7 ? 'like' : 'dislike', at: (now += randomInt(rng, 3)) }];
        change = { removed, added };
      } else if (r < 0.75) {
        // A click, sometimes at the same millisecond as the last event.
        change = { removed: [], added: [{ id: nextId++, movieId: 1 + randomInt(rng, 30), kind: 'click', at: (now += randomInt(rng, 2)) }] };
      } else if (r < 0.9 && live.size) {
        // "My feedback" → Remove.
        const ids = [...live.keys()];
        change = { removed: [ids[randomInt(rng, ids.length)]!], added: [] };
      } else {
        // Another tab's events, stamped earlier than ours (its clock, or a write that waited).
        const n = 1 + randomInt(rng, 3);
        change = { removed: [], added: Array.from({ length: n }, () => ({ id: nextId++, movieId: 1 + randomInt(rng, 30), kind: KINDS[randomInt(rng, 3)]!, at: now - randomInt(rng, 50) })) };
      }
      for (const id of change.removed) live.delete(id);
      for (const e of change.added) live.set(e.id, e);
      list = applyFeedbackChange(list, change);
      expect(list).toEqual(fullRead(live));
    }
    expect(list.length).toBeGreaterThan(100);
  });

  it('is idempotent: a change applied twice, or to a list that already has it, changes nothing more', () => {
    const a: Ev = { id: 1, movieId: 5, kind: 'like', at: 10 };
    const b: Ev = { id: 2, movieId: 6, kind: 'click', at: 10 };
    const once = applyFeedbackChange([a], { removed: [], added: [b] });
    expect(applyFeedbackChange(once, { removed: [], added: [b] })).toEqual([a, b]);
    expect(applyFeedbackChange(once, { removed: [1], added: [] })).toEqual([b]);
    expect(applyFeedbackChange(applyFeedbackChange(once, { removed: [1], added: [] }), { removed: [1], added: [] })).toEqual([b]);
    // Equal times: ordered by id, whatever the order of arrival.
    expect(applyFeedbackChange([b], { removed: [], added: [a] })).toEqual([a, b]);
  });

  it('finds what differs between two lists by id, and the difference rebuilds the second', () => {
    const rng = createRng(3);
    const base: Ev[] = Array.from({ length: 300 }, (_, i) => ({ id: i + 1, movieId: randomInt(rng, 50), kind: KINDS[randomInt(rng, 3)]!, at: i * 2 }));
    for (let trial = 0; trial < 200; trial++) {
      const kept = base.filter(() => rng() > 0.05);
      const extra: Ev[] = Array.from({ length: randomInt(rng, 4) }, (_, k) => ({ id: 1000 + trial * 10 + k, movieId: randomInt(rng, 50), kind: 'like', at: randomInt(rng, 700) }));
      const next = [...kept, ...extra].sort(storedOrder);
      const change = feedbackChange(base, next)!;
      expect([...change.removed].sort((x, y) => x - y)).toEqual(base.filter((e) => !kept.includes(e)).map((e) => e.id));
      expect(change.added).toEqual(extra.sort(storedOrder));
      expect(applyFeedbackChange(base, change)).toEqual(next);
    }
    expect(isEmptyChange(feedbackChange(base, [...base])!)).toBe(true);
    // Without ids only the whole list says what changed.
    expect(feedbackChange([{ movieId: 1, kind: 'like', at: 1 }], [])).toBeNull();
  });

  it('reads the current opinion of a few movies as currentOpinions does over the whole list', () => {
    const rng = createRng(8);
    const list: Ev[] = Array.from({ length: 500 }, (_, i) => ({ id: i + 1, movieId: randomInt(rng, 40), kind: KINDS[randomInt(rng, 3)]!, at: Math.floor(i / 3) }));
    const all = currentOpinions(list);
    const some = new Set([0, 3, 7, 39, 1234]);
    const got = opinionsFor(list, some);
    for (const id of some) expect(got.get(id)).toBe(all.get(id) ?? null);
    expect(got.get(1234)).toBeNull();
  });
});

/**
 * A like's whole path through the state modules (src/state/feedback.svelte.ts → reco.svelte.ts),
 * with every part real: the event written to IndexedDB (fake-indexeddb) through the session's
 * signed tokens, the ranker's weights learned by services/learning, the CF models of the reco
 * worker (its own code, in this thread, on the built data) refolded, and the rows republished.
 */
import { describe, expect, it, vi } from 'vitest';
import { currentOpinions } from '../../src/core/analytics/events';
import { priorWeights } from '../../src/core/hybrid/weights';
import { feedbackService } from '../../src/services/app';
import { authRuntime } from '../../src/services/auth/runtime';
import { PersonalStore } from '../../src/services/db/personal';
import type { FeedbackRecord } from '../../src/services/feedback';
import { recoClient } from '../../src/services/reco-client';
import { catalogue } from '../../src/state/catalogue.svelte';
import { feedback } from '../../src/state/feedback.svelte';
import { reco } from '../../src/state/reco.svelte';
import { session } from '../../src/state/session.svelte';
import { startApp } from './harness';

startApp(async () => {
  await session.signUp('Ada', 'plum tree valley at dusk');
  // What state/app does when the profile changes: follow its feedback, then start the recommender.
  const events = await feedback.follow(session.user!.id);
  expect(events).toEqual([]);
  await reco.start(events);
  expect(reco.error ?? reco.status).toBe('ready');
});

const WAIT = { timeout: 30_000 };

describe('feedback state: a like, from the button to the rows', () => {
  it('a new profile gets the popularity ranking and the starting weights', () => {
    expect(reco.personalised).toBe(false);
    expect(reco.because).toEqual([]);
    expect(reco.topPicks).toHaveLength(20);
    expect(reco.weights).toEqual(priorWeights());
  });

  it('liking a Top pick stores it, teaches the ranker from that list, refolds CF and republishes the rows', async () => {
    const shown = reco.topPicks;
    const ids = await reco.logShown(shown, 'home-row');
    expect(ids).toHaveLength(shown.length);
    const position = 2; // the two picks above it count as skipped for the ranker
    const liked = shown[position]!.movie;
    const tasteBefore = reco.taste;

    await feedback.toggle(liked.id, 'like', { surface: 'home-row', list: 'Top picks', position, impressionId: ids![position] });

    // 1–2: written and read back: the button follows the stored event.
    expect(feedback.opinion(liked.id)).toBe('like');
    await vi.waitFor(async () => {
      const stored = await session.guard((t) => feedbackService().list(t));
      expect(stored.map((e) => [e.movieId, e.kind])).toEqual([[liked.id, 'like']]);
    }, WAIT);
    // 3–5: the ranker learned (new weights), CF refolded, the rows republished with a new taste.
    await vi.waitFor(() => expect(reco.personalised).toBe(true), WAIT);
    expect(reco.taste).not.toBe(tasteBefore);
    expect(reco.readyTaste).toBe(reco.taste);
    expect(reco.taste.events.map((e) => e.movieId)).toEqual([liked.id]);
    expect(reco.weights).not.toEqual(priorWeights());
    expect(reco.because.map((row) => row.source.id)).toEqual([liked.id]);
    expect(reco.because[0]!.items.length).toBeGreaterThan(0);
    expect(reco.topPicks.map((p) => p.movie.id)).not.toContain(liked.id);
    await vi.waitFor(() => expect(feedback.pending.size).toBe(0), WAIT);
    expect(feedback.failed.size).toBe(0);
  });

  it('the same button again clears the like, and the rows follow', async () => {
    const liked = reco.because[0]!.source;
    await feedback.toggle(liked.id, 'like', { surface: 'movie-page' });
    expect(feedback.opinion(liked.id)).toBeNull();
    await vi.waitFor(() => expect(reco.because).toEqual([]), WAIT);
    expect(reco.personalised).toBe(false);
  });

  it("another tab's write arrives through the live query and republishes the rows", async () => {
    const movie = reco.topPicks[0]!.movie;
    // Written straight to the database, as another tab of the same profile would.
    await session.guard((t) => feedbackService().setOpinion(t, movie.id, 'like', { surface: 'search' }));
    await vi.waitFor(() => expect(feedback.opinion(movie.id)).toBe('like'), WAIT);
    await vi.waitFor(() => expect(reco.because.map((row) => row.source.id)).toEqual([movie.id]), WAIT);
  });
});

describe('the list in memory, changed by each write, is exactly what a full read returns', () => {
  /** A full read through a store with nothing in memory: every row read and decrypted. */
  const fullRead = () => {
    const { db, auth } = authRuntime();
    return new PersonalStore(db, auth.vault).listFeedback(session.user!.id);
  };
  /** The page's list, its opinions, the recommender's taste and the worker's copy all equal a full read. */
  async function expectInStep(): Promise<FeedbackRecord[]> {
    const full = await fullRead();
    expect(feedback.events).toEqual(full);
    expect(new Map(feedback.opinions)).toEqual(currentOpinions(full));
    // The recommender catches up in its own queue (a write that failed is taken back after it).
    await vi.waitFor(async () => {
      expect(reco.taste.events.map((e) => [e.movieId, e.kind, e.at])).toEqual(full.map((e) => [e.movieId, e.kind, e.at]));
      expect(await recoClient.heldEvents()).toEqual(full.map((e) => ({ id: e.id, movieId: e.movieId, kind: e.kind, at: e.at })));
    }, WAIT);
    return full;
  }
  const ctx = { surface: 'home-row' as const, list: 'Popular on RecoStream' };

  it('after likes, a dislike, a like turned dislike, an undo, a click and a removal', async () => {
    const [a, b, c, d] = catalogue.current!.movies.slice(100, 104);
    await feedback.toggle(a!.id, 'like', { ...ctx, position: 0 });
    await expectInStep();
    await feedback.toggle(b!.id, 'like', { ...ctx, position: 1, query: 'with a query' });
    await feedback.toggle(c!.id, 'dislike', ctx);
    await expectInStep();
    await feedback.toggle(a!.id, 'dislike', ctx); // replaces the like
    expect(feedback.opinion(a!.id)).toBe('dislike');
    await expectInStep();
    await feedback.toggle(b!.id, 'like', ctx); // the same button again: undo
    expect(feedback.opinion(b!.id)).toBeNull();
    await expectInStep();
    feedback.click(d!.id, { surface: 'movie-page' });
    await vi.waitFor(() => expect(feedback.events.some((e) => e.movieId === d!.id && e.kind === 'click')).toBe(true), WAIT);
    await vi.waitFor(() => expect(reco.taste.events.length).toBe(feedback.events.length), WAIT);
    await expectInStep();
    await feedback.remove(feedback.events.find((e) => e.movieId === c!.id)!.id!);
    expect(feedback.opinion(c!.id)).toBeNull();
    const full = await expectInStep();
    expect(full.map((e) => [e.movieId, e.kind])).toEqual(expect.arrayContaining([[a!.id, 'dislike'], [d!.id, 'click']]));
  });

  it("another tab's like, undo and removal arrive by the live query, which decrypts only the new record", async () => {
    const { db, auth } = authRuntime();
    const userId = session.user!.id;
    // Another tab: its own store (its own memory), the same profile's key.
    const other = new PersonalStore(db, auth.vault);
    const opened = vi.spyOn(auth.vault, 'open');
    /** Feedback records decrypted so far (by this page, and by the checks' own full reads). */
    const decrypted = () => opened.mock.calls.filter(([table]) => table === 'feedback').length;
    const e = catalogue.current!.movies[110]!;
    try {
      const stored = feedback.events.length;
      await other.replaceOpinion(userId, e.id, { movieId: e.id, kind: 'like', at: Date.now(), surface: 'search', query: 'from the other tab' });
      await vi.waitFor(() => expect(feedback.opinion(e.id)).toBe('like'), WAIT);
      await vi.waitFor(() => expect(reco.because.map((row) => row.source.id)).toContain(e.id), WAIT);
      // Of the stored events, only the other tab's new one was read and decrypted.
      expect(stored).toBeGreaterThan(2);
      expect(decrypted()).toBe(1);
      expect(feedback.events.at(-1)).toMatchObject({ movieId: e.id, kind: 'like', query: 'from the other tab' });
      await expectInStep();
      let before = decrypted();
      await other.replaceOpinion(userId, e.id, null); // the other tab's undo
      await vi.waitFor(() => expect(feedback.opinion(e.id)).toBeNull(), WAIT);
      expect(decrypted()).toBe(before); // a deletion decrypts nothing
      await expectInStep();
      before = decrypted();
      const click = feedback.events.find((x) => x.kind === 'click')!;
      await other.deleteFeedback(userId, click.id!); // removed in "My feedback" there
      await vi.waitFor(() => expect(feedback.events.some((x) => x.id === click.id)).toBe(false), WAIT);
      expect(decrypted()).toBe(before);
      await expectInStep();
    } finally {
      opened.mockRestore();
    }
  });

  it('the same events again (an echo of a write already applied) recompute nothing', async () => {
    const refold = vi.spyOn(recoClient, 'refold');
    try {
      const taste = reco.taste;
      const because = reco.because;
      await reco.feedbackChanged([...feedback.events]);
      expect(refold).toHaveBeenCalledTimes(1);
      expect(await refold.mock.results[0]!.value).toEqual({ ms: null, rows: null });
      expect(reco.taste).toBe(taste);
      expect(reco.because).toBe(because);
    } finally {
      refold.mockRestore();
    }
  });

  it('a write that fails puts the rows back with the button', async () => {
    const m = catalogue.current!.movies[120]!;
    const before = reco.because;
    const sources = before.map((r) => r.source.id);
    const write = vi.spyOn(feedbackService(), 'setOpinion').mockRejectedValueOnce(new Error('disk full'));
    try {
      await feedback.toggle(m.id, 'like', ctx);
    } finally {
      write.mockRestore();
    }
    expect(feedback.opinion(m.id)).toBeNull();
    expect(feedback.failed.get(m.id)?.message).toBeTruthy();
    await vi.waitFor(() => expect(reco.because.map((r) => r.source.id)).toEqual(sources), WAIT);
    await expectInStep();
  });
});

describe('the rows do not wait for the write', () => {
  it('are recomputed with the like while it is being stored, and stand once it is', async () => {
    const m = catalogue.current!.movies[130]!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = feedbackService().setOpinion.bind(feedbackService());
    const write = vi.spyOn(feedbackService(), 'setOpinion').mockImplementationOnce(async (...args) => {
      await gate; // the write waits (as a slow disk would) until released
      return real(...args);
    });
    try {
      const done = feedback.toggle(m.id, 'like', { surface: 'home-row', list: 'Popular on RecoStream' });
      await vi.waitFor(() => expect(reco.because.map((r) => r.source.id)).toContain(m.id), WAIT);
      expect(feedback.pending.has(m.id)).toBe(true);
      const rows = reco.because;
      release();
      await done;
      expect(feedback.pending.has(m.id)).toBe(false);
      expect(reco.because).toBe(rows);
    } finally {
      write.mockRestore();
    }
  });
});

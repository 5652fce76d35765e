/**
 * A like's whole path through the state modules (src/state/feedback.svelte.ts → reco.svelte.ts),
 * with every part real: the event written to IndexedDB (fake-indexeddb) through the session's
 * signed tokens, the ranker's weights learned by services/learning, the CF models of the reco
 * worker (its own code, in this thread, on the built data) refolded, and the rows republished.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { priorWeights } from '../../src/core/hybrid/weights';
import { feedbackService } from '../../src/services/app';
import { catalogue } from '../../src/state/catalogue.svelte';
import { feedback } from '../../src/state/feedback.svelte';
import { reco } from '../../src/state/reco.svelte';
import { session } from '../../src/state/session.svelte';
import { installWorkers, serveData } from './harness';

let server: { close(): Promise<void> };
beforeAll(async () => {
  server = await serveData();
  installWorkers();
  await catalogue.load();
  await session.init();
  await session.signUp('Ada', 'plum tree valley at dusk');
  // What state/app does when the profile changes: follow its feedback, then start the recommender.
  const events = await feedback.follow(session.user!.id);
  expect(events).toEqual([]);
  await reco.start(events);
  expect(reco.error ?? reco.status).toBe('ready');
});
afterAll(() => server.close());

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

/**
 * The search state (src/state/search.svelte.ts) with the real recommender: the catalogue and
 * ratings served over HTTP, the CF models trained by the reco worker's own code (in this thread),
 * the ranking done by core/hybrid in that worker.
 */
import { flushSync } from 'svelte';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recoClient } from '../../src/services/reco-client';
import { catalogue } from '../../src/state/catalogue.svelte';
import { reco } from '../../src/state/reco.svelte';
import { DEBOUNCE_MS, RESULTS, search } from '../../src/state/search.svelte';
import { installWorkers, serveData } from './harness';

let server: { close(): Promise<void> };
beforeAll(async () => {
  server = await serveData();
  installWorkers();
  await catalogue.load();
  await reco.start([]); // signed out: the community model, trained here (about a second of CPU)
  expect(reco.error ?? reco.status).toBe('ready');
  await search.loadPeople();
  expect(search.people).not.toBeNull();
});
afterAll(() => server.close());

/** Every query whose results were put on screen, in order (read as the page reads `search.shown`). */
function recordShown(): { queries: string[]; stop(): void } {
  const queries: string[] = [];
  const stop = $effect.root(() => {
    $effect(() => {
      if (search.shown) queries.push(search.shown.query);
    });
  });
  flushSync();
  return { queries, stop };
}

describe('search state', () => {
  it('ranks during the typing pause, shows after it, and Enter ends the pause (one ranking)', async () => {
    const q = 'no horror from the 90s';
    const real = recoClient.searchPage.bind(recoClient);
    const answers: Promise<unknown>[] = [];
    const calls = vi.spyOn(recoClient, 'searchPage').mockImplementation((...args) => {
      const a = real(...args);
      answers.push(a);
      return a;
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      search.setText(q);
      expect(search.intent?.genres.exclude).toEqual(['Horror']);
      expect(search.busy).toBe(true);
      // The ranking starts at the keystroke, not after the pause…
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toHaveBeenCalledTimes(1);
      await answers[0];
      await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1);
      // …but is shown only after it: the pause has not run out.
      expect(search.shown?.query).not.toBe(q);
      search.setText(q, { immediate: true }); // Enter: the pause ends now
      await vi.advanceTimersByTimeAsync(0);
      expect(search.shown?.query).toBe(q);
    } finally {
      vi.useRealTimers();
    }
    expect(calls).toHaveBeenCalledTimes(1);
    // The typing pause did not fire a second ranking afterwards.
    await new Promise((r) => setTimeout(r, DEBOUNCE_MS + 50));
    expect(calls).toHaveBeenCalledTimes(1);
    const shown = search.shown!;
    expect(search.busy).toBe(false);
    expect(search.stale).toBe(false);
    expect(shown.items).toHaveLength(RESULTS);
    // Explicit constraints decide what may appear: every result is from the 1990s, none is horror.
    expect(shown.items.every((it) => it.movie.year !== null && it.movie.year >= 1990 && it.movie.year <= 1999)).toBe(true);
    expect(shown.items.some((it) => it.movie.genres.includes('Horror'))).toBe(false);
    calls.mockRestore();
  });

  it('Enter on another page: the search page mounting with the same text and taste adds no pause and no second ranking', async () => {
    const q = 'comedies from the 80s';
    const calls = vi.spyOn(recoClient, 'searchPage');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      search.setText(q, { immediate: true }); // the box's submit
      search.setText(q); // the page's effect on mount
      search.refresh(reco.readyTaste); // the page's other effect on mount
      expect(search.busy).toBe(true);
      // Shown without any timer running: no pause was added on the way.
      for (let i = 0; i < 2000 && search.shown?.query !== q; i++) await new Promise((r) => setImmediate(r));
      expect(search.shown?.query).toBe(q);
    } finally {
      vi.useRealTimers();
    }
    expect(calls).toHaveBeenCalledTimes(1);
    calls.mockRestore();
  });

  it('a submit-only box prepares the ranking while typed: nothing shown or logged, and Enter uses it', async () => {
    // (A query with words for the encoder is prepared only once the language model is loaded: not here.)
    const q = 'no comedy from the 60s';
    const before = search.shown;
    const calls = vi.spyOn(recoClient, 'searchPage');
    const logged = vi.spyOn(reco, 'logShown');
    try {
      search.prepare(q);
      await vi.waitFor(() => expect(calls).toHaveBeenCalledTimes(1), { timeout: 30_000 });
      await new Promise((r) => setTimeout(r, DEBOUNCE_MS + 50));
      expect(search.shown).toBe(before);
      expect(search.text).not.toBe(q);
      expect(logged).not.toHaveBeenCalled();
      search.setText(q, { immediate: true });
      await vi.waitFor(() => expect(search.shown?.query).toBe(q), { timeout: 30_000 });
      expect(calls).toHaveBeenCalledTimes(1);
      expect(search.shown!.items.every((it) => !it.movie.genres.includes('Comedy') && it.movie.year! >= 1960 && it.movie.year! <= 1969)).toBe(true);
    } finally {
      calls.mockRestore();
      logged.mockRestore();
    }
  });

  it('logs the impressions of a list only after it was put on screen, once', async () => {
    const q = 'dramas from the 70s';
    const logged = vi.spyOn(reco, 'logShown');
    const callsWhenShown: number[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        if (search.shown?.query === q) callsWhenShown.push(logged.mock.calls.filter((c) => c[2] === q).length);
      });
    });
    flushSync();
    try {
      search.setText(q, { immediate: true });
      const ofQ = () => logged.mock.calls.filter((c) => c[2] === q);
      await vi.waitFor(() => expect(ofQ()).toHaveLength(1), { timeout: 30_000 });
      // When the list was put in state, it had not been logged yet; then it was, once, as shown.
      expect(callsWhenShown).toEqual([0]);
      expect(ofQ()[0]![0]).toBe(search.shown!.items);
      await new Promise((r) => setTimeout(r, 200));
      expect(ofQ()).toHaveLength(1);
    } finally {
      stop();
      logged.mockRestore();
    }
  });

  it('drops a ranking that arrives after the query changed: only the newer query is ever shown', async () => {
    const first = 'Tom Hanks movies';
    const second = 'no horror from the 80s';
    const real = recoClient.searchPage.bind(recoClient);
    let firstAnswer: Promise<unknown> | null = null;
    // The real ranker answers both; the person presses Enter on a new query just after the first
    // ranking was requested (while it is on its way).
    const calls = vi.spyOn(recoClient, 'searchPage').mockImplementation((intent, scores, weights, k) => {
      // Without the request's abort signal, so the first answer really arrives after the change.
      const answer = real(intent, scores, weights, k);
      if (!firstAnswer) {
        firstAnswer = answer;
        search.setText(second, { immediate: true });
      }
      return answer;
    });
    const rec = recordShown();
    const before = rec.queries.length;
    try {
      search.setText(first, { immediate: true });
      await vi.waitFor(() => expect(search.shown?.query).toBe(second), { timeout: 30_000 });
      const stale = (await firstAnswer!) as { items: { movie: { id: number } }[] };
      flushSync();
      // The first ranking was computed (a real answer came back) but never shown.
      expect(stale.items.length).toBeGreaterThan(0);
      expect(rec.queries.slice(before)).toEqual([second]);
      expect(calls).toHaveBeenCalledTimes(2);
      expect(search.stale).toBe(false);
      expect(search.shown!.items.every((it) => !it.movie.genres.includes('Horror') && it.movie.year! >= 1980 && it.movie.year! <= 1989)).toBe(true);
    } finally {
      rec.stop();
      calls.mockRestore();
    }
  });

  it('re-ranks for a new taste and not for the same one', async () => {
    const rec = recordShown();
    const before = rec.queries.length;
    const calls = vi.spyOn(recoClient, 'searchPage');
    try {
      search.refresh(reco.readyTaste); // the taste the shown list was made with: nothing to do
      expect(search.busy).toBe(false);
      search.refresh(null); // recommender not ready: waits
      expect(search.busy).toBe(false);
      const liked = search.shown!.items[0]!.movie.id;
      await reco.feedbackChanged([{ movieId: liked, kind: 'like', at: Date.now() }]);
      expect(reco.readyTaste?.events).toHaveLength(1);
      search.refresh(reco.readyTaste);
      expect(search.busy).toBe(true);
      await vi.waitFor(() => expect(search.busy).toBe(false), { timeout: 30_000 });
      expect(calls).toHaveBeenCalledTimes(1);
      flushSync();
      expect(rec.queries.slice(before)).toEqual(['no horror from the 80s']);
    } finally {
      rec.stop();
      calls.mockRestore();
      await reco.feedbackChanged([]);
    }
  });
});

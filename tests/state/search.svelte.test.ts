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
  it('ranks after the pause while typing, and at once on Enter (the pending pause is dropped)', async () => {
    const calls = vi.spyOn(recoClient, 'searchPage');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      search.setText('no horror from the 90s');
      expect(search.intent?.genres.exclude).toEqual(['Horror']);
      expect(search.busy).toBe(true);
      await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1);
      expect(calls).not.toHaveBeenCalled();
      search.setText('no horror from the 90s', { immediate: true });
      await vi.advanceTimersByTimeAsync(0);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(() => expect(search.shown?.query).toBe('no horror from the 90s'), { timeout: 30_000 });
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

  it('drops a ranking that arrives after the query changed: only the newer query is ever shown', async () => {
    const first = 'Tom Hanks movies';
    const second = 'no horror from the 80s';
    const real = recoClient.searchPage.bind(recoClient);
    let firstAnswer: Promise<unknown> | null = null;
    // The real ranker answers both; the person presses Enter on a new query just after the first
    // ranking was requested (while it is on its way).
    const calls = vi.spyOn(recoClient, 'searchPage').mockImplementation((...args) => {
      const answer = real(...args);
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

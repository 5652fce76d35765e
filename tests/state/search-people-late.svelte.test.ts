/**
 * A query naming a person, typed before the people index has arrived: it waits PEOPLE_WAIT_MS for
 * the index, is ranked without it, and is read and ranked again when the index arrives (the real
 * recommender; the people file's download is held, not replaced).
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { catalogue } from '../../src/state/catalogue.svelte';
import { reco } from '../../src/state/reco.svelte';
import { PEOPLE_WAIT_MS, search } from '../../src/state/search.svelte';
import { installWorkers, serveData } from './harness';

let server: { close(): Promise<void> };
let release!: () => void;
const held = new Promise<void>((r) => (release = r));

beforeAll(async () => {
  server = await serveData();
  installWorkers();
  const realFetch = globalThis.fetch.bind(globalThis);
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes('people')) await held; // a slow people.json
    return realFetch(input, init);
  });
  await catalogue.load();
  await reco.start([]);
  expect(reco.error ?? reco.status).toBe('ready');
  search.refresh(reco.readyTaste);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
});

it('ranks a person query without the people index after the wait, then again with it when it arrives', async () => {
  const started = Date.now();
  search.setText('Tom Hanks movies', { immediate: true });
  await vi.waitFor(() => expect(search.shown?.query).toBe('Tom Hanks movies'), { timeout: 60_000, interval: 50 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(PEOPLE_WAIT_MS - 50);
  expect(search.people).toBeNull();
  expect(search.shown!.intent.people ?? []).toEqual([]);
  const first = search.shown!.items.map((i) => i.movie.id);

  release();
  await vi.waitFor(() => expect(search.shown?.intent.people?.map((p) => p.name)).toEqual(['Tom Hanks']), { timeout: 60_000, interval: 50 });
  const again = search.shown!.items.map((i) => i.movie.id);
  expect(again).not.toEqual(first);
  expect(search.stale).toBe(false);
});

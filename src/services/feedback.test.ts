import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { useAuthEnvs } from '../../tests/fixtures/auth/env';
import { applyFeedbackChange } from '../core/shared/feedback-log';
import { FeedbackService, opinionsOf, type FeedbackRecord } from './feedback';

const newEnv = useAuthEnvs();
async function setup() {
  const env = newEnv();
  const fb = new FeedbackService(env.db, env.auth, env.clock.now);
  const ada = await env.auth.signUp('Ada', 'plum tree valley');
  const bob = await env.auth.signUp('Bob', 'quiet harbour lights');
  return { ...env, fb, ada, bob };
}

describe('FeedbackService', () => {
  it('keeps one current opinion per movie; toggling replaces or clears it', async () => {
    const { fb, ada, clock } = await setup();
    await fb.setOpinion(ada, 1, 'like', { surface: 'home-row', list: 'Popular', position: 0 });
    clock.advance(10);
    await fb.setOpinion(ada, 1, 'dislike', { surface: 'movie-page' });
    await fb.setOpinion(ada, 2, 'like', { surface: 'search', query: 'toy' });
    await fb.logClick(ada, 2, { surface: 'search', query: 'toy', position: 3 });
    let events = await fb.list(ada);
    expect(opinionsOf(events)).toEqual(new Map([[1, 'dislike'], [2, 'like']]));
    expect(events.filter((e) => e.kind === 'click')).toHaveLength(1);
    expect(events.find((e) => e.movieId === 2 && e.kind === 'like')).toMatchObject({ surface: 'search', query: 'toy' });
    await fb.setOpinion(ada, 1, null, { surface: 'movie-page' });
    events = await fb.list(ada);
    expect(opinionsOf(events)).toEqual(new Map([[2, 'like']]));
  });

  it('never lets one profile read or remove another profile’s events', async () => {
    const { fb, ada, bob } = await setup();
    const id = (await fb.logClick(ada, 5, { surface: 'home-row' })).added[0]!.id!;
    expect(await fb.list(bob)).toEqual([]);
    expect(await fb.remove(bob, id)).toBe(false);
    expect(await fb.list(ada)).toHaveLength(1);
    expect(await fb.remove(ada, id)).toBe(true);
  });

  it('refuses a tampered token', async () => {
    const { fb, ada } = await setup();
    const [h, p, s] = ada.accessToken.split('.');
    const forged = `${h}.${p}.${s!.slice(0, -2)}xx`;
    await expect(fb.logClick(forged, 1, { surface: 'home-row' })).rejects.toMatchObject({ code: 'ERR_TOKEN_INVALID' });
  });

  it('streams live updates to a subscriber (as another tab would see them)', async () => {
    const { fb, ada } = await setup();
    const seen: number[] = [];
    const sub = (await fb.live(ada)).subscribe((rows) => seen.push(rows.length));
    // Waits for states, not for time (the timeouts only bound a failure on a loaded machine).
    await expect.poll(() => seen.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(seen[0]).toBe(0);
    await fb.setOpinion(ada, 7, 'like', { surface: 'home-row' });
    await expect.poll(() => seen.at(-1), { timeout: 30_000 }).toBe(1);
    sub.unsubscribe();
  });

  it('returns each write’s change: applied to the list in memory it gives what another page decrypts from the store', async () => {
    const { fb, ada, clock, db, reload } = await setup();
    let list = await fb.list(ada);
    const apply = (c: { removed: readonly number[]; added: readonly FeedbackRecord[] }) => (list = applyFeedbackChange(list, c));
    apply(await fb.setOpinion(ada, 1, 'like', { surface: 'home-row', list: 'Popular', position: 0, impressionId: 4 }));
    apply(await fb.setOpinion(ada, 2, 'dislike', { surface: 'search', query: 'toy' })); // same time as the like
    clock.advance(5);
    apply(await fb.logClick(ada, 2, { surface: 'search', query: 'toy', position: 3 }));
    const replaced = await fb.setOpinion(ada, 1, 'dislike', { surface: 'movie-page' });
    expect(replaced.removed).toHaveLength(1);
    apply(replaced);
    apply(await fb.setOpinion(ada, 2, null, { surface: 'movie-page' })); // undo
    const click = list.find((e) => e.kind === 'click')!;
    expect(await fb.remove(ada, click.id!)).toBe(true);
    apply({ removed: [click.id!], added: [] });
    // Another page (nothing in its memory) unlocks the profile and reads every row back.
    const page2 = reload();
    await page2.unlock(ada, 'plum tree valley');
    const fresh = await new FeedbackService(db, page2).list(ada);
    expect(list).toEqual(fresh);
    expect(fresh.map((e) => [e.movieId, e.kind])).toEqual([[1, 'dislike']]);
    expect(opinionsOf(list)).toEqual(new Map([[1, 'dislike']]));
  });

  it('the live list reads another page’s new record and keeps this page’s own records without decrypting them again', async () => {
    const { fb, ada, db, reload, auth } = await setup();
    await fb.setOpinion(ada, 1, 'like', { surface: 'home-row' });
    const opened = vi.spyOn(auth.vault, 'open');
    const page2 = reload();
    await page2.unlock(ada, 'plum tree valley');
    const fb2 = new FeedbackService(db, page2);
    const seen: FeedbackRecord[][] = [];
    const sub = (await fb.live(ada)).subscribe((rows) => seen.push(rows));
    try {
      await expect.poll(() => seen.length, { timeout: 30_000 }).toBeGreaterThan(0);
      expect(seen.at(-1)!.map((e) => e.movieId)).toEqual([1]);
      await fb2.setOpinion(ada, 9, 'like', { surface: 'search', query: 'from page two' });
      await expect.poll(() => seen.at(-1)!.length, { timeout: 30_000 }).toBe(2);
      // This page decrypted only page two's record: its own was kept from the write.
      expect(opened).toHaveBeenCalledTimes(1);
      expect(seen.at(-1)).toEqual(await fb2.list(ada));
      expect(seen.at(-1)![1]).toMatchObject({ movieId: 9, query: 'from page two' });
      await fb2.setOpinion(ada, 1, null, { surface: 'search' });
      await expect.poll(() => seen.at(-1)!.map((e) => e.movieId), { timeout: 30_000 }).toEqual([9]);
    } finally {
      sub.unsubscribe();
      opened.mockRestore();
    }
  });
});

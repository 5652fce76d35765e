import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useAuthEnvs } from '../../tests/fixtures/auth/env';
import { FeedbackService, opinionsOf } from './feedback';

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
});

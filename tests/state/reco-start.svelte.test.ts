/**
 * The recommender's start-up through the state module (src/state/reco.svelte.ts), with the real
 * reco worker code (in this thread, on the built data): a profile without feedback gets its Top
 * picks from the page's catalogue before the worker has its models, and they are the very rows the
 * trained engine then publishes (kept, not repainted); a profile with feedback waits for the models.
 */
import { describe, expect, it, vi } from 'vitest';
import { recoClient, type TrainProgress } from '../../src/services/reco-client';
import { reco } from '../../src/state/reco.svelte';
import { session } from '../../src/state/session.svelte';
import { startApp } from './harness';

startApp(async () => {
  expect(session.status).toBe('signed-out');
});

/** Lets every pending promise callback run (no worker message is answered meanwhile: those are macrotasks; nor does a timer fire). */
const microtasks = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

const STAR_WARS = 260;

describe('reco.start', () => {
  it('without feedback: Top picks are published before the worker is ready, and the trained engine keeps them', async () => {
    const started = reco.start([]);
    // Published one frame after the call (services/paint `afterPaint`: a timer where there are no frames),
    // while the worker is still loading its data and training.
    await vi.waitFor(() => expect(reco.rowsReady).toBe(true), { timeout: 30_000 });
    expect(['starting', 'training']).toContain(reco.status);
    const early = reco.topPicks;
    expect(early).toHaveLength(20);
    expect(early[0]!.movie.title).toBe('The Shawshank Redemption');
    expect(reco.personalised).toBe(false);
    await started;
    expect(reco.error ?? reco.status).toBe('ready');
    // The worker's rows were the same movies with the same scores, so the published array was kept.
    expect(reco.topPicks).toBe(early);
  }, 120_000);

  it('with a like: no rows until the models have folded it in, then personal ones', async () => {
    const started = reco.start([{ movieId: STAR_WARS, kind: 'like', at: Date.now() }]);
    await microtasks();
    expect(reco.status).toBe('starting');
    expect(reco.rowsReady).toBe(false);
    await started;
    expect(reco.error ?? reco.status).toBe('ready');
    expect(reco.rowsReady).toBe(true);
    expect(reco.personalised).toBe(true);
    expect(reco.topPicks.map((p) => p.movie.id)).not.toContain(STAR_WARS);
    expect(reco.because.map((row) => row.source.id)).toEqual([STAR_WARS]);
  }, 120_000);

  it('a later start (another profile, the unlock after a reload) reuses the worker\'s community models: nothing is trained again', async () => {
    const phases: TrainProgress['phase'][] = [];
    const res = await recoClient.start(null, (p) => phases.push(p.phase));
    expect(res.trained).toBe(false);
    // Progress arrives over its own port (a comlink proxy): wait for the last report.
    await vi.waitFor(() => expect(phases).toContain('done'));
    expect(phases).toEqual(['loading', 'done']);
  }, 120_000);
});

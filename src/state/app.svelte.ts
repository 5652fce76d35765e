/**
 * Starting the app, and the one place where a change of profile fans out to the other state.
 * Called once from App.svelte; no state module starts anything on import.
 */
import { recoClient } from '../services/reco-client';
import { requestPersistence } from '../services/storage';
import { catalogue } from './catalogue.svelte';
import { feedback } from './feedback.svelte';
import { pwa } from './pwa.svelte';
import { reco } from './reco.svelte';
import { semantic } from './semantic.svelte';
import { session } from './session.svelte';

let started = false;
let current: string | null | undefined;
let prefetched = false;

/**
 * Loads the catalogue, restores the session and starts the recommender for whoever is signed in;
 * afterwards every sign-in, sign-out or profile switch (this tab or another) calls `profileChanged`.
 */
export function startApp(): void {
  if (started) return;
  started = true;
  const ready = catalogue.load();
  // The recommendation worker loads its data on the other core meanwhile (Top picks come sooner).
  recoClient.warm();
  session.onProfileChange((userId) => void profileChanged(userId, ready));
  void session.init();
  void requestPersistence();
  pwa.start();
}

/** Follows the new profile's feedback, then restarts the recommender with it (after first paint). */
async function profileChanged(userId: string | null, catalogueReady: Promise<void>): Promise<void> {
  if (userId === current) return;
  current = userId;
  const events = await feedback.follow(userId);
  if (current !== userId) return;
  // The catalogue paints first; the recommender's downloads and training come after.
  await catalogueReady;
  if (current !== userId) return;
  await reco.start(events);
  // Once the first screen is complete (rows painted, training done), maybe warm the encoder for search.
  if (!prefetched) {
    prefetched = true;
    afterIdle(() => void semantic.prefetch());
  }
}

function afterIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 200);
}

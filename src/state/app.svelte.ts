/**
 * Starting the app, and the one place where a change of profile fans out to the other state.
 * Called once from App.svelte; no state module starts anything on import.
 */
import { requestPersistence } from '../services/storage';
import { catalogue } from './catalogue.svelte';
import { feedback } from './feedback.svelte';
import { pwa } from './pwa.svelte';
import { reco } from './reco.svelte';
import { session } from './session.svelte';

let started = false;
let current: string | null | undefined;

/**
 * Loads the catalogue, restores the session and starts the recommender for whoever is signed in;
 * afterwards every sign-in, sign-out or profile switch (this tab or another) calls `profileChanged`.
 */
export function startApp(): void {
  if (started) return;
  started = true;
  const ready = catalogue.load();
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
}

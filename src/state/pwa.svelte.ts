/**
 * The service worker as rune state: registered once by startApp, it says when the app is ready to
 * work offline and when a new version waits. The page shows both without covering any content.
 */
import { registerSW } from 'virtual:pwa-register';
import { afterPaint } from '../services/paint';

class PwaState {
  /** A new version is installed and waits for a reload. */
  needRefresh = $state(false);
  /** Everything the app needs offline is cached. */
  offlineReady = $state(false);
  updating = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  #started = false;

  /**
   * Registers the service worker (once), after the first paint: registering loads workbox-window
   * and evaluates it on the main thread, which a visit's first cards need not wait for (on a repeat
   * visit the worker already controls the page; on a first visit its install and precache downloads
   * then start once the first screen is painted rather than beside it).
   */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    afterPaint(() => {
      this.#update = registerSW({
        onNeedRefresh: () => (this.needRefresh = true),
        onOfflineReady: () => (this.offlineReady = true),
        onRegisterError: (err: unknown) => console.warn('Service worker registration failed', err),
      });
    });
  }

  /** Activates the waiting version and reloads the page. */
  async reload(): Promise<void> {
    this.updating = true;
    await this.#update?.(true);
  }
}

export const pwa = new PwaState();

/**
 * The service worker as rune state: registered once by startApp, it says when the app is ready to
 * work offline and when a new version waits. The page shows both without covering any content.
 */
import { registerSW } from 'virtual:pwa-register';

class PwaState {
  /** A new version is installed and waits for a reload. */
  needRefresh = $state(false);
  /** Everything the app needs offline is cached. */
  offlineReady = $state(false);
  updating = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  /** Registers the service worker (once). */
  start(): void {
    if (this.#update) return;
    this.#update = registerSW({
      onNeedRefresh: () => (this.needRefresh = true),
      onOfflineReady: () => (this.offlineReady = true),
      onRegisterError: (err: unknown) => console.warn('Service worker registration failed', err),
    });
  }

  /** Activates the waiting version and reloads the page. */
  async reload(): Promise<void> {
    this.updating = true;
    await this.#update?.(true);
  }
}

export const pwa = new PwaState();

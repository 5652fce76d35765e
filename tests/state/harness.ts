/**
 * What the state tests share: the built data (public/data) served over real HTTP (`serveData`, from
 * scripts/lib: the benchmarks serve it the same way), and the app's workers run in this thread.
 * Node has no Worker: `installWorkers` defines one whose instances are the real worker modules
 * behind a MessageChannel (comlink on both ends, as in the browser). `startApp` is the set-up of a
 * test file that drives the app's state modules.
 */
import { afterAll, beforeAll } from 'vitest';
import { expose } from 'comlink';
import { pbkdf2Sha256 } from '../../src/services/auth/pbkdf2';
import { withWireErrors } from '../../src/services/bridge/wire';
import { catalogue } from '../../src/state/catalogue.svelte';
import { session } from '../../src/state/session.svelte';
import { serveData } from '../../scripts/lib/serve-data';

export { serveData };

/**
 * The set-up of a test file that runs the app's state on the built data: public/ served, the
 * workers installed, the catalogue loaded and the session started (signed out); the server is
 * closed after the file. `then` runs last in the same `beforeAll` (e.g. signing up).
 */
export function startApp(then?: () => Promise<void>): void {
  let server: { close(): Promise<void> } | undefined;
  beforeAll(async () => {
    server = await serveData();
    installWorkers();
    await catalogue.load();
    await session.init();
    await then?.();
  });
  afterAll(() => server?.close());
}

/**
 * Defines `globalThis.Worker`. The reco worker module is imported as is: its `Comlink.expose(api)`
 * listens on the global scope, which is routed to the worker's end of the channel (so one reco
 * worker per test file). The crypto worker's one line of wiring is repeated here for the same reason.
 */
export function installWorkers(): void {
  let recoStarted = false;
  class InThreadWorker extends EventTarget {
    readonly #port: MessagePort;
    constructor(url: URL | string) {
      super();
      const { port1, port2 } = new MessageChannel();
      this.#port = port1;
      port1.addEventListener('message', (ev) => this.dispatchEvent(new MessageEvent('message', { data: (ev as MessageEvent).data })));
      port1.start();
      const name = String(url);
      if (name.includes('crypto.worker')) {
        expose(withWireErrors({ pbkdf2Sha256 }), port2 as unknown as Worker);
        port2.start();
      } else if (name.includes('reco.worker')) {
        if (recoStarted) throw new Error('One in-thread reco worker per test file');
        recoStarted = true;
        const scope = globalThis as unknown as Record<string, unknown>;
        scope.addEventListener = port2.addEventListener.bind(port2);
        scope.removeEventListener = port2.removeEventListener.bind(port2);
        scope.postMessage = port2.postMessage.bind(port2);
        // Messages wait in port2's queue until the module has exposed its api and the port starts.
        void import('../../workers/reco.worker').then(() => port2.start());
      } else throw new Error(`No in-thread worker for ${name}`);
    }
    postMessage(message: unknown, transfer?: Transferable[]): void {
      this.#port.postMessage(message, transfer ?? []);
    }
    terminate(): void {
      this.#port.close();
    }
  }
  (globalThis as unknown as { Worker: unknown }).Worker = InThreadWorker;
}

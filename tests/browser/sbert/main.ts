/**
 * Harness page: `window.runSbert(request)` runs one request in a fresh module worker and resolves
 * with its reply (the spec calls it through page.evaluate). Test-only; not part of the app build.
 */
import type { RunReply, RunRequest } from './protocol';

declare global {
  interface Window {
    runSbert(req: RunRequest): Promise<RunReply>;
  }
}

window.runSbert = (req) =>
  new Promise<RunReply>((resolve) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    const done = (reply: RunReply) => {
      worker.terminate();
      resolve(reply);
    };
    worker.onmessage = (e: MessageEvent<RunReply>) => done(e.data);
    worker.onerror = (e) => done({ ok: false, error: `worker error: ${e.message || 'failed to start'}` });
    worker.postMessage(req);
  });

document.body.dataset.ready = 'true';

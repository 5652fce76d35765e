import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { WorkerBridge, WorkerError, type WorkerLike } from './bridge';
import { withWireErrors } from './wire';

/** A real comlink endpoint over a MessageChannel, standing in for a Worker (Node has no Worker). */
function channelWorker<T extends object>(api: T): WorkerLike & { crash(message: string): void; terminated: boolean } {
  const { port1, port2 } = new MessageChannel();
  expose(withWireErrors(api), port2 as unknown as Worker);
  port2.start();
  port1.start();
  const events = new EventTarget();
  const w = {
    terminated: false,
    postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t ?? []),
    addEventListener: (type: string, l: (ev: Event) => void) => (type === 'message' ? port1.addEventListener('message', l as EventListener) : events.addEventListener(type, l)),
    removeEventListener: (type: string, l: (ev: Event) => void) => (type === 'message' ? port1.removeEventListener('message', l as EventListener) : events.removeEventListener(type, l)),
    terminate: () => {
      w.terminated = true;
      port1.close();
      port2.close();
    },
    crash: (message: string) => events.dispatchEvent(Object.assign(new Event('error'), { message })),
  };
  return w;
}

class CodedError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(opts: { idleMs?: number } = {}) {
  const log: string[] = [];
  const releases: (() => void)[] = [];
  const workers: ReturnType<typeof channelWorker>[] = [];
  let configured = 0;
  const api = {
    configure(): void {
      configured++;
    },
    async slow(id: string, ms: number): Promise<string> {
      log.push(`start ${id}`);
      await sleep(ms);
      log.push(`end ${id}`);
      return id;
    },
    /** Like slow, but ends only when the test calls release(): no race with the clock. */
    async held(id: string): Promise<string> {
      log.push(`start ${id}`);
      await new Promise<void>((r) => releases.push(r));
      log.push(`end ${id}`);
      return id;
    },
    fail(): never {
      throw new CodedError('NOT_STARTED', 'The engine is not started yet');
    },
  };
  const bridge = new WorkerBridge<typeof api>({
    name: 'test',
    create: () => {
      const w = channelWorker(api);
      workers.push(w);
      return w;
    },
    init: async (r) => {
      await r.configure();
    },
    ...opts,
  });
  return { bridge, log, workers, configured: () => configured, release: () => releases.splice(0).forEach((r) => r()) };
}

describe('WorkerBridge', () => {
  it('starts lazily, configures once, and runs calls one at a time in order', async () => {
    const { bridge, log, workers, configured } = setup();
    expect(workers).toHaveLength(0);
    const results = await Promise.all([bridge.call((r) => r.slow('a', 30)), bridge.call((r) => r.slow('b', 1)), bridge.call((r) => r.slow('c', 1))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(workers).toHaveLength(1);
    expect(configured()).toBe(1);
    bridge.terminate();
  });

  it('keeps the stable code of an error thrown in the worker', async () => {
    const { bridge } = setup();
    const err = await bridge.call((r) => r.fail()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerError);
    expect(err).toMatchObject({ code: 'NOT_STARTED', message: 'The engine is not started yet', worker: 'test' });
    bridge.terminate();
  });

  it('drops an aborted queued call without sending it, and stops waiting for an aborted running one', async () => {
    const { bridge, log, release } = setup();
    const first = bridge.call((r) => r.slow('long', 60));
    const c = new AbortController();
    const queued = bridge.call((r) => r.slow('queued', 1), c.signal);
    c.abort(new DOMException('superseded', 'AbortError'));
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    await first;
    expect(log).not.toContain('start queued');

    const c2 = new AbortController();
    const running = bridge.call((r) => r.held('running'), c2.signal);
    await expect.poll(() => log, { timeout: 30_000 }).toContain('start running');
    c2.abort(new DOMException('gone', 'AbortError'));
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    // Rejected at once (abort events are synchronous), while the worker's call is still running.
    expect(log).not.toContain('end running');
    const next = bridge.call((r) => r.slow('next', 1));
    release();
    // The next call still runs after the aborted one (one job at a time).
    expect(await next).toBe('next');
    expect(log.indexOf('end running')).toBeLessThan(log.indexOf('start next'));
    bridge.terminate();
  });

  it('terminates after the idle time and starts (and configures) a new worker on the next call', async () => {
    const { bridge, workers, configured } = setup({ idleMs: 20 });
    await bridge.call((r) => r.slow('x', 1));
    expect(bridge.alive).toBe(true);
    await expect.poll(() => bridge.alive, { timeout: 30_000 }).toBe(false);
    expect(workers[0]!.terminated).toBe(true);
    await bridge.call((r) => r.slow('y', 1));
    expect(workers).toHaveLength(2);
    expect(configured()).toBe(2);
    bridge.terminate();
  });

  it('rejects the call in flight with WORKER_CRASHED after a crash and restarts on the next call', async () => {
    const { bridge, workers } = setup();
    const inFlight = bridge.call((r) => r.slow('doomed', 200));
    await sleep(20);
    workers[0]!.crash('boom');
    await expect(inFlight).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    expect(workers[0]!.terminated).toBe(true);
    expect(await bridge.call((r) => r.slow('after', 1))).toBe('after');
    expect(bridge.starts).toBe(2);
    bridge.terminate();
  });

  it('reports WORKER_UNAVAILABLE when no worker can be created', async () => {
    const bridge = new WorkerBridge<{ f(): number }>({
      name: 'none',
      create: () => {
        throw new ReferenceError('Worker is not defined');
      },
    });
    await expect(bridge.call((r) => r.f())).rejects.toMatchObject({ code: 'WORKER_UNAVAILABLE' });
  });
});

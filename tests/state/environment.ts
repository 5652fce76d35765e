/**
 * A Vitest environment for the rune state modules (src/state/*.svelte.ts): they run in Node, but
 * compiled for the browser (`viteEnvironment: 'client'`: Svelte's client runtime, so $state,
 * $derived and $effect behave as in the app) with the few page globals they use at import or at
 * run time: `window` (hashchange, storage events), `location` (the route), `document`
 * (visibilitychange, baseURI), `self` and `navigator` — plain objects, no DOM — and a real IndexedDB
 * (fake-indexeddb, the project's IndexedDB for tests). Workers are real worker modules run in this
 * thread over a MessageChannel (see workers.ts), installed by each test file.
 */
import type { Environment } from 'vitest/environments';

export default <Environment>{
  name: 'state',
  viteEnvironment: 'client',
  async setup(global) {
    const idb = await import('fake-indexeddb');
    const window = new EventTarget() as EventTarget & { location?: unknown };
    let hash = '';
    const location = {
      get hash() {
        return hash;
      },
      set hash(value: string) {
        const next = value === '' || value.startsWith('#') ? value : `#${value}`;
        if (next === hash) return;
        hash = next;
        // As in a browser, the hash change is announced after the current task.
        setTimeout(() => window.dispatchEvent(new Event('hashchange')), 0);
      },
      href: 'http://localhost/',
      toString: () => 'http://localhost/',
    };
    window.location = location;
    const document = Object.assign(new EventTarget(), { visibilityState: 'visible', baseURI: 'http://localhost/' });
    const history = {
      state: null,
      replaceState(_state: unknown, _title: string, url: string) {
        hash = url.startsWith('#') ? url : '';
      },
    };
    const added = { self: global, window, location, document, history, indexedDB: idb.indexedDB, IDBKeyRange: idb.IDBKeyRange } as Record<string, unknown>;
    if (typeof global.navigator === 'undefined') added.navigator = {};
    const keys = Object.keys(added);
    for (const k of keys) Object.defineProperty(global, k, { value: added[k], configurable: true, writable: true });
    return {
      teardown(g) {
        for (const k of keys) delete (g as Record<string, unknown>)[k];
      },
    };
  },
};

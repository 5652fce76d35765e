import { describe, expect, it } from 'vitest';
import { memoryTabKeyStore, sessionTabKeyStore } from './tab-key-store';

/** A Storage over a Map (what sessionStorage offers that the store uses). */
function mapStorage(): Storage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

describe('tab key store', () => {
  it('keeps the entry under recostream.unlock in the given storage', () => {
    const storage = mapStorage();
    const store = sessionTabKeyStore(() => storage);
    expect(store.load()).toBeNull();
    store.save('{"v":1}');
    expect(storage.map.get('recostream.unlock')).toBe('{"v":1}');
    expect(store.load()).toBe('{"v":1}');
    store.clear();
    expect(storage.map.size).toBe(0);
    expect(store.load()).toBeNull();
  });

  it('with storage blocked it lasts as long as the page, and never throws', () => {
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    const store = sessionTabKeyStore(blocked);
    expect(store.load()).toBeNull();
    store.save('x');
    expect(store.load()).toBe('x');
    store.clear();
    expect(store.load()).toBeNull();
  });

  it('the memory store round-trips and clears', () => {
    const store = memoryTabKeyStore();
    store.save('a');
    expect(store.load()).toBe('a');
    store.clear();
    expect(store.load()).toBeNull();
  });
});

/**
 * Whether to fetch the sentence encoder (model + catalogue vectors, ~32 MB) in the background after
 * the first paint, so that the first search by description is usually warm. Pure: the page reads
 * the browser's hints (Network Information API, storage estimate, the person's setting) and asks.
 *
 * Default on only when it is safe: the person has not turned it off, the browser is online, says the
 * connection is fast (`effectiveType` "4g") and not cellular, does not ask to save data, and there is
 * room for the files. A browser that says nothing about its connection (Firefox, Safari) gets no
 * background download: the model then loads on the first search, as before. Files already stored
 * on this device are loaded from there (no network), unless the person turned it off.
 */

/** What the browser says about its connection (`navigator.connection`); every field may be missing. */
export interface ConnectionHints {
  saveData?: boolean;
  /** "slow-2g" | "2g" | "3g" | "4g" (the browser's estimate of the connection's speed). */
  effectiveType?: string;
  /** "cellular" | "wifi" | "ethernet" | "bluetooth" | "wimax" | "other" | "none" | "unknown". */
  type?: string;
}

/** The person's choice in Settings: 'auto' (only when safe, the default) or 'off'. */
export type PrefetchChoice = 'auto' | 'off';

export interface PrefetchInput {
  choice: PrefetchChoice;
  /** Null when the browser has no Network Information API. */
  connection: ConnectionHints | null;
  online: boolean;
  /** The model's files are already stored on this device. */
  stored: boolean;
  /** Bytes the download needs, and bytes free for this site (null when unknown). */
  needBytes: number | null;
  freeBytes: number | null;
}

export type PrefetchReason =
  | 'stored' // fetch: load it from this device (no network)
  | 'fast-connection' // fetch: download it
  | 'off'
  | 'offline'
  | 'save-data'
  | 'cellular'
  | 'slow-connection'
  | 'unknown-connection'
  | 'no-space';

export interface PrefetchDecision {
  fetch: boolean;
  reason: PrefetchReason;
}

/** Connection types that are usually metered or slow. */
const METERED = new Set(['cellular', 'wimax', 'bluetooth']);

export function decidePrefetch(input: PrefetchInput): PrefetchDecision {
  if (input.choice === 'off') return { fetch: false, reason: 'off' };
  if (input.stored) return { fetch: true, reason: 'stored' };
  if (!input.online || input.connection?.type === 'none') return { fetch: false, reason: 'offline' };
  const c = input.connection;
  if (!c) return { fetch: false, reason: 'unknown-connection' };
  if (c.saveData === true) return { fetch: false, reason: 'save-data' };
  if (c.type !== undefined && METERED.has(c.type)) return { fetch: false, reason: 'cellular' };
  if (c.effectiveType === undefined) return { fetch: false, reason: 'unknown-connection' };
  if (c.effectiveType !== '4g') return { fetch: false, reason: 'slow-connection' };
  if (input.needBytes !== null && input.freeBytes !== null && input.freeBytes < input.needBytes) return { fetch: false, reason: 'no-space' };
  return { fetch: true, reason: 'fast-connection' };
}

/** One sentence for Settings on what the background download did and why. */
export function describePrefetch(d: PrefetchDecision): string {
  switch (d.reason) {
    case 'stored':
      return 'This visit made it ready in the background, from the copy stored on this device.';
    case 'fast-connection':
      return 'This visit fetches it in the background after the page loaded: the connection is fast and not metered.';
    case 'off':
      return 'Background download is off: it downloads when you first search by description.';
    case 'offline':
      return 'Not downloaded in the background: this device is offline.';
    case 'save-data':
      return 'Not downloaded in the background: your browser asks sites to save data.';
    case 'cellular':
      return 'Not downloaded in the background: this looks like a mobile (metered) connection.';
    case 'slow-connection':
      return 'Not downloaded in the background: this connection is slow.';
    case 'unknown-connection':
      return 'Not downloaded in the background: this browser does not say whether the connection is fast and unmetered.';
    case 'no-space':
      return 'Not downloaded in the background: there is not enough free storage space for it.';
  }
}

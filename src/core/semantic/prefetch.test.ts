import { describe, expect, it } from 'vitest';
import { decidePrefetch, describePrefetch, type PrefetchInput, type PrefetchReason } from './prefetch';

const MB = 1024 * 1024;
/** A desktop on a fast home connection with room to spare. */
const fast: PrefetchInput = { choice: 'auto', connection: { saveData: false, effectiveType: '4g', type: 'wifi' }, online: true, stored: false, needBytes: 32 * MB, freeBytes: 2000 * MB };
const decide = (change: Partial<PrefetchInput>) => decidePrefetch({ ...fast, ...change });

describe('decidePrefetch: the encoder is fetched in the background only when it is safe', () => {
  it('downloads on a fast, unmetered connection with room for it', () => {
    expect(decide({})).toEqual({ fetch: true, reason: 'fast-connection' });
    // Chromium on a desktop often reports no type at all: the speed estimate decides.
    expect(decide({ connection: { saveData: false, effectiveType: '4g' } })).toEqual({ fetch: true, reason: 'fast-connection' });
    expect(decide({ connection: { effectiveType: '4g', type: 'ethernet' } })).toEqual({ fetch: true, reason: 'fast-connection' });
  });

  it('respects Save-Data, metered and slow connections', () => {
    expect(decide({ connection: { saveData: true, effectiveType: '4g', type: 'wifi' } })).toEqual({ fetch: false, reason: 'save-data' });
    expect(decide({ connection: { effectiveType: '4g', type: 'cellular' } })).toEqual({ fetch: false, reason: 'cellular' });
    expect(decide({ connection: { effectiveType: '4g', type: 'wimax' } }).reason).toBe('cellular');
    for (const slow of ['slow-2g', '2g', '3g']) expect(decide({ connection: { effectiveType: slow, type: 'wifi' } }), slow).toEqual({ fetch: false, reason: 'slow-connection' });
    // Save-Data wins over everything else the connection says.
    expect(decide({ connection: { saveData: true, effectiveType: '2g', type: 'cellular' } }).reason).toBe('save-data');
  });

  it('does not guess: no Network Information API, or no speed estimate, means no background download', () => {
    expect(decide({ connection: null })).toEqual({ fetch: false, reason: 'unknown-connection' });
    expect(decide({ connection: { type: 'wifi' } })).toEqual({ fetch: false, reason: 'unknown-connection' });
  });

  it('does nothing offline, nor when the files would not fit', () => {
    expect(decide({ online: false })).toEqual({ fetch: false, reason: 'offline' });
    expect(decide({ connection: { effectiveType: '4g', type: 'none' } }).reason).toBe('offline');
    expect(decide({ freeBytes: 31 * MB })).toEqual({ fetch: false, reason: 'no-space' });
    expect(decide({ freeBytes: 32 * MB }).fetch).toBe(true);
    // Unknown sizes do not block it.
    expect(decide({ freeBytes: null }).fetch).toBe(true);
    expect(decide({ needBytes: null, freeBytes: 1 }).fetch).toBe(true);
  });

  it('the person\'s "off" wins over everything, even files already stored', () => {
    expect(decide({ choice: 'off' })).toEqual({ fetch: false, reason: 'off' });
    expect(decide({ choice: 'off', stored: true })).toEqual({ fetch: false, reason: 'off' });
  });

  it('loads stored files whatever the connection (no network is used)', () => {
    expect(decide({ stored: true, connection: { saveData: true, effectiveType: '2g', type: 'cellular' } })).toEqual({ fetch: true, reason: 'stored' });
    expect(decide({ stored: true, online: false, connection: null })).toEqual({ fetch: true, reason: 'stored' });
  });

  it('every reason has its own sentence for Settings', () => {
    const reasons: PrefetchReason[] = ['stored', 'fast-connection', 'off', 'offline', 'save-data', 'cellular', 'slow-connection', 'unknown-connection', 'no-space'];
    const texts = reasons.map((reason) => describePrefetch({ fetch: reason === 'stored' || reason === 'fast-connection', reason }));
    expect(new Set(texts).size).toBe(reasons.length);
    expect(describePrefetch({ fetch: false, reason: 'save-data' })).toBe('Not downloaded in the background: your browser asks sites to save data.');
  });
});

import { describe, expect, it } from 'vitest';
import { IMPRESSION_RETENTION, impressionsToDelete, pruneDue, windowStart } from './retention';

describe('impressions retention rule', () => {
  it('deletes only what is both outside 90 days and beyond the newest 5,000', () => {
    expect(impressionsToDelete(8000, 6180)).toBe(3000);
    expect(impressionsToDelete(7820, 6000)).toBe(2820);
    expect(impressionsToDelete(12_000, 100)).toBe(100);
    expect(impressionsToDelete(4000, 4000)).toBe(0);
    expect(impressionsToDelete(5000, 10)).toBe(0);
    expect(windowStart(100 * 86_400_000)).toBe(10 * 86_400_000);
  });

  it('is due when the log crosses a multiple of pruneEvery', () => {
    const every = IMPRESSION_RETENTION.pruneEvery;
    expect(pruneDue(1, 20)).toBe(false);
    expect(pruneDue(every - 5, every + 14)).toBe(true);
    expect(pruneDue(every, every)).toBe(true);
    expect(pruneDue(every + 1, 2 * every - 1)).toBe(false);
  });
});

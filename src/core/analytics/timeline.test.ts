import { describe, expect, it } from 'vitest';
import type { FeedbackEvent } from './events';
import { bucketStart, chooseBucket, feedbackTimeline } from './timeline';

// vitest runs with TZ=UTC, so local midnight is UTC midnight.
const t = (iso: string) => Date.parse(iso);

describe('feedbackTimeline', () => {
  it('counts per day with TZ=UTC, filling empty days', () => {
    const events: FeedbackEvent[] = [
      { movieId: 1, kind: 'like', at: t('2024-03-01T10:00:00Z') },
      { movieId: 2, kind: 'click', at: t('2024-03-01T23:59:59Z') },
      { movieId: 3, kind: 'like', at: t('2024-03-01T00:00:00Z') },
      { movieId: 4, kind: 'dislike', at: t('2024-03-03T00:00:00Z') },
    ];
    const tl = feedbackTimeline(events);
    expect(tl.bucket).toBe('day');
    expect(tl.points).toEqual([
      { start: t('2024-03-01T00:00:00Z'), label: '2024-03-01', like: 2, dislike: 0, click: 1 },
      { start: t('2024-03-02T00:00:00Z'), label: '2024-03-02', like: 0, dislike: 0, click: 0 },
      { start: t('2024-03-03T00:00:00Z'), label: '2024-03-03', like: 0, dislike: 1, click: 0 },
    ]);
    expect(tl.totals).toEqual({ like: 2, dislike: 1, click: 1 });
  });

  it('switches to Monday-based weeks past 62 days and to months past 104 weeks', () => {
    expect(chooseBucket(t('2024-01-01T00:00Z'), t('2024-03-02T12:00Z'))).toBe('day'); // 62 days
    expect(chooseBucket(t('2024-01-01T00:00Z'), t('2024-03-03T12:00Z'))).toBe('week'); // 63 days
    expect(chooseBucket(t('2022-01-01T00:00Z'), t('2023-12-29T00:00Z'))).toBe('week'); // 728 days
    expect(chooseBucket(t('2022-01-01T00:00Z'), t('2024-01-01T00:00Z'))).toBe('month');
    // 2024-03-03 is a Sunday: its week starts on Monday 2024-02-26.
    expect(bucketStart(t('2024-03-03T18:00:00Z'), 'week')).toBe(t('2024-02-26T00:00:00Z'));
    expect(bucketStart(t('2024-03-04T00:00:00Z'), 'week')).toBe(t('2024-03-04T00:00:00Z'));
  });

  it('buckets by week and month with labels', () => {
    const events: FeedbackEvent[] = [
      { movieId: 1, kind: 'like', at: t('2024-01-01T00:00:00Z') },
      { movieId: 1, kind: 'click', at: t('2024-01-07T23:00:00Z') },
      { movieId: 1, kind: 'click', at: t('2024-01-08T00:00:00Z') },
    ];
    const weeks = feedbackTimeline(events, { bucket: 'week' });
    expect(weeks.points.map((p) => [p.label, p.like, p.click])).toEqual([
      ['2024-01-01', 1, 1],
      ['2024-01-08', 0, 1],
    ]);
    const months = feedbackTimeline([...events, { movieId: 2, kind: 'dislike', at: t('2024-03-31T23:00:00Z') }], { bucket: 'month' });
    expect(months.points.map((p) => [p.label, p.like + p.click + p.dislike])).toEqual([
      ['2024-01', 3],
      ['2024-02', 0],
      ['2024-03', 1],
    ]);
  });

  it('is empty for no events', () => {
    expect(feedbackTimeline([])).toEqual({ bucket: 'day', points: [], totals: { like: 0, dislike: 0, click: 0 } });
  });
});

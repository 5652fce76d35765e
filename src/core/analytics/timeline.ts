/**
 * Feedback over time: likes, dislikes and clicks per calendar day, ISO week (Monday start) or month
 * in the local time zone, with empty buckets filled in so the axis is continuous. The bucket is
 * chosen from the span of the events so a chart has at most a few dozen bars.
 */
import type { FeedbackEvent, FeedbackKind } from './events';

export type TimeBucket = 'day' | 'week' | 'month';

export interface TimelineOptions {
  /** 'auto' picks by span: ≤ maxDays days → day, ≤ maxWeeks weeks → week, else month. */
  bucket: TimeBucket | 'auto';
  maxDays: number;
  maxWeeks: number;
}

export const DEFAULT_TIMELINE: TimelineOptions = { bucket: 'auto', maxDays: 62, maxWeeks: 104 };

export interface TimelinePoint {
  /** Start of the bucket (ms since the epoch, local midnight). */
  start: number;
  /** "2024-03-05" (day), "2024-03-04" (the Monday of a week) or "2024-03" (month). */
  label: string;
  like: number;
  dislike: number;
  click: number;
}

export interface Timeline {
  bucket: TimeBucket;
  points: TimelinePoint[];
  totals: Record<FeedbackKind, number>;
}

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Start of the bucket holding `t` (local time). */
export function bucketStart(t: number, bucket: TimeBucket): number {
  const d = new Date(t);
  if (bucket === 'month') return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
  const back = bucket === 'week' ? (d.getDay() + 6) % 7 : 0;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - back).getTime();
}

/** Start of the bucket after the one starting at `start`. */
function nextStart(start: number, bucket: TimeBucket): number {
  const d = new Date(start);
  if (bucket === 'month') return new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + (bucket === 'week' ? 7 : 1)).getTime();
}

/** The label of a bucket start. */
export function bucketLabel(start: number, bucket: TimeBucket): string {
  const d = new Date(start);
  const ym = `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
  return bucket === 'month' ? ym : `${ym}-${pad(d.getDate())}`;
}

/** The bucket for events spanning `first` … `last`. */
export function chooseBucket(first: number, last: number, options: Partial<TimelineOptions> = {}): TimeBucket {
  const o = { ...DEFAULT_TIMELINE, ...options };
  if (o.bucket !== 'auto') return o.bucket;
  const days = Math.round((bucketStart(last, 'day') - bucketStart(first, 'day')) / DAY) + 1;
  if (days <= o.maxDays) return 'day';
  if (days <= o.maxWeeks * 7) return 'week';
  return 'month';
}

/** Counts events per bucket, from the first event's bucket to the last one's. */
export function feedbackTimeline(events: readonly FeedbackEvent[], options: Partial<TimelineOptions> = {}): Timeline {
  const totals: Record<FeedbackKind, number> = { like: 0, dislike: 0, click: 0 };
  if (!events.length) return { bucket: options.bucket && options.bucket !== 'auto' ? options.bucket : 'day', points: [], totals };
  let first = Infinity;
  let last = -Infinity;
  for (const e of events) {
    if (e.at < first) first = e.at;
    if (e.at > last) last = e.at;
  }
  const bucket = chooseBucket(first, last, options);
  const points: TimelinePoint[] = [];
  const index = new Map<number, TimelinePoint>();
  const end = bucketStart(last, bucket);
  for (let s = bucketStart(first, bucket); s <= end; s = nextStart(s, bucket)) {
    const p: TimelinePoint = { start: s, label: bucketLabel(s, bucket), like: 0, dislike: 0, click: 0 };
    points.push(p);
    index.set(s, p);
  }
  for (const e of events) {
    index.get(bucketStart(e.at, bucket))![e.kind]++;
    totals[e.kind]++;
  }
  return { bucket, points, totals };
}

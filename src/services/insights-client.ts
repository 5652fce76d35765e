/**
 * The Insights page's bridge to workers/insights.worker.ts: starts the worker on first use, sends
 * only the fields the core reads, and stops the worker after a while without calls.
 */
import { wrap, type Remote } from 'comlink';
import type { AnalyticsResult, RewardPoint, WeightSnapshot } from '../core/analytics';
import type { FeedbackEvent } from '../core/analytics/events';
import type { InsightsWorkerApi, TasteResult } from '../../workers/insights.worker';

export type { TasteResult } from '../../workers/insights.worker';
export type InsightsAnalytics = AnalyticsResult & { moodsError: string | null };

/** Where the Insights page reads the signed-in user's logged learning history (each optional). */
export interface InsightsHistory {
  weights?: () => Promise<readonly WeightSnapshot[]>;
  rewards?: () => Promise<readonly RewardPoint[]>;
}

/** Stop the worker (and free the community model) after this long without a call. */
const IDLE_MS = 5 * 60_000;

const strip = (events: readonly FeedbackEvent[]): FeedbackEvent[] => events.map((e) => ({ movieId: e.movieId, kind: e.kind, at: e.at }));

export class InsightsClient {
  #worker: Worker | undefined;
  #remote: Remote<InsightsWorkerApi> | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  #busy = 0;

  #start(): Remote<InsightsWorkerApi> {
    if (!this.#remote) {
      this.#worker = new Worker(new URL('../../workers/insights.worker.ts', import.meta.url), { type: 'module', name: 'insights' });
      this.#remote = wrap<InsightsWorkerApi>(this.#worker);
      const data = new URL('data/', new URL(import.meta.env.BASE_URL, location.href));
      void this.#remote.configure({
        catalogue: new URL('catalogue.json', data).href,
        ratings: new URL('ratings.bin', data).href,
        moods: new URL('moods.bin', data).href,
      });
    }
    return this.#remote;
  }

  async #call<T>(fn: (remote: Remote<InsightsWorkerApi>) => Promise<T>): Promise<T> {
    clearTimeout(this.#idle);
    this.#busy++;
    try {
      return await fn(this.#start());
    } finally {
      this.#busy--;
      if (this.#busy === 0) this.#idle = setTimeout(() => this.dispose(), IDLE_MS);
    }
  }

  /** Starts the worker and its downloads now (e.g. when the page mounts, before the events are read). */
  prepare(): void {
    void this.#call(async () => undefined);
  }

  /** Chart data for the user's events and logged learning history. */
  analytics(events: readonly FeedbackEvent[], history: { weights?: readonly WeightSnapshot[]; rewards?: readonly RewardPoint[] } = {}): Promise<InsightsAnalytics> {
    const input = { events: strip(events), ...(history.weights ? { weights: [...history.weights] } : {}), ...(history.rewards ? { rewards: [...history.rewards] } : {}) };
    return this.#call((r) => r.analytics(input));
  }

  /** The taste clusters and the user's place among them. */
  taste(events: readonly FeedbackEvent[]): Promise<TasteResult> {
    return this.#call((r) => r.taste(strip(events)));
  }

  /** Stops the worker; the next call starts a new one. */
  dispose(): void {
    clearTimeout(this.#idle);
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
  }
}

let shared: InsightsClient | undefined;

/** The page-wide client (one worker per tab). */
export function insightsClient(): InsightsClient {
  shared ??= new InsightsClient();
  return shared;
}

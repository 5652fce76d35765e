/**
 * The Insights page's side of workers/insights.worker.ts, over the one WorkerBridge: starts the
 * worker on first use (telling it where the data is), sends only the fields the core reads, and
 * stops the worker after a while without calls (freeing the community model).
 */
import type { Remote } from 'comlink';
import type { AnalyticsResult, RewardPoint, WeightSnapshot } from '../core/analytics';
import type { FeedbackEvent } from '../core/shared/feedback';
import type { InsightsWorkerApi, TasteResult } from '../../workers/insights.worker';
import { dataBaseUrl } from './data';
import { WorkerBridge } from './bridge/bridge';

export type { TasteResult } from '../../workers/insights.worker';
export type InsightsAnalytics = AnalyticsResult & { moodsError: string | null };

/** Stop the worker (and free the community model) after this long without a call. */
const IDLE_MS = 5 * 60_000;

const strip = (events: readonly FeedbackEvent[]): FeedbackEvent[] => events.map((e) => ({ movieId: e.movieId, kind: e.kind, at: e.at }));

export class InsightsClient {
  readonly #bridge = new WorkerBridge<InsightsWorkerApi>({
    name: 'insights',
    create: () => new Worker(new URL('../../workers/insights.worker.ts', import.meta.url), { type: 'module', name: 'insights' }),
    init: (r: Remote<InsightsWorkerApi>) => r.configure({ dataBase: dataBaseUrl() }),
    idleMs: IDLE_MS,
  });

  /** Starts the worker and its downloads now (e.g. when the page opens, before the events are read). */
  prepare(): void {
    void this.#bridge.call(async () => undefined).catch(() => undefined);
  }

  /** Chart data for the user's events and logged learning history. */
  analytics(events: readonly FeedbackEvent[], history: { weights?: readonly WeightSnapshot[]; rewards?: readonly RewardPoint[] } = {}, signal?: AbortSignal): Promise<InsightsAnalytics> {
    const input = { events: strip(events), ...(history.weights ? { weights: [...history.weights] } : {}), ...(history.rewards ? { rewards: [...history.rewards] } : {}) };
    return this.#bridge.call((r) => r.analytics(input), signal);
  }

  /** The taste clusters and the user's place among them. */
  taste(events: readonly FeedbackEvent[], signal?: AbortSignal): Promise<TasteResult> {
    return this.#bridge.call((r) => r.taste(strip(events)), signal);
  }

  /** Stops the worker; the next call starts a new one. */
  dispose(): void {
    this.#bridge.terminate();
  }
}

let shared: InsightsClient | undefined;

/** The page-wide client (one worker per tab). */
export function insightsClient(): InsightsClient {
  shared ??= new InsightsClient();
  return shared;
}

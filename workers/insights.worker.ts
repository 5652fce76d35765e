/**
 * Insights worker: loads the community data once and exposes the analytics and taste-cluster core
 * through comlink. Wiring only; every computation lives in src/core/analytics and src/core/clusters.
 */
import { expose } from 'comlink';
import { computeAnalytics, type AnalyticsResult, type InsightsInput } from '../src/core/analytics';
import type { FeedbackEvent } from '../src/core/analytics/events';
import { createCatalogue, type Catalogue } from '../src/core/catalogue/catalogue';
import { decodeCatalogueIndex, decodeRatings } from '../src/core/catalogue/codec';
import type { RatingsCOO } from '../src/core/catalogue/types';
import { assignTaste, buildTasteModel, summariseModel, type TasteAssignment, type TasteModel, type TasteOverview } from '../src/core/clusters';
import { decodeMoods } from '../src/core/mood/codec';
import type { MoodMatrix } from '../src/core/mood/profile';

/** Absolute URLs of the data files (the page knows the app's base; the worker's own URL is under assets/). */
export interface InsightsDataUrls {
  catalogue: string;
  ratings: string;
  moods: string;
}

/** The taste section of the page. */
export interface TasteResult {
  overview: TasteOverview;
  assignment: TasteAssignment;
  /** Milliseconds spent building the community model in this call (0 when it was already built). */
  buildMs: number;
}

interface Loaded {
  cat: Catalogue;
  moods: MoodMatrix | null;
  /** Why moods are missing, when they are. */
  moodsError: string | null;
}

let urls: InsightsDataUrls | undefined;
let base: Promise<Loaded> | undefined;
let ratings: Promise<RatingsCOO> | undefined;
let model: TasteModel | undefined;

async function fetchOk(url: string, what: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (cause) {
    throw new Error(`Could not load ${what}. Check your connection and reload.`, { cause });
  }
  if (!res.ok) throw new Error(`Could not load ${what} (HTTP ${res.status}).`);
  return res;
}

function need(): InsightsDataUrls {
  if (!urls) throw new Error('The insights worker was not configured.');
  return urls;
}

function loadBase(): Promise<Loaded> {
  base ??= (async () => {
    const u = need();
    const [catRes, moodsBytes] = await Promise.all([
      fetchOk(u.catalogue, 'the catalogue'),
      fetchOk(u.moods, 'the mood profiles').then(
        (r) => r.arrayBuffer(),
        (err: unknown) => err as Error,
      ),
    ]);
    const cat = createCatalogue(decodeCatalogueIndex(await catRes.json()));
    if (moodsBytes instanceof Error) return { cat, moods: null, moodsError: moodsBytes.message };
    try {
      return { cat, moods: decodeMoods(moodsBytes, { nMovies: cat.movies.length }), moodsError: null };
    } catch (err) {
      return { cat, moods: null, moodsError: err instanceof Error ? err.message : String(err) };
    }
  })();
  base.catch(() => (base = undefined));
  return base;
}

function loadRatings(): Promise<RatingsCOO> {
  ratings ??= fetchOk(need().ratings, 'the community ratings').then(async (r) => decodeRatings(await r.arrayBuffer()));
  ratings.catch(() => (ratings = undefined));
  return ratings;
}

const api = {
  /** Sets where the data files are; starts downloading them. */
  configure(next: InsightsDataUrls): void {
    urls = next;
    void loadBase().catch(() => undefined);
    void loadRatings().catch(() => undefined);
  },

  /** The chart data for the user's events and logged history. */
  async analytics(input: InsightsInput): Promise<AnalyticsResult & { moodsError: string | null }> {
    const { cat, moods, moodsError } = await loadBase();
    return { ...computeAnalytics(cat, moods, input), moodsError };
  },

  /** The community clusters and where the user's events place them (builds the model on first use). */
  async taste(events: readonly FeedbackEvent[]): Promise<TasteResult> {
    const [{ cat, moods }, coo] = await Promise.all([loadBase(), loadRatings()]);
    let buildMs = 0;
    if (!model) {
      // Let replies already computed (the charts' analytics) leave before this long synchronous build.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const t0 = performance.now();
      model = buildTasteModel({ movies: cat.movies, ratings: coo, moods });
      buildMs = performance.now() - t0;
    }
    return { overview: summariseModel(model), assignment: assignTaste(model, cat.movies, events), buildMs };
  },
};

/** What the page may call on this worker. */
export type InsightsWorkerApi = typeof api;

expose(api);

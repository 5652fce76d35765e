/**
 * Insights worker: loads the community data once (src/services/data, manifest-checked) and exposes
 * the analytics and taste-cluster core through comlink. Wiring only; every computation lives in
 * src/core/analytics and src/core/clusters.
 */
import { expose } from 'comlink';
import { computeAnalytics, type AnalyticsResult, type InsightsInput } from '../src/core/analytics';
import { createCatalogue, type Catalogue } from '../src/core/catalogue/catalogue';
import type { RatingsCOO } from '../src/core/catalogue/types';
import { assignTaste, buildTasteModel, summariseModel, type TasteAssignment, type TasteModel, type TasteOverview } from '../src/core/clusters';
import type { MoodMatrix } from '../src/core/mood/profile';
import type { FeedbackEvent } from '../src/core/shared/feedback';
import { widenRatings } from '../src/core/catalogue/extended';
import { loadCatalogueIndex, loadMoodMatrix, loadRatings, setDataBaseUrl } from '../src/services/data';
import { withWireErrors } from '../src/services/bridge/wire';

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

let base: Promise<Loaded> | undefined;
let ratings: Promise<RatingsCOO> | undefined;
let model: TasteModel | undefined;

function loadBase(): Promise<Loaded> {
  base ??= (async () => {
    const cat = createCatalogue(await loadCatalogueIndex());
    try {
      const moods = await loadMoodMatrix(cat.movies.length);
      return { cat, moods, moodsError: moods ? null : 'This build has no mood profiles.' };
    } catch (err) {
      return { cat, moods: null, moodsError: err instanceof Error ? err.message : String(err) };
    }
  })();
  base.catch(() => (base = undefined));
  return base;
}

function communityRatings(): Promise<RatingsCOO> {
  // Content-only entries (extended build) follow the rated movies, unrated.
  ratings ??= Promise.all([loadRatings(), loadBase()]).then(([r, b]) => widenRatings(r, b.cat.movies.length));
  ratings.catch(() => (ratings = undefined));
  return ratings;
}

const api = {
  /** Sets where the data files are (the page's `dataBaseUrl()`); starts downloading them. */
  configure(opts: { dataBase: string }): void {
    setDataBaseUrl(opts.dataBase);
    void loadBase().catch(() => undefined);
    void communityRatings().catch(() => undefined);
  },

  /** The chart data for the user's events and logged history. */
  async analytics(input: InsightsInput): Promise<AnalyticsResult & { moodsError: string | null }> {
    const { cat, moods, moodsError } = await loadBase();
    return { ...computeAnalytics(cat, moods, input), moodsError };
  },

  /** The community clusters and where the user's events place them (builds the model on first use). */
  async taste(events: readonly FeedbackEvent[]): Promise<TasteResult> {
    const [{ cat, moods }, coo] = await Promise.all([loadBase(), communityRatings()]);
    let buildMs = 0;
    if (!model) {
      const t0 = performance.now();
      model = buildTasteModel({ movies: cat.movies, ratings: coo, moods });
      buildMs = performance.now() - t0;
    }
    return { overview: summariseModel(model), assignment: assignTaste(model, cat.movies, events), buildMs };
  },
};

/** What the page may call on this worker. */
export type InsightsWorkerApi = typeof api;

expose(withWireErrors(api));

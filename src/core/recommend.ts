/**
 * The library API equivalent to the original service's `POST /recommend/`:
 * `recommend({ userInput, k }) → [{ movieId, title, score }]`, with the same parsing, encoder
 * similarity and hybrid ranking as the app. Pure: the encoder is injected.
 */
import type { Catalogue } from './catalogue/catalogue';
import type { CfModel } from './cf/model';
import type { EaseModel } from './topn/ease';
import { RecoEngine, type FeedbackEvent } from './engine/engine';
import { renderReasons } from './explain/reasons';
import { priorWeights, type HybridWeights } from './hybrid/weights';
import { parseQuery } from './query/parse';
import { scoreVectors } from './semantic/score';
import { assertSameEncoder, type VectorSet } from './semantic/vectors-file';

export interface RecommendRequest {
  userInput: string;
  /** Number of results (1–100, default 10). */
  k?: number;
}

export interface RecommendResult {
  movieId: number;
  title: string;
  year: number | null;
  genres: string[];
  /** In (0, 1): the hybrid ranker's probability-like score. */
  score: number;
  /** One honest sentence on why. */
  reason: string;
}

export interface RecommenderDeps {
  catalogue: Catalogue;
  vectors: VectorSet | null;
  moods: Float32Array | null;
  cf: CfModel;
  /** The top-N model for the CF feature (src/core/topn); without it the rating model's relevance is used. */
  ranking?: EaseModel | null;
  /** Embeds one text into a unit vector of the vectors' encoder. */
  embed: ((text: string) => Promise<Float32Array>) | null;
  encoderId: string | null;
  weights?: HybridWeights;
  /** The user's feedback, when there is one (personalises the ranking). */
  events?: readonly FeedbackEvent[];
}

/** A readable error for bad requests. */
export class RecommendError extends Error {
  constructor(
    readonly code: 'ERR_EMPTY_INPUT' | 'ERR_BAD_K',
    message: string,
  ) {
    super(message);
    this.name = 'RecommendError';
  }
}

/** Creates `recommend` over loaded data and an encoder. */
export function createRecommender(deps: RecommenderDeps): (req: RecommendRequest) => Promise<RecommendResult[]> {
  if (deps.vectors && deps.encoderId) assertSameEncoder(deps.vectors, deps.encoderId);
  const engine = new RecoEngine({ catalogue: deps.catalogue, moods: deps.moods }, deps.cf, deps.ranking ?? null);
  if (deps.events?.length) engine.setFeedback(deps.events, Date.now());
  const weights = deps.weights ?? priorWeights();
  return async ({ userInput, k = 10 }) => {
    const text = typeof userInput === 'string' ? userInput.trim() : '';
    if (!text) throw new RecommendError('ERR_EMPTY_INPUT', 'userInput must be a non-empty string describing what you want to watch');
    if (!Number.isInteger(k) || k < 1 || k > 100) throw new RecommendError('ERR_BAD_K', 'k must be a whole number from 1 to 100');
    const intent = parseQuery(text.slice(0, 300), { latestYear: deps.catalogue.latestYear });
    const residual = (intent.residual || intent.text).trim();
    const sims = deps.embed && deps.vectors && residual ? scoreVectors(deps.vectors, await deps.embed(residual)) : null;
    return engine.search(intent, sims, weights, k).map((r) => ({
      movieId: r.movie.id,
      title: r.movie.title,
      year: r.movie.year,
      genres: r.movie.genres,
      score: Math.round(r.score * 10000) / 10000,
      reason: renderReasons(r.reasons),
    }));
  };
}

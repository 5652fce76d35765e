/** Collaborative filtering: item-based KNNBaseline with a blended user–user term, fold-in scoring and cold-start rankings. */
export { fitBaselines, userBiasOf, type Baselines, type BaselineOptions } from './baseline';
export { CfError, type CfErrorCode } from './errors';
export { DEFAULT_FEEDBACK_MAPPING, feedbackToRatings, type ItemFeedbackEvent, type FeedbackMapping } from './feedback';
export {
  explainPrediction,
  foldInUser,
  predictRating,
  rankingScores,
  recommend,
  relevanceScores,
  scoreAllItems,
  similarItems,
  topContributor,
  type PredictionExplanation,
  type RankBy,
  type Recommendation,
  type UserProfile,
} from './foldin';
export { buildRatingMatrix, cooFromTriples, type RatingMatrix, type WeightedRating } from './matrix';
export { assertCfModel, CF_MODEL_VERSION, trainCf, userRatings, type CfModel } from './model';
export { DEFAULT_CF_OPTIONS, resolveCfOptions, SURPRISE_KNN_BASELINE, type CfOptions } from './options';
export { bayesianMean, overallMean, rankByPopularity, rankByQuality, type ItemStats, type QualityOptions } from './popularity';
export { itemNeighbours, residuals, type NeighbourLists, type NeighbourOptions } from './similarity';
export { TopK, topKIndices } from '../shared/topk';

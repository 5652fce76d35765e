/** Taste clusters: taste vectors, seeded k-means, silhouette selection of k, words and recommendations. */
export { ClusterError, type ClusterErrorCode } from './errors';
export { pointsFromRows, distanceMatrix, columnStats, type Points } from './points';
export { kmeans, nearestCentroid, canonicalOrder, DEFAULT_KMEANS, type KMeansOptions, type KMeansResult } from './kmeans';
export { silhouette, silhouetteFromDistances, type SilhouetteResult } from './silhouette';
export { selectK, DEFAULT_SELECT_K, type SelectKOptions, type SelectKResult, type KScore } from './select-k';
export {
  buildItemFeatures,
  featureBaseline,
  signalsFromEvents,
  signalsFromRatings,
  tasteVector,
  communityTasteVectors,
  DEFAULT_TASTE,
  type ItemFeatures,
  type MoodScores,
  type Signals,
  type TasteOptions,
} from './taste';
export { describeClusters, centroidLifts, DEFAULT_DESCRIBE, type ClusterDescription, type CharacteristicMovie, type DescribeInput, type DescribeOptions, type Lift } from './describe';
export { buildClusterItemStats, characteristicMovies, type ClusterItemStats } from './cluster-stats';
export { clusterRecommendations, DEFAULT_CLUSTER_RECS, type ClusterPick, type ClusterRecsOptions } from './recommend';
export { buildTasteModel, assignTaste, summariseModel, DEFAULT_TASTE_MODEL, type CommunityData, type TasteModel, type TasteModelOptions, type TasteAssignment, type TasteOverview } from './model';

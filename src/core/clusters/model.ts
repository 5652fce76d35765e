/**
 * The community taste model: taste vectors of the MovieLens members, k-means with k chosen by the
 * silhouette method, words for each cluster and per-cluster movie statistics. Local profiles are
 * built the same way and assigned to the nearest centroid (they do not move the clusters, so the
 * model is the same for everyone on every device and can be cached).
 */
import type { Genre, MovieIndexEntry, RatingsCOO } from '../catalogue/types';
import type { FeedbackEvent } from '../analytics/events';
import { buildClusterItemStats, characteristicMovies, type ClusterItemStats } from './cluster-stats';
import { describeClusters, type ClusterDescription, type DescribeOptions } from './describe';
import { ClusterError } from './errors';
import { nearestCentroid } from './kmeans';
import { columnStats, type Points } from './points';
import { clusterRecommendations, type ClusterPick, type ClusterRecsOptions } from './recommend';
import { selectK, type KScore, type SelectKOptions } from './select-k';
import {
  buildItemFeatures,
  communityTasteVectors,
  featureBaseline,
  signalsFromEvents,
  tasteVector,
  type ItemFeatures,
  type MoodScores,
  type TasteOptions,
} from './taste';

/** What the model is built from. */
export interface CommunityData {
  /** The catalogue in item order (ratings.item indexes it). */
  movies: readonly MovieIndexEntry[];
  ratings: RatingsCOO;
  /** Per-movie moods, or null when moods.bin is unavailable (genre-only vectors). */
  moods: MoodScores | null;
}

export interface TasteModelOptions {
  taste: Partial<TasteOptions>;
  selectK: Partial<SelectKOptions>;
  describe: Partial<DescribeOptions>;
  recs: Partial<ClusterRecsOptions>;
  /** Fewest movies with a non-zero signal before a local profile is placed in a cluster. */
  minLocalMovies: number;
}

export const DEFAULT_TASTE_MODEL: TasteModelOptions = { taste: {}, selectK: {}, describe: {}, recs: {}, minLocalMovies: 3 };

export interface TasteModel {
  options: TasteModelOptions;
  features: ItemFeatures;
  baseline: Float64Array;
  /** Community taste vectors (one row per member). */
  points: Points;
  k: number;
  /** The silhouette table over the k range. */
  scores: KScore[];
  labels: Int32Array;
  centroids: Float64Array;
  sizes: number[];
  clusters: ClusterDescription[];
  stats: ClusterItemStats;
  movieIndex: ReadonlyMap<number, number>;
}

/** Builds the community model (≈ 0.1–0.5 s for 610 members). Deterministic for the seed in `selectK`. */
export function buildTasteModel(data: CommunityData, options: Partial<TasteModelOptions> = {}): TasteModel {
  const o: TasteModelOptions = { ...DEFAULT_TASTE_MODEL, ...options };
  const { movies, ratings } = data;
  if (ratings.nItems !== movies.length) throw new ClusterError('ERR_CLUSTER_INPUT', `ratings cover ${ratings.nItems} items, the catalogue has ${movies.length}`);
  const features = buildItemFeatures(movies, data.moods);
  const itemCounts = new Float64Array(movies.length);
  for (let j = 0; j < ratings.item.length; j++) itemCounts[ratings.item[j]!]!++;
  const baseline = featureBaseline(features, itemCounts);
  const { points } = communityTasteVectors(ratings, features, baseline, o.taste);
  const sel = selectK(points, o.selectK);
  const { mean, std } = columnStats(points);
  const stats = buildClusterItemStats(ratings, sel.fit.labels, sel.k);
  const clusters = describeClusters(
    {
      k: sel.k,
      centroids: sel.fit.centroids,
      genres: features.genres as readonly Genre[],
      moods: features.moods,
      mean,
      std,
      characteristic: characteristicMovies(stats, movies),
    },
    o.describe,
  );
  return {
    options: o,
    features,
    baseline,
    points,
    k: sel.k,
    scores: sel.scores,
    labels: sel.fit.labels,
    centroids: sel.fit.centroids,
    sizes: sel.fit.sizes,
    clusters,
    stats,
    movieIndex: new Map(movies.map((m, i) => [m.id, i])),
  };
}

/** Where a local profile sits. */
export type TasteAssignment =
  | { status: 'assigned'; cluster: number; label: string; title: string; summary: string; similarity: number; movies: number; recommendations: ClusterPick[] }
  | { status: 'too-little'; movies: number; needed: number };

/**
 * Places a local profile (from its feedback events) in the nearest cluster and lists what the
 * cluster's members loved that the user has not rated. `similarity` is the cosine between the
 * profile and the centroid.
 */
export function assignTaste(model: TasteModel, movies: readonly MovieIndexEntry[], events: readonly FeedbackEvent[]): TasteAssignment {
  const signals = signalsFromEvents(events, model.movieIndex, model.options.taste);
  const count = signals.items.length;
  const vector = count >= model.options.minLocalMovies ? tasteVector(signals, model.features, model.baseline, model.options.taste) : null;
  if (!vector) return { status: 'too-little', movies: count, needed: model.options.minLocalMovies };
  const { cluster } = nearestCentroid(model.centroids, model.k, vector);
  const d = vector.length;
  let dot = 0;
  let cn = 0;
  for (let t = 0; t < d; t++) {
    dot += vector[t]! * model.centroids[cluster * d + t]!;
    cn += model.centroids[cluster * d + t]! ** 2;
  }
  const desc = model.clusters[cluster]!;
  const rated = new Set<number>();
  for (const e of events) if (e.kind === 'like' || e.kind === 'dislike') rated.add(e.movieId);
  return {
    status: 'assigned',
    cluster,
    label: desc.label,
    title: desc.title,
    summary: desc.summary,
    similarity: cn > 0 ? dot / Math.sqrt(cn) : 0,
    movies: count,
    recommendations: clusterRecommendations(model.stats, cluster, desc.label, movies, rated, model.options.recs),
  };
}

/** A plain, serialisable view of the model for the page: the silhouette table and the clusters in words. */
export interface TasteOverview {
  k: number;
  scores: KScore[];
  members: number;
  /** Whether mood profiles were part of the taste vectors. */
  usesMoods: boolean;
  clusters: (Pick<ClusterDescription, 'id' | 'label' | 'title' | 'summary' | 'characteristic'> & { size: number; share: number; genres: Genre[]; moods: string[] })[];
}

/** Summarises a model for display. */
export function summariseModel(model: TasteModel): TasteOverview {
  const members = model.points.n;
  return {
    k: model.k,
    scores: model.scores.map((s) => ({ ...s })),
    members,
    usesMoods: model.features.moods.length > 0,
    clusters: model.clusters.map((c) => ({
      id: c.id,
      label: c.label,
      title: c.title,
      summary: c.summary,
      characteristic: c.characteristic,
      size: model.sizes[c.id]!,
      share: members ? model.sizes[c.id]! / members : 0,
      genres: c.genres.slice(0, 3).map((g) => g.name),
      moods: c.moods.slice(0, 2).map((m) => m.name),
    })),
  };
}

/** Everything the Insights page charts, computed in one pass from the user's events and logged history. */
import type { Catalogue } from '../catalogue/catalogue';
import type { MovieIndexEntry } from '../catalogue/types';
import { topGenres, topMovies, type GenreCount, type MovieCount } from './community';
import { countKinds, currentOpinions, type FeedbackEvent, type FeedbackKind } from './events';
import { genreProfile, type GenreShare } from './genre-profile';
import { moodProfile, type MoodProfile, type MoodTable } from './mood-profile';
import { rewardSeries, weightSeries, type RewardPoint, type RewardSeries, type WeightSeries, type WeightSnapshot } from './series';
import { feedbackTimeline, type Timeline, type TimelineOptions } from './timeline';

/** What the page sends: the user's events and whatever learning history has been logged. */
export interface InsightsInput {
  events: readonly FeedbackEvent[];
  weights?: readonly WeightSnapshot[];
  rewards?: readonly RewardPoint[];
}

export interface AnalyticsOptions {
  timeline: Partial<TimelineOptions>;
  /** How many community genres and movies to list. */
  topGenres: number;
  topMovies: number;
  /** Points per learning curve, and the reward moving-average window. */
  maxSeriesPoints: number;
  rewardWindow: number;
}

export const DEFAULT_ANALYTICS: AnalyticsOptions = { timeline: {}, topGenres: 10, topMovies: 10, maxSeriesPoints: 200, rewardWindow: 20 };

export interface AnalyticsResult {
  counts: Record<FeedbackKind, number> & { liked: number; disliked: number; events: number };
  timeline: Timeline;
  genres: GenreShare[];
  /** Null when the build ships no mood profiles. */
  moods: MoodProfile | null;
  community: { genres: GenreCount[]; movies: MovieCount[]; ratings: number };
  weights: WeightSeries;
  rewards: RewardSeries;
}

/** Aggregates the user's events and history for the charts (pure; ≈ milliseconds for hundreds of events). */
export function computeAnalytics(cat: Catalogue, moods: MoodTable | null, input: InsightsInput, options: Partial<AnalyticsOptions> = {}): AnalyticsResult {
  const o = { ...DEFAULT_ANALYTICS, ...options };
  const events = input.events.filter((e) => cat.indexOf.has(e.movieId));
  const opinions = currentOpinions(events);
  const likedRows: number[] = [];
  const dislikedRows: number[] = [];
  for (const [id, op] of opinions) (op === 'like' ? likedRows : dislikedRows).push(cat.indexOf.get(id)!);
  likedRows.sort((a, b) => a - b);
  dislikedRows.sort((a, b) => a - b);
  const liked: MovieIndexEntry[] = likedRows.map((r) => cat.movies[r]!);
  return {
    counts: { ...countKinds(events), liked: likedRows.length, disliked: dislikedRows.length, events: events.length },
    timeline: feedbackTimeline(events, o.timeline),
    genres: genreProfile(liked, cat.movies),
    moods: moods ? moodProfile(moods, likedRows, dislikedRows) : null,
    community: { genres: topGenres(cat, o.topGenres), movies: topMovies(cat, o.topMovies), ratings: cat.movies.reduce((s, m) => s + m.n, 0) },
    weights: weightSeries(input.weights ?? [], o.maxSeriesPoints),
    rewards: rewardSeries(input.rewards ?? [], o.rewardWindow, o.maxSeriesPoints),
  };
}

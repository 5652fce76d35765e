/** Analytics for the Insights page: feedback over time, genre and mood profiles, community tops, learning curves. */
export { currentOpinions, countKinds, type FeedbackEvent, type FeedbackKind } from './events';
export { feedbackTimeline, chooseBucket, bucketStart, bucketLabel, DEFAULT_TIMELINE, type Timeline, type TimelinePoint, type TimeBucket, type TimelineOptions } from './timeline';
export { genreProfile, communityGenreCounts, type GenreShare } from './genre-profile';
export { moodProfile, meanMood, type MoodProfile, type MoodTable } from './mood-profile';
export { topGenres, topMovies, type GenreCount, type MovieCount } from './community';
export { weightSeries, rewardSeries, thinIndices, type WeightSnapshot, type RewardPoint, type WeightSeries, type RewardSeries } from './series';
export { computeAnalytics, DEFAULT_ANALYTICS, type AnalyticsResult, type AnalyticsOptions, type InsightsInput } from './insights';

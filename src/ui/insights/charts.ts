/** Turns the worker's analytics into chart views: spec, one-sentence summary, data table, empty state. */
import type { AnalyticsResult } from '../../core/analytics';
import { FEATURE_LABELS } from '../../core/hybrid/weights';
import { moodById, type MoodId } from '../../core/mood/moods';
import { groupDigits } from '../../core/shared/digits';
import type { ChartView } from './spec';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const pct1 = (x: number) => Math.round(x * 1000) / 10;
const num = groupDigits;
const plural = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;
const withYear = (title: string, year: number | null) => (year ? `${title} (${year})` : title);
const when = (at: number) => new Date(at).toLocaleString('en', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const moodLabel = (id: MoodId) => moodById(id).label;

const BUCKET_WORD = { day: 'Day', week: 'Week of', month: 'Month' } as const;

/** Feedback per day/week/month, stacked by kind. */
export function timelineChart(a: AnalyticsResult): ChartView {
  const { bucket, points, totals } = a.timeline;
  const labels = points.map((p) => (bucket === 'week' ? `Week of ${p.label}` : p.label));
  const busiest = points.reduce<(typeof points)[number] | null>((best, p) => (!best || p.like + p.dislike + p.click > best.like + best.dislike + best.click ? p : best), null);
  const span = points.length ? `from ${points[0]!.label} to ${points[points.length - 1]!.label}` : '';
  return {
    id: 'timeline',
    title: 'Your feedback over time',
    note: points.length ? `Per ${bucket}, in your time zone.` : undefined,
    summary: points.length
      ? `Stacked bar chart of your feedback per ${bucket} ${span}: ${plural(totals.like, 'like')}, ${plural(totals.dislike, 'dislike')} and ${plural(totals.click, 'click')}. Busiest ${bucket}: ${busiest!.label} with ${plural(busiest!.like + busiest!.dislike + busiest!.click, 'event')}.`
      : 'No feedback yet.',
    empty: points.length ? null : 'No feedback yet. Like, dislike or open a few movies and your activity will appear here.',
    spec: {
      type: 'bar',
      labels,
      stacked: true,
      datasets: [
        { label: 'Likes', data: points.map((p) => p.like), color: 'ok' },
        { label: 'Dislikes', data: points.map((p) => p.dislike), color: 'danger' },
        { label: 'Clicks', data: points.map((p) => p.click), color: 'focus' },
      ],
      valueAxis: { title: 'Events', integer: true },
    },
    table: {
      caption: `Feedback per ${bucket}`,
      columns: [BUCKET_WORD[bucket], 'Likes', 'Dislikes', 'Clicks'],
      rows: [...points.map((p) => [p.label, p.like, p.dislike, p.click]), ['Total', totals.like, totals.dislike, totals.click]],
    },
  };
}

/** Share of the user's likes per genre next to the community's share of ratings. */
export function genreChart(a: AnalyticsResult): ChartView {
  const rows = a.genres.filter((g) => g.likedShare > 0 || g.communityShare >= 0.01);
  const top = rows.filter((g) => g.likedShare > 0).slice(0, 2);
  const liked = a.counts.liked;
  return {
    id: 'genres',
    title: 'Your genres vs the community',
    height: 120 + rows.length * 22,
    note: 'Share of your liked movies in each genre, next to the share of MovieLens ratings. A movie can have several genres.',
    summary: liked
      ? `Grouped bar chart of genres. Your likes lean most towards ${top.map((g) => `${g.genre} (${pct(g.likedShare)} of your likes vs ${pct(g.communityShare)} of community ratings)`).join(' and ')}.`
      : 'No likes yet.',
    empty: liked ? null : 'Like a few movies to compare your favourite genres with the community’s.',
    spec: {
      type: 'bar',
      horizontal: true,
      labels: rows.map((g) => g.genre),
      datasets: [
        { label: 'Your likes', data: rows.map((g) => pct1(g.likedShare)), color: 'accent' },
        { label: 'Community ratings', data: rows.map((g) => pct1(g.communityShare)), color: 'muted' },
      ],
      valueAxis: { percent: true, title: 'Share' },
    },
    table: {
      caption: `Genres of your ${plural(liked, 'liked movie')} and of ${num(a.community.ratings)} community ratings`,
      columns: ['Genre', 'Your likes', 'Share of your likes', 'Share of community ratings'],
      rows: a.genres.map((g) => [g.genre, g.liked, pct(g.likedShare), pct(g.communityShare)]),
    },
  };
}

/** Mean mood profile of liked vs disliked movies. */
export function moodChart(a: AnalyticsResult, moodsError: string | null): ChartView {
  const m = a.moods;
  const base = { id: 'moods', title: 'The moods of what you like', note: 'Average mood score (0–1) of the movies you liked and disliked.', height: 380 };
  const emptySpec = { type: 'bar' as const, labels: [], datasets: [] };
  const emptyTable = { caption: 'Mood scores', columns: ['Mood', 'Liked', 'Disliked'], rows: [] };
  if (!m) {
    const empty = `Mood profiles are not available in this version of the data${moodsError ? ` (${moodsError})` : ''}.`;
    return { ...base, summary: empty, empty, spec: emptySpec, table: emptyTable };
  }
  if (!m.liked && !m.disliked) {
    return { ...base, summary: 'No likes or dislikes yet.', empty: 'Like or dislike a few movies to see which moods you go for.', spec: emptySpec, table: emptyTable };
  }
  const labels = m.moods.map(moodLabel);
  const strongest = (v: number[] | null) =>
    v
      ? m.moods
          .map((id, i) => ({ id, v: v[i]! }))
          .sort((x, y) => y.v - x.v)
          .slice(0, 2)
          .map((x) => `${moodLabel(x.id)} (${x.v.toFixed(2)})`)
          .join(' and ')
      : '';
  const parts = [];
  if (m.liked) parts.push(`movies you liked are most ${strongest(m.liked)}`);
  if (m.disliked) parts.push(`movies you disliked are most ${strongest(m.disliked)}`);
  const datasets = [];
  if (m.liked) datasets.push({ label: `Liked (${m.nLiked})`, data: m.liked.map((v) => Math.round(v * 100) / 100), color: 'ok' as const });
  if (m.disliked) datasets.push({ label: `Disliked (${m.nDisliked})`, data: m.disliked.map((v) => Math.round(v * 100) / 100), color: 'danger' as const });
  return {
    ...base,
    summary: `Grouped bar chart of mood scores: ${parts.join('; ')}.`,
    empty: null,
    spec: { type: 'bar', horizontal: true, labels, datasets, valueAxis: { min: 0, max: 1, title: 'Mood score' } },
    table: {
      caption: `Average mood scores of ${plural(m.nLiked, 'liked movie')} and ${plural(m.nDisliked, 'disliked movie')}`,
      columns: ['Mood', 'Liked', 'Disliked'],
      rows: m.moods.map((id, i) => [moodLabel(id), m.liked ? m.liked[i]!.toFixed(2) : '—', m.disliked ? m.disliked[i]!.toFixed(2) : '—']),
    },
  };
}

/** The community's most rated genres. */
export function communityGenresChart(a: AnalyticsResult): ChartView {
  const g = a.community.genres;
  return {
    id: 'community-genres',
    title: 'Most rated genres in the community',
    height: 120 + g.length * 22,
    note: `Share of the ${num(a.community.ratings)} MovieLens ratings given to movies of each genre.`,
    summary: g.length
      ? `Bar chart: ${g[0]!.genre} is the most rated genre (${pct(g[0]!.share)} of community ratings), then ${g
          .slice(1, 3)
          .map((x) => `${x.genre} (${pct(x.share)})`)
          .join(' and ')}.`
      : 'No community ratings.',
    empty: g.length ? null : 'The community ratings are not loaded.',
    spec: { type: 'bar', horizontal: true, labels: g.map((x) => x.genre), datasets: [{ label: 'Share of ratings', data: g.map((x) => pct1(x.share)), color: 'accent' }], valueAxis: { percent: true } },
    table: { caption: 'Community ratings per genre', columns: ['Genre', 'Ratings', 'Share'], rows: g.map((x) => [x.genre, num(x.ratings), pct(x.share)]) },
  };
}

/** The community's most rated movies. */
export function communityMoviesChart(a: AnalyticsResult): ChartView {
  const m = a.community.movies;
  return {
    id: 'community-movies',
    title: 'Most rated movies in the community',
    height: 120 + m.length * 22,
    summary: m.length
      ? `Bar chart: the most rated movie is ${withYear(m[0]!.title, m[0]!.year)} with ${num(m[0]!.ratings)} ratings, then ${m
          .slice(1, 3)
          .map((x) => `${x.title} (${num(x.ratings)})`)
          .join(' and ')}.`
      : 'No community ratings.',
    empty: m.length ? null : 'The community ratings are not loaded.',
    spec: { type: 'bar', horizontal: true, labels: m.map((x) => x.title), datasets: [{ label: 'Ratings', data: m.map((x) => x.ratings), color: 'focus' }], valueAxis: { integer: true, title: 'Ratings' } },
    table: { caption: 'Most rated movies', columns: ['Movie', 'Ratings', 'Mean rating'], rows: m.map((x) => [withYear(x.title, x.year), num(x.ratings), `${x.mean.toFixed(1)} ★`]) },
  };
}

const DASHES = [[], [6, 3], [2, 3], [8, 3, 2, 3], [12, 4], [3, 6]];
const LINE_COLOURS = ['accent', 'ok', 'warn', 'focus', 'danger', 'muted'] as const;

/** How the hybrid ranker's weights moved. */
export function weightsChart(a: AnalyticsResult): ChartView {
  const { features, points } = a.weights;
  const first = points[0];
  const last = points[points.length - 1];
  let moved = '';
  if (first && last && points.length > 1) {
    const change = features.map((f, i) => ({ f, from: first.values[i]!, to: last.values[i]! })).sort((x, y) => Math.abs(y.to - y.from) - Math.abs(x.to - x.from))[0]!;
    moved = ` The biggest change: “${FEATURE_LABELS[change.f]}” went from ${change.from.toFixed(2)} to ${change.to.toFixed(2)}.`;
  }
  return {
    id: 'weights',
    title: 'How your ranking weights evolved',
    note: 'The weight the ranker gives each signal, learned from your reactions to recommendations.',
    summary: points.length ? `Line chart of ${features.length} ranking weights over ${plural(points.length, 'snapshot')}.${moved}` : 'No weight history yet.',
    empty: points.length ? null : 'The ranker has not learned from your reactions yet; its weights will appear here once it has.',
    spec: {
      type: 'line',
      // One point per update: the update's number is a distinct label (times repeat within a minute).
      labels: points.map((p) => String(p.updates)),
      datasets: features.map((f, i) => ({ label: FEATURE_LABELS[f], data: points.map((p) => Math.round(p.values[i]! * 1000) / 1000), color: LINE_COLOURS[i % LINE_COLOURS.length]!, dash: DASHES[i % DASHES.length]! })),
      valueAxis: { title: 'Weight' },
      categoryAxis: { title: 'Updates learned' },
    },
    table: {
      caption: 'Ranking weights over time',
      columns: ['When', 'Updates', ...features.map((f) => FEATURE_LABELS[f])],
      rows: points.map((p) => [when(p.at), p.updates, ...p.values.map((v) => v.toFixed(2))]),
    },
  };
}

/** How the bandit's reward evolved. */
export function rewardChart(a: AnalyticsResult): ChartView {
  const { points, total } = a.rewards;
  const last = points[points.length - 1];
  return {
    id: 'reward',
    title: 'How the recommender’s reward evolved',
    note: 'Reward per recommendation round (like, click or skip), as a running average and over the last 20 rounds.',
    summary: last
      ? `Line chart of reward over ${plural(total.rounds, 'round')}: average ${total.mean.toFixed(2)}, last rounds ${last.recent.toFixed(2)}; ${pct(total.explored / total.rounds)} of rounds explored.`
      : 'No reward history yet.',
    empty: last ? null : 'No recommendation rounds have been recorded yet. Use the recommendations for a while and the reward will appear here.',
    spec: {
      type: 'line',
      labels: points.map((p) => String(p.n)),
      datasets: [
        { label: 'Running average', data: points.map((p) => Math.round(p.mean * 1000) / 1000), color: 'accent' },
        { label: 'Last 20 rounds', data: points.map((p) => Math.round(p.recent * 1000) / 1000), color: 'focus', dash: [6, 3] },
      ],
      valueAxis: { title: 'Reward' },
      categoryAxis: { title: 'Round' },
    },
    table: {
      caption: `Reward over ${plural(total.rounds, 'round')} (explored: ${num(total.explored)}${total.exploredMean !== null ? `, average ${total.exploredMean.toFixed(2)}` : ''}; exploited average ${total.exploitedMean !== null ? total.exploitedMean.toFixed(2) : '—'})`,
      columns: ['Round', 'Cumulative reward', 'Running average', 'Last 20 rounds'],
      rows: points.map((p) => [p.n, p.cumulative.toFixed(2), p.mean.toFixed(2), p.recent.toFixed(2)]),
    },
  };
}

/**
 * The hybrid ranker: scores every catalogue item on semantic similarity, genre match, mood match,
 * collaborative filtering, a quality prior and freshness of the user's recent feedback, with the
 * user's learned weights, applies the query's hard filters, and explains each result by the parts
 * of the score that really counted.
 */
import type { Catalogue } from '../catalogue/catalogue';
import { TOP_RATED_PRIOR_WEIGHT, dampedMean, qualityPrior } from '../catalogue/rows';
import type { MovieIndexEntry } from '../catalogue/types';
import { CONTENT_DIMS, topicKey, withinLimits, type ContentData } from '../content/limits';
import type { Reason } from '../explain/reasons';
import { moodMatch } from '../mood/match';
import { MOOD_IDS, MOOD_INDEX } from '../mood/moods';
import { genreMatch } from '../query/genre-match';
import type { QueryIntent } from '../query/types';
import { HYBRID_FEATURES, contributions, logit, sigmoid, type FeatureValues, type HybridWeights } from './weights';

/** Per-item signals from the collaborative-filtering model for one user. */
export interface CfSignals {
  /** Top-N relevance per item index (≥ 0; see cf/foldin `relevanceScores`); scaled by its maximum. */
  relevance: Float32Array;
  /** The liked item (index) that contributed most to item i's relevance, −1 if none. */
  because?: (i: number) => number;
  /** Whether the user has any feedback (false: cold start, the CF feature is off). */
  personalised: boolean;
}

export interface RankInput {
  catalogue: Catalogue;
  /** Parsed query, or null for a query-less row (e.g. "Top picks for you"). */
  intent: QueryIntent | null;
  /** Cosine similarity of the query to each item's description (aligned with the catalogue). */
  semantic?: Float32Array | null;
  /** Mood profile of item i: `moods[i * MOOD_IDS.length + m]` in [0, 1]. */
  moods?: Float32Array | Uint8Array | null;
  /** Scale of `moods` values (255 for the uint8 file). */
  moodScale?: number;
  cf?: CfSignals | null;
  /** Freshness of the user's recent feedback for each item, in [0, 1]. */
  fresh?: Float32Array | null;
  /** The recent liked item (index) behind each item's freshness, −1 if none. */
  freshSource?: Int32Array | null;
  weights: HybridWeights;
  /** Content levels and topics (content.json); without them content limits and topics are not applied. */
  content?: ContentData | null;
  /**
   * For "like <title>" queries: similarity of each item to the asked title in [0, 1] (content and
   * collaborative signal), used as the query-match feature in place of text similarity.
   */
  like?: Float32Array | null;
  /** Below this many qualifying movies a year range or topic is relaxed (default CONSTRAINT_MIN). */
  constraintMin?: number;
  /** Movie ids never to return (e.g. disliked, or already liked for rows; content-only entries in Top picks). */
  exclude?: Pick<ReadonlySet<number>, 'has'>;
  k: number;
  /** Minimum contribution (log-odds) for a feature to be named as a reason. */
  reasonThreshold?: number;
}

export interface RankedItem {
  movie: MovieIndexEntry;
  index: number;
  /** Probability-like score in (0, 1). */
  score: number;
  features: FeatureValues;
  reasons: Reason[];
}

/** Maps raw cosine similarities to [0, 1]: 0 at the catalogue mean, 1 at the best match. */
export function normaliseSemantic(sims: Float32Array): Float32Array {
  const n = sims.length;
  if (n === 0) return new Float32Array(0);
  let sum = 0;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    sum += sims[i]!;
    if (sims[i]! > max) max = sims[i]!;
  }
  const mean = sum / n;
  const span = max - mean;
  const out = new Float32Array(n);
  if (!(span > 1e-9)) return out;
  for (let i = 0; i < n; i++) out[i] = Math.max(0, (sims[i]! - mean) / span);
  return out;
}

/** Which of the query's hard constraints to apply (a constraint too narrow to fill a page is relaxed). */
export interface Constraints {
  years: boolean;
  /** Topic words ("heist") that filter, as catalogue-index sets. */
  topics: ReadonlySet<number>[];
  /** Topics ruled out ("no zombies"). */
  avoidTopics?: ReadonlySet<number>[];
}

/** True when the movie passes the query's hard filters: excluded genres, years, people, content limits. */
export function passesFilters(intent: QueryIntent | null, m: MovieIndexEntry, i = -1, content: ContentData | null = null, use: Constraints = { years: true, topics: [] }): boolean {
  if (!intent) return true;
  if (genreMatch(intent.genres, m.genres).excluded) return false;
  const y = intent.years;
  if (y && use.years) {
    if (m.year === null) return false;
    if (y.from !== undefined && m.year < y.from) return false;
    if (y.to !== undefined && m.year > y.to) return false;
  }
  if (intent.like && intent.like.movieId === m.id) return false;
  if (intent.people?.length && !intent.people.every((p) => p.movieIds.includes(m.id))) return false;
  if (i >= 0 && content) {
    if (intent.limits?.length && !withinLimits(content.levels, i, intent.limits)) return false;
    for (const t of use.topics) if (!t.has(i)) return false;
    for (const t of use.avoidTopics ?? []) if (t.has(i)) return false;
  }
  return true;
}

/** Topic sets named by the query's wanted genre words ("heist", "zombie"). */
export function queryTopics(intent: QueryIntent | null, content: ContentData | null | undefined): { term: string; items: ReadonlySet<number> }[] {
  if (!intent || !content) return [];
  const out: { term: string; items: ReadonlySet<number> }[] = [];
  for (const sp of intent.spans) {
    if (sp.kind !== 'genre' || sp.negated) continue;
    const k = topicKey(content.topics, sp.text);
    if (k && !out.some((t) => t.term === k)) out.push({ term: k, items: content.topics.get(k)! });
  }
  return out;
}

/** Topic sets ruled out by negated topic words ("no zombies", "crime, no gangsters"). */
export function avoidedTopics(intent: QueryIntent | null, content: ContentData | null | undefined): ReadonlySet<number>[] {
  if (!intent || !content) return [];
  const out: ReadonlySet<number>[] = [];
  for (const a of intent.avoid) {
    const k = topicKey(content.topics, a);
    if (k) out.push(content.topics.get(k)!);
  }
  return out;
}

/** Below this many matching movies, a year range or topic stops being a filter (and the page says so). */
export const CONSTRAINT_MIN = 10;

const EMPTY_FEATURES = (): FeatureValues => ({ semantic: 0, genre: 0, mood: 0, cf: 0, quality: 0, fresh: 0 });

/** Computes the feature values of item `i`. */
export function itemFeatures(input: RankInput, i: number, sem: Float32Array | null, maxCount: number, maxRelevance: number): FeatureValues {
  const { catalogue, intent, moods, cf, fresh } = input;
  const m = catalogue.movies[i]!;
  const x = EMPTY_FEATURES();
  if (input.like) x.semantic = input.like[i]!;
  else if (sem) x.semantic = sem[i]!;
  if (intent) {
    x.genre = genreMatch(intent.genres, m.genres).score;
    if (moods && intent.moods.length) {
      const k = MOOD_IDS.length;
      const scale = input.moodScale ?? 1;
      const profile = new Float32Array(k);
      for (let j = 0; j < k; j++) profile[j] = moods[i * k + j]! / scale;
      x.mood = moodMatch(intent.moods, profile);
    }
  }
  if (cf?.personalised && maxRelevance > 0) {
    const r = cf.relevance[i]!;
    x.cf = Number.isFinite(r) ? Math.min(1, Math.max(0, r / maxRelevance)) : 0;
  }
  x.quality = qualityPrior(m, catalogue, maxCount);
  if (fresh) x.fresh = fresh[i]!;
  return x;
}

function reasonsFor(input: RankInput, i: number, x: FeatureValues, c: FeatureValues, topics: readonly { term: string; items: ReadonlySet<number> }[] = []): Reason[] {
  const t = input.reasonThreshold ?? 0.3;
  const { catalogue, intent, cf } = input;
  const m = catalogue.movies[i]!;
  const out: Reason[] = [];
  // What the query asked for explicitly comes first: the person, the title it resembles, the topic.
  for (const p of intent?.people ?? []) out.push({ kind: 'person', name: p.name, role: p.role });
  if (intent?.like) out.push({ kind: 'resembles', title: intent.like.title, genres: intent.like ? sharedGenres(catalogue, intent.like.movieId, m) : [] });
  for (const tp of topics) if (tp.items.has(i)) out.push({ kind: 'topic', term: tp.term });
  if (c.cf >= t && cf) {
    const j = cf.because?.(i) ?? -1;
    const liked = j >= 0 ? catalogue.movies[j] : undefined;
    out.push(liked ? { kind: 'liked-neighbour', movieId: liked.id, title: liked.title } : { kind: 'popular-with-similar' });
  }
  if (c.fresh >= t && input.freshSource) {
    const j = input.freshSource[i] ?? -1;
    const src = j >= 0 ? catalogue.movies[j] : undefined;
    if (src && !out.some((r) => r.kind === 'liked-neighbour' && r.movieId === src.id)) out.push({ kind: 'recent-taste', movieId: src.id, title: src.title });
  }
  if (intent) {
    if (!intent.like && c.semantic >= t && x.semantic >= 0.5) {
      const phrase = (intent.content || intent.residual).trim();
      if (phrase) out.push({ kind: 'semantic-match', phrase: phrase.length > 48 ? `${phrase.slice(0, 45)}…` : phrase });
    }
    if (c.genre >= t) {
      const matched = intent.genres.include.filter((g) => m.genres.includes(g));
      if (matched.length) out.push({ kind: 'genre-match', genres: matched });
    }
    if (c.mood >= t && input.moods) {
      const k = MOOD_IDS.length;
      const scale = input.moodScale ?? 1;
      const wanted = intent.moods.filter((w) => !w.negated && input.moods![i * k + MOOD_INDEX[w.mood]]! / scale >= 0.4).map((w) => w.mood);
      if (wanted.length) out.push({ kind: 'mood-match', moods: wanted });
    }
  }
  // "Highly rated" must be true, not merely a non-zero prior.
  const highlyRated = m.n >= 20 && dampedMean(m.mean, m.n, catalogue.globalMean, TOP_RATED_PRIOR_WEIGHT) >= 3.8;
  if (!out.some((r) => r.kind !== 'genre-match' && r.kind !== 'mood-match') && c.quality >= t && highlyRated) {
    out.push({ kind: 'quality', mean: m.mean, n: m.n });
  }
  return out;
}

function sharedGenres(catalogue: Catalogue, id: number, m: MovieIndexEntry): MovieIndexEntry['genres'] {
  const i = catalogue.indexOf.get(id);
  if (i === undefined) return [];
  const src = catalogue.movies[i]!.genres;
  return m.genres.filter((g) => src.includes(g) && g !== 'IMAX').slice(0, 2);
}

/**
 * Genres named in a query act as a filter (a movie must have at least one of them), unless fewer
 * than this many movies would pass — then they only reward, so a narrow request never comes back empty.
 */
export const GENRE_FILTER_MIN = 20;

/** What the ranking relaxed or could not satisfy, for the page to say so. */
export interface RankNotes {
  /** Constraints dropped because fewer than CONSTRAINT_MIN movies met them. */
  relaxed: ('years' | 'topic')[];
  /** How many movies met every hard constraint that was kept. */
  matching: number;
}

/** Ranks the catalogue for one query and user; returns the top `k` with features and reasons. */
export function rankHybrid(input: RankInput): RankedItem[] {
  return rankSearch(input).items;
}

/**
 * The ranking with notes. Explicit constraints (excluded genres, years, people, content limits,
 * topic words, wanted genres) decide which movies may appear; the scores (and with them the user's
 * taste) only order the movies that qualify.
 */
export function rankSearch(input: RankInput): { items: RankedItem[]; notes: RankNotes } {
  const { catalogue, intent, weights, exclude, k } = input;
  const content = input.content ?? null;
  const movies = catalogue.movies;
  const count = (use: Constraints, extra?: (m: MovieIndexEntry) => boolean) => {
    let pass = 0;
    for (let i = 0; i < movies.length; i++) {
      const m = movies[i]!;
      if (!exclude?.has(m.id) && passesFilters(intent, m, i, content, use) && (!extra || extra(m)) && ++pass >= 1e9) break;
    }
    return pass;
  };
  const relaxed: RankNotes['relaxed'] = [];
  const use: Constraints = { years: true, topics: [], avoidTopics: avoidedTopics(intent, content) };
  const min = input.constraintMin ?? CONSTRAINT_MIN;
  if (intent?.years && count(use) < min) {
    use.years = false;
    relaxed.push('years');
  }
  const topics = queryTopics(intent, content);
  if (topics.length) {
    const withTopics = { ...use, topics: topics.map((t) => t.items) };
    if (count(withTopics) >= min) use.topics = withTopics.topics;
    else relaxed.push('topic');
  }
  const wanted = intent?.genres.include ?? [];
  let genreFilter = wanted.length > 0;
  if (genreFilter) genreFilter = count(use, (m) => m.genres.some((g) => wanted.includes(g))) >= GENRE_FILTER_MIN;
  const sem = input.semantic ? normaliseSemantic(input.semantic) : null;
  let maxCount = 0;
  for (const m of movies) if (m.n > maxCount) maxCount = m.n;
  let maxRelevance = 0;
  if (input.cf?.personalised) for (const r of input.cf.relevance) if (r > maxRelevance) maxRelevance = r;
  // Score every item with the linear part only; keep a bounded top list.
  const scored: { i: number; z: number; x: FeatureValues }[] = [];
  let floor = -Infinity;
  let matching = 0;
  for (let i = 0; i < movies.length; i++) {
    const m = movies[i]!;
    if (exclude?.has(m.id) || !passesFilters(intent, m, i, content, use)) continue;
    if (genreFilter && !m.genres.some((g) => wanted.includes(g))) continue;
    matching++;
    const x = itemFeatures(input, i, sem, maxCount, maxRelevance);
    let z = logit(weights, x);
    // Within a limit, less is better: "not gory" puts the mildest first among equals.
    if (content && intent?.limits?.length) for (const l of intent.limits) z -= 0.3 * content.levels[i * CONTENT_DIMS.length + CONTENT_DIMS.indexOf(l.dim)]!;
    if (scored.length >= k * 4 && z <= floor) continue;
    scored.push({ i, z, x });
    if (scored.length >= k * 8) {
      scored.sort((a, b) => b.z - a.z);
      scored.length = k * 4;
      floor = scored[scored.length - 1]!.z;
    }
  }
  scored.sort((a, b) => b.z - a.z || movies[b.i]!.n - movies[a.i]!.n);
  const usedTopics = use.topics.length ? topics : [];
  const items = scored.slice(0, k).map(({ i, z, x }) => ({
    movie: movies[i]!,
    index: i,
    score: sigmoid(z),
    features: x,
    reasons: reasonsFor(input, i, x, contributions(weights, x), usedTopics),
  }));
  return { items, notes: { relaxed, matching } };
}

export { HYBRID_FEATURES };

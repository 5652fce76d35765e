/**
 * The recommendation engine for one user: the trained models plus that user's feedback (folded
 * in, no retraining), the catalogue and mood profiles, producing every ranked surface of the app.
 * Two models: the rating model (`CfModel`, KNN with baselines: predicted ratings, freshness
 * neighbours) and the top-N model (`EaseModel`, src/core/topn): when given, it ranks "Top picks"
 * (the hybrid ranker's CF feature), "Because you liked …", "More like this" and Discover's pool,
 * and explains them. Without it (older callers) the rating model's relevance does those jobs.
 * Content-only entries (extended catalogue: no community ratings) take no part in collaborative
 * filtering — feedback on them is kept and shown but never folded into either model — and stay out
 * of Top picks and "Because you liked" rows; search, "like <title>" and "More like this" reach them
 * by content (genres, moods, text).
 * Pure: data in, rankings out; the worker owns one instance.
 */
import type { Catalogue } from '../catalogue/catalogue';
import { isContentOnly } from '../catalogue/extended';
import type { MovieIndexEntry } from '../catalogue/types';
import { feedbackToRatings } from '../cf/feedback';
import type { FeedbackEvent, ItemFeedbackEvent } from '../shared/feedback';
import { foldInUser, relevanceScores, similarItems, topContributor, type UserProfile } from '../cf/foldin';
import { TopK } from '../shared/topk';
import type { CfModel } from '../cf/model';
import type { Reason } from '../explain/reasons';
import { easeRow, easeScores, type EaseModel, type Interaction } from '../topn/ease';
import { feedbackToInteractions } from '../topn/input';
import { Attribution, AttributionCache } from '../topn/explain';
import type { ContentData } from '../content/limits';
import { normaliseSemantic, rankHybrid, rankSearch, type CfSignals, type RankedItem, type RankNotes } from '../hybrid/rank';
import { MOOD_IDS } from '../mood/moods';
import { priorWeights, type HybridWeights } from '../hybrid/weights';
import type { QueryIntent } from '../query/types';

/** How `likeScores` weighs co-ratings, shared genres, mood profile and text similarity. */
const LIKE_WEIGHTS = {
  plain: { cf: 0.55, genre: 0.25, mood: 0.2, sem: 0 },
  withText: { cf: 0.45, genre: 0.2, mood: 0.15, sem: 0.2 },
} as const;

/**
 * Least content similarity for a content-only film to join a rated movie's "More like this": its
 * `likeScores` (genres and mood only, it has no co-ratings) over the most those can give — 1 is the
 * same genres (and mood profile); Free Guy (Action|Comedy|Sci-Fi) to The Matrix (Action|Sci-Fi|Thriller) is 0.5.
 */
export const MORE_LIKE_THIS_CONTENT_MIN = 0.5;

/** Neighbour lists kept per engine ("Because you liked" rows, "More like this"): a few recent items. */
const NEIGHBOURS_KEPT = 32;

export interface EngineData {
  catalogue: Catalogue;
  /** Mood profiles, `nItems × MOOD_IDS.length` in [0, 1], or null when not built. */
  moods: Float32Array | null;
  /** Content levels and topics, or null when not built (limits and topics are then not applied). */
  content?: ContentData | null;
}

/** A search answer: the ranked items and what the ranking had to relax. */
export interface SearchAnswer {
  items: RankedItem[];
  notes: RankNotes;
}

export type { FeedbackEvent };

export interface FreshnessOptions {
  /** Likes older than this do not count as recent (ms). */
  windowMs: number;
  /** Half-life of a like's influence (ms). */
  halfLifeMs: number;
}

export const DEFAULT_FRESHNESS: FreshnessOptions = { windowMs: 30 * 86_400_000, halfLifeMs: 3 * 86_400_000 };

export interface BecauseRow {
  source: MovieIndexEntry;
  items: RankedItem[];
}

/**
 * "Top picks" before any model is trained, for a user whose feedback gives the models nothing to
 * fold in (no event on a catalogue movie): then the CF feature is off and nothing is excluded, so
 * the ranking needs only the catalogue (quality prior) and is exactly what `RecoEngine.topPicks`
 * returns once the models are trained. Returns null when the feedback would personalise it (the
 * caller then waits for the models). The worker shows these while it trains on a first visit.
 */
export function topPicksWithoutModels(data: EngineData, events: readonly FeedbackEvent[], weights: HybridWeights, k: number): RankedItem[] | null {
  if (events.some((e) => data.catalogue.indexOf.has(e.movieId))) return null;
  return rankHybrid({ catalogue: data.catalogue, intent: null, moods: data.moods, cf: null, weights, exclude: notForRatedRows(data.catalogue, new Set()), k });
}

/** `rated` plus every content-only entry: rows that rank by community ratings leave them out. */
function notForRatedRows(catalogue: Catalogue, rated: ReadonlySet<number>): Pick<ReadonlySet<number>, 'has'> {
  return { has: (id: number) => rated.has(id) || isContentOnly(catalogue.movies[catalogue.indexOf.get(id) ?? -1] ?? { id }) };
}

export class RecoEngine {
  readonly #data: EngineData;
  readonly #model: CfModel;
  readonly #ranking: EaseModel | null;
  #profile: UserProfile;
  /** The user's feedback as the top-N model's input, and its liked part (for explanations). */
  #x: Interaction[] = [];
  #likedX: Interaction[] = [];
  #attribution: Attribution | null = null;
  /** What explanations reuse across feedback changes (a property of the top-N model: bounded, see AttributionCache). */
  readonly #explained: AttributionCache | null;
  #scores: Float64Array;
  #relevance: Float32Array;
  #events: FeedbackEvent[] = [];
  #liked: number[] = [];
  #disliked = new Set<number>();
  #fresh: Float32Array;
  #freshSource: Int32Array;
  /** Neighbour lists by item and size, most recently used last (see #neighbours). */
  readonly #near = new Map<number, readonly { item: number; similarity: number }[]>();

  constructor(data: EngineData, model: CfModel, ranking: EaseModel | null = null) {
    if (model.nItems !== data.catalogue.movies.length) {
      throw new Error(`CF model has ${model.nItems} items but the catalogue has ${data.catalogue.movies.length}: retrain`);
    }
    if (ranking && ranking.nItems !== data.catalogue.movies.length) {
      throw new Error(`Top-N model has ${ranking.nItems} items but the catalogue has ${data.catalogue.movies.length}: retrain`);
    }
    this.#data = data;
    this.#model = model;
    this.#ranking = ranking;
    this.#explained = ranking ? new AttributionCache(ranking) : null;
    this.#scores = new Float64Array(ranking ? ranking.nItems : 0);
    this.#profile = foldInUser(model, []);
    this.#relevance = new Float32Array(model.nItems);
    this.#fresh = new Float32Array(model.nItems);
    this.#freshSource = new Int32Array(model.nItems).fill(-1);
  }

  /** Whether the user has given any feedback the models can use. */
  get personalised(): boolean {
    return this.#ranking ? this.#x.length > 0 : this.#profile.items.length > 0;
  }

  /** Which model ranks the personal rows: 'ease' (the top-N model) or 'knn' (the rating model's relevance). */
  get rankingModel(): 'ease' | 'knn' {
    return this.#ranking ? 'ease' : 'knn';
  }

  /** Replaces the user's feedback and refolds them into the model (milliseconds, no retraining). */
  setFeedback(events: readonly FeedbackEvent[], now: number, fresh: FreshnessOptions = DEFAULT_FRESHNESS): void {
    const { indexOf } = this.#data.catalogue;
    this.#events = [...events];
    const mapped: ItemFeedbackEvent[] = [];
    for (const e of events) {
      const item = indexOf.get(e.movieId);
      if (item !== undefined) mapped.push({ item, kind: e.kind, at: e.at });
    }
    // Collaborative filtering sees only movies with community ratings.
    const { movies } = this.#data.catalogue;
    const cfMapped = mapped.filter((e) => !isContentOnly(movies[e.item]!));
    if (this.#ranking) {
      // Top-N model: exact EASE scores for the user's likes (+1), clicks (+¼), dislikes (−½), recent ones weighing more.
      this.#x = feedbackToInteractions(cfMapped);
      easeScores(this.#ranking, this.#x, this.#scores);
      for (let i = 0; i < this.#scores.length; i++) this.#relevance[i] = this.#scores[i]!;
    } else {
      this.#profile = foldInUser(this.#model, feedbackToRatings(cfMapped));
      relevanceScores(this.#model, this.#profile, this.#relevance);
    }
    for (let i = 0; i < movies.length; i++) if (isContentOnly(movies[i]!)) this.#relevance[i] = 0;

    // Current verdicts (the latest like/dislike per movie wins).
    const verdict = new Map<number, { kind: 'like' | 'dislike'; at: number }>();
    for (const e of mapped) if (e.kind !== 'click' && (verdict.get(e.item)?.at ?? -Infinity) <= e.at) verdict.set(e.item, { kind: e.kind, at: e.at });
    this.#liked = [...verdict].filter(([, v]) => v.kind === 'like').sort((a, b) => b[1].at - a[1].at).map(([i]) => i);
    this.#disliked = new Set([...verdict].filter(([, v]) => v.kind === 'dislike').map(([i]) => this.#data.catalogue.movies[i]!.id));
    const likedSet = new Set(this.#liked);
    this.#likedX = this.#x.filter((r) => likedSet.has(r.item));
    this.#attribution = this.#ranking && this.#explained ? new Attribution(this.#ranking, this.#likedX, this.#explained) : null;

    // Freshness: neighbours of recently liked items, decayed by the like's age.
    this.#fresh.fill(0);
    this.#freshSource.fill(-1);
    const { ptr, item, sim } = this.#model.neighbours;
    for (const j of this.#liked) {
      const age = now - verdict.get(j)!.at;
      if (age > fresh.windowMs) continue;
      const decay = Math.pow(0.5, Math.max(0, age) / fresh.halfLifeMs);
      for (let q = ptr[j]!; q < ptr[j + 1]! && q < ptr[j]! + 50; q++) {
        const v = Math.min(1, sim[q]!) * decay;
        const i = item[q]!;
        if (v > this.#fresh[i]!) {
          this.#fresh[i] = v;
          this.#freshSource[i] = j;
        }
      }
    }
  }

  /** Movie ids the user liked or disliked (left out of recommendation rows). */
  rated(): Set<number> {
    const out = new Set(this.#disliked);
    for (const j of this.#liked) out.add(this.#data.catalogue.movies[j]!.id);
    return out;
  }

  #cf(): CfSignals {
    const model = this.#model;
    const profile = this.#profile;
    const attribution = this.#attribution;
    return {
      relevance: this.#relevance,
      personalised: this.personalised,
      because: attribution ? (i) => attribution.top(i)?.item ?? -1 : (i) => topContributor(model, profile, i, 'relevance')?.item ?? -1,
    };
  }

  /** The liked movie (index) that contributed most to item i's CF score in the ranking model, −1 if none. */
  because(i: number): number {
    return this.#cf().because?.(i) ?? -1;
  }

  /** Item i's CF score for this user (EASE score with the top-N model, else KNN relevance). */
  cfScore(i: number): number {
    return this.#relevance[i]!;
  }

  /**
   * The `n` items most lifted by item j in the ranking model (EASE row B_j·, largest first), or
   * without it the rating model's Pearson-baseline neighbours.
   */
  #neighbours(j: number, n: number): readonly { item: number; similarity: number }[] {
    // A property of the models alone (not of the feedback): kept for the items asked last, so the
    // rows of earlier likes are not recomputed after every like.
    const key = j * 4096 + n;
    const hit = this.#near.get(key);
    if (hit) {
      this.#near.delete(key);
      this.#near.set(key, hit);
      return hit;
    }
    const near = this.#computeNeighbours(j, n);
    this.#near.set(key, near);
    if (this.#near.size > NEIGHBOURS_KEPT) this.#near.delete(this.#near.keys().next().value!);
    return near;
  }

  #computeNeighbours(j: number, n: number): { item: number; similarity: number }[] {
    if (!this.#ranking) return similarItems(this.#model, j, n);
    const row = easeRow(this.#ranking, j);
    const heap = new TopK(n);
    for (let i = 0; i < row.length; i++) if (row[i]! > 0) heap.push(row[i]!, i);
    const score = new Float64Array(heap.length);
    const index = new Uint32Array(heap.length);
    const count = heap.drain(score, index);
    return Array.from({ length: count }, (_, t) => ({ item: index[t]!, similarity: score[t]! }));
  }

  /** Ranks the catalogue for a parsed query; `semantic` holds cosine similarities when the encoder ran. */
  search(intent: QueryIntent, semantic: Float32Array | null, weights: HybridWeights, k: number): RankedItem[] {
    return this.searchPage(intent, semantic, weights, k).items;
  }

  /** `search` with notes on relaxed constraints (for the page to say so). */
  searchPage(intent: QueryIntent, semantic: Float32Array | null, weights: HybridWeights, k: number): SearchAnswer {
    const j = intent.like ? this.#data.catalogue.indexOf.get(intent.like.movieId) : undefined;
    return rankSearch({
      catalogue: this.#data.catalogue,
      intent,
      semantic,
      like: j === undefined ? null : this.likeScores(j, semantic),
      moods: this.#data.moods,
      content: this.#data.content ?? null,
      cf: this.#cf(),
      fresh: this.#fresh,
      freshSource: this.#freshSource,
      weights,
      exclude: this.#disliked,
      k,
    });
  }

  /**
   * How close every item is to item `j`, in [0, 1], for "movies like X": its collaborative
   * neighbours (people who rated one rated the other alike), shared genres (Jaccard), mood profile
   * (cosine) and, when given, the text similarity to X's description.
   */
  likeScores(j: number, semantic: Float32Array | null = null): Float32Array {
    const { movies } = this.#data.catalogue;
    const n = movies.length;
    const out = new Float32Array(n);
    const cf = new Float32Array(n);
    const pool = similarItems(this.#model, j, 300);
    const top = pool[0]?.similarity ?? 0;
    if (top > 0) for (const x of pool) cf[x.item] = Math.max(0, x.similarity / top);
    const gj = new Set(movies[j]!.genres.filter((g) => g !== 'IMAX'));
    const moods = this.#data.moods;
    const km = MOOD_IDS.length;
    let nj = 0;
    if (moods) for (let q = 0; q < km; q++) nj += moods[j * km + q]! ** 2;
    const sem = semantic ? normaliseSemantic(semantic) : null;
    const w = sem ? LIKE_WEIGHTS.withText : LIKE_WEIGHTS.plain;
    for (let i = 0; i < n; i++) {
      const g = movies[i]!.genres;
      let inter = 0;
      let size = 0;
      for (const x of g) {
        if (x === 'IMAX') continue;
        size++;
        if (gj.has(x)) inter++;
      }
      const union = gj.size + size - inter;
      const jac = union ? inter / union : 0;
      let mood = 0;
      if (moods && nj > 0) {
        let dot = 0;
        let ni = 0;
        for (let q = 0; q < km; q++) {
          dot += moods[i * km + q]! * moods[j * km + q]!;
          ni += moods[i * km + q]! ** 2;
        }
        mood = ni > 0 ? dot / Math.sqrt(ni * nj) : 0;
      }
      out[i] = w.cf * cf[i]! + w.genre * jac + w.mood * mood + (sem ? w.sem * sem[i]! : 0);
    }
    out[j] = 0;
    return out;
  }

  /** "Top picks for you": the hybrid ranking without a query; excludes rated movies. */
  topPicks(weights: HybridWeights, k: number): RankedItem[] {
    return rankHybrid({
      catalogue: this.#data.catalogue,
      intent: null,
      moods: this.#data.moods,
      cf: this.#cf(),
      fresh: this.#fresh,
      freshSource: this.#freshSource,
      weights,
      exclude: this.#notForRatedRows(this.rated()),
      k,
    });
  }

  #notForRatedRows(rated: ReadonlySet<number>): Pick<ReadonlySet<number>, 'has'> {
    return notForRatedRows(this.#data.catalogue, rated);
  }

  /**
   * Items like item `j`: its 60 nearest CF neighbours (people who rated one rated the other alike),
   * re-ranked by a blend with genre overlap (Jaccard), so "more like The Matrix" stays on topic
   * instead of listing every popular film its fans also watched.
   */
  #similar(j: number, n: number, skip: (i: number) => boolean, pool = this.#ranking ? 200 : 60): { item: number; similarity: number }[] {
    const { movies } = this.#data.catalogue;
    const gj = new Set(movies[j]!.genres);
    // With the ranking model, neighbours must share a genre with j: EASE's co-watch weights also
    // lift films that are merely popular with j's audience (Forrest Gump next to The Matrix).
    const onTopic = (i: number) => !this.#ranking || gj.size === 0 || movies[i]!.genres.some((g) => gj.has(g));
    // The first 60 that pass, in neighbour order (asking no more of `skip` than needed: it can be costly).
    const near: { item: number; similarity: number }[] = [];
    for (const x of this.#neighbours(j, pool)) {
      if (near.length === 60) break;
      if (onTopic(x.item) && !skip(x.item)) near.push(x);
    }
    const top = near[0]?.similarity ?? 0;
    // With EASE the pool (its 200 strongest co-watches that share a genre) already carries the CF
    // signal; the order then leans on genre overlap so a row titled by a film looks like it.
    const wGenre = this.#ranking ? 0.6 : 0.4;
    const scored = near.map((x) => {
      const g = movies[x.item]!.genres;
      const inter = g.filter((k) => gj.has(k)).length;
      const union = gj.size + g.length - inter;
      const jaccard = union ? inter / union : 0;
      return { item: x.item, similarity: x.similarity, key: (1 - wGenre) * (top > 0 ? x.similarity / top : 0) + wGenre * jaccard };
    });
    scored.sort((a, b) => b.key - a.key || a.item - b.item);
    return scored.slice(0, n).map(({ item, similarity }) => ({ item, similarity }));
  }

  /**
   * "Because you liked X" rows for the most recent likes: X's nearest neighbours, unrated ones only.
   * With the top-N model a movie joins X's row only if X is the liked movie that lifts it most
   * (the same attribution as the reasons on "Top picks"), so the title is literally true.
   */
  becauseYouLiked(rows: number, k: number): BecauseRow[] {
    const { movies } = this.#data.catalogue;
    const rated = this.rated();
    const out: BecauseRow[] = [];
    const attribution = this.#attribution;
    // A liked content-only film has no co-watch neighbours: its row would be empty.
    for (const j of this.#liked.filter((i) => !isContentOnly(movies[i]!)).slice(0, rows)) {
      const source = movies[j]!;
      const reason: Reason = { kind: 'liked-neighbour', movieId: source.id, title: source.title };
      const skip = attribution
        ? (i: number) => rated.has(movies[i]!.id) || isContentOnly(movies[i]!) || !attribution.isTop(i, j)
        : (i: number) => rated.has(movies[i]!.id) || isContentOnly(movies[i]!);
      const items = this.#similar(j, k, skip).map((n) => ({
          movie: movies[n.item]!,
          index: n.item,
          score: n.similarity,
          features: { semantic: 0, genre: 0, mood: 0, cf: n.similarity, quality: 0, fresh: 0 },
          reasons: [reason],
        }));
      if (items.length) out.push({ source, items });
    }
    return out;
  }

  /**
   * "More like this" for a movie page: item neighbours by community co-rating, disliked ones left
   * out. A content-only movie has no co-ratings: its neighbours are by content (`likeScores`:
   * shared genres and mood profile), from the whole catalogue. In an extended catalogue a rated
   * movie's list keeps its co-rated neighbours first and gives its last quarter to the content-only
   * films closest to it by content (those on topic: MORE_LIKE_THIS_CONTENT_MIN).
   */
  moreLikeThis(movieId: number, k: number): { movie: MovieIndexEntry; similarity: number }[] {
    const i = this.#data.catalogue.indexOf.get(movieId);
    if (i === undefined) return [];
    const { movies } = this.#data.catalogue;
    const byContent = (n: number, keep: (j: number) => boolean, min = 0) => {
      const scores = this.likeScores(i);
      // Without co-ratings the most a film can score is the genre and mood weights.
      const top = LIKE_WEIGHTS.plain.genre + (this.#data.moods ? LIKE_WEIGHTS.plain.mood : 0);
      const heap = new TopK(n);
      for (let j = 0; j < scores.length; j++) {
        if (j === i || !keep(j) || this.#disliked.has(movies[j]!.id)) continue;
        const s = scores[j]!;
        if (s > 0 && (min === 0 || s / top >= min - 1e-9)) heap.push(s, j);
      }
      const score = new Float64Array(heap.length);
      const index = new Uint32Array(heap.length);
      const count = heap.drain(score, index);
      return Array.from({ length: count }, (_, t) => ({ movie: movies[index[t]!]!, similarity: score[t]! }));
    };
    if (isContentOnly(movies[i]!)) return byContent(k, () => true);
    const rated = this.#similar(i, k, (j) => this.#disliked.has(movies[j]!.id)).map((n) => ({ movie: movies[n.item]!, similarity: n.similarity }));
    const slots = Math.floor(k / 4);
    if (slots === 0 || !this.#hasContentOnly) return rated;
    const extra = byContent(slots, (j) => isContentOnly(movies[j]!), MORE_LIKE_THIS_CONTENT_MIN);
    return [...rated.slice(0, k - extra.length), ...extra];
  }

  /** Whether the catalogue has content-only entries (an extended build). */
  get #hasContentOnly(): boolean {
    this.#contentOnlyKnown ??= this.#data.catalogue.movies.some(isContentOnly);
    return this.#contentOnlyKnown;
  }
  #contentOnlyKnown: boolean | undefined;

  /** The user's events as last set. */
  events(): readonly FeedbackEvent[] {
    return this.#events;
  }
}

export { priorWeights };

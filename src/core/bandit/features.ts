/**
 * The bandit's feature map: a context vector (the user and the moment), an action vector (the movie)
 * and a few linear features, laid out as one vector `[context | action | linear]` per candidate
 * (see `FeatureShape`). The model learns one weight per (context, action) pair — all interactions,
 * as Vowpal Wabbit's `-q ::` — so it can express "this user likes tense sci-fi in the evening"
 * rather than one weight for "follows their own taste". For G genres, E embedding and Mo mood
 * dimensions (C = 7 + G + E + Mo, A = 3 + G + E + Mo, L = 3; 38 × 34 + 3 = 1,295 weights for 19/8/4):
 *
 * | context (C)      | size | value                                                      |
 * |------------------|------|------------------------------------------------------------|
 * | bias             | 1    | 1 (so every action feature also has its own main effect)   |
 * | taste genre      | G    | the user's mean reaction per genre, in [−1, 1]             |
 * | taste embedding  | E    | direction of liked minus disliked embeddings, unit length  |
 * | taste mood       | Mo   | the user's mean reaction per mood, in [−1, 1]              |
 * | strength         | 1    | how much feedback backs the taste, in [0, 1)               |
 * | generosity       | 1    | the user's mean reaction, shrunk, in [−1, 1]               |
 * | time             | 4    | sin, cos of the hour; sin, cos of the weekday              |
 *
 * | action (A)       | size | value                                                      |
 * |------------------|------|------------------------------------------------------------|
 * | bias             | 1    | 1 (so every context feature also has its own main effect)  |
 * | genre            | G    | genre share: multi-hot / number of genres (sums to 1)      |
 * | embedding        | E    | the embedding slice scaled to unit length                  |
 * | mood             | Mo   | mood share: mood profile / its sum                         |
 * | popularity       | 1    | log(1+n)/log(1+max n), in [0, 1]                           |
 * | quality          | 1    | shrunk mean rating, (mean − 3.5)/1.5, about [−1, 1]         |
 *
 * | linear (L)       | size | value                                                      |
 * |------------------|------|------------------------------------------------------------|
 * | intent           | 3    | query intent · movie on genres, embedding (cosine), mood   |
 */
import { GENRES, type Genre, type MovieIndexEntry } from '../catalogue/types';
import { BanditError } from './errors';
import { norm } from '../shared/vector';
import type { FeatureShape } from './types';

/** Sizes of the aligned blocks. */
export interface FeatureSpec {
  genres: number;
  embedding: number;
  mood: number;
}

/** 19 MovieLens genres, an 8-dimensional embedding projection, 4 moods (the simulator's blocks). */
export const DEFAULT_FEATURE_SPEC: FeatureSpec = { genres: GENRES.length, embedding: 8, mood: 4 };

/** One movie as the bandit sees it. */
export interface ActionFeatures {
  /** Multi-hot (0/1) over the spec's genres. */
  genres: ArrayLike<number>;
  /** Embedding projection; any scale (normalised by the map); zeros when unknown. */
  embedding: ArrayLike<number>;
  /** Non-negative mood weights; zeros when unknown. */
  mood: ArrayLike<number>;
  /** In [0, 1]. */
  popularity: number;
  /** About [−1, 1]. */
  quality: number;
}

/** What the user's feedback says, on the same blocks as a movie (see `userTaste`). */
export interface UserTaste {
  /** Mean reaction per genre, in [−1, 1]. */
  genres: ArrayLike<number>;
  /** Reward-weighted direction of liked minus disliked embeddings (any scale). */
  embedding: ArrayLike<number>;
  /** Mean reaction per mood, in [−1, 1]. */
  mood: ArrayLike<number>;
  /** How much feedback backs the taste, in [0, 1) (0 = new user). */
  strength: number;
  /** Mean reaction over all reactions, shrunk towards 0, in [−1, 1] (how generous the user is); 0 when absent. */
  mean?: number;
}

/** What the current query asks for, on the same blocks as the taste (weights in [0, 1]; zeros where silent). Built from the parsed query (core/query QueryIntent). */
export interface IntentBlocks {
  genres: ArrayLike<number>;
  embedding: ArrayLike<number>;
  mood: ArrayLike<number>;
}

/** Time of use as cyclic features (see `timeOfUse`). */
export interface TimeOfUse {
  hourSin: number;
  hourCos: number;
  daySin: number;
  dayCos: number;
}

/** The context of one decision. */
export interface BanditContext {
  taste: UserTaste;
  /** Null when there is no query (home rows). */
  intent: IntentBlocks | null;
  time: TimeOfUse;
}

/** Number of linear (uncrossed) features: the three intent matches. */
const LINEAR = 3;

/** The feature vector's layout for a spec. */
export function featureShape(spec: FeatureSpec): FeatureShape {
  return { context: 7 + spec.genres + spec.embedding + spec.mood, action: 3 + spec.genres + spec.embedding + spec.mood, linear: LINEAR };
}

/** Length of a candidate's feature vector (C + A + L) for a spec: what `jointFeatures` writes and impressions log. */
export function jointDim(spec: FeatureSpec): number {
  const s = featureShape(spec);
  return s.context + s.action + s.linear;
}

/** Human-readable names of the context features, in order. */
export function contextNames(spec: FeatureSpec, genreNames: readonly string[] = GENRES, moodNames?: readonly string[]): string[] {
  const names = ['bias'];
  for (let g = 0; g < spec.genres; g++) names.push(`taste:${genreNames[g] ?? g}`);
  for (let k = 0; k < spec.embedding; k++) names.push(`tasteEmbedding:${k}`);
  for (let k = 0; k < spec.mood; k++) names.push(`tasteMood:${moodNames?.[k] ?? k}`);
  names.push('strength', 'generosity', 'hourSin', 'hourCos', 'daySin', 'dayCos');
  return names;
}

/** Human-readable names of the action features, in order. */
export function actionNames(spec: FeatureSpec, genreNames: readonly string[] = GENRES, moodNames?: readonly string[]): string[] {
  const names = ['bias'];
  for (let g = 0; g < spec.genres; g++) names.push(`genre:${genreNames[g] ?? g}`);
  for (let k = 0; k < spec.embedding; k++) names.push(`embedding:${k}`);
  for (let k = 0; k < spec.mood; k++) names.push(`mood:${moodNames?.[k] ?? k}`);
  names.push('popularity', 'quality');
  return names;
}

/** Names of every entry of a candidate's feature vector `[context | action | linear]`. */
export function featureNames(spec: FeatureSpec, genreNames: readonly string[] = GENRES, moodNames?: readonly string[]): string[] {
  return [
    ...contextNames(spec, genreNames, moodNames).map((n) => `context:${n}`),
    ...actionNames(spec, genreNames, moodNames).map((n) => `action:${n}`),
    'intentGenre',
    'intentEmbedding',
    'intentMood',
  ];
}

/** Offsets of the blocks inside the context and action vectors (for explanations). */
export function blockOffsets(spec: FeatureSpec): {
  context: { tasteGenre: number; tasteEmbedding: number; tasteMood: number; strength: number; generosity: number; time: number };
  action: { genre: number; embedding: number; mood: number; popularity: number; quality: number };
} {
  const g = spec.genres;
  const e = spec.embedding;
  const mo = spec.mood;
  return {
    context: { tasteGenre: 1, tasteEmbedding: 1 + g, tasteMood: 1 + g + e, strength: 1 + g + e + mo, generosity: 2 + g + e + mo, time: 3 + g + e + mo },
    action: { genre: 1, embedding: 1 + g, mood: 1 + g + e, popularity: 1 + g + e + mo, quality: 2 + g + e + mo },
  };
}

function expectLength(v: ArrayLike<number>, n: number, what: string): void {
  if (v.length !== n) throw new BanditError('ERR_BANDIT_INPUT', `${what} has ${v.length} entries, the feature spec says ${n}`);
}

function sumAbs(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i]!);
  return s;
}

/** Σ a·b / scale, 0 when scale is 0 (zero vectors give no signal rather than NaN). */
function scaledDot(a: ArrayLike<number>, b: ArrayLike<number>, scale: number): number {
  if (scale === 0) return 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) s += a[i]! * b[i]!;
  return s / scale;
}

/** Writes the context vector (user and moment) into `x` at `o`; returns the next offset. */
function writeContext(spec: FeatureSpec, ctx: BanditContext, x: Float64Array, o: number): number {
  const t = ctx.taste;
  x[o++] = 1;
  for (let g = 0; g < spec.genres; g++) x[o++] = t.genres[g]!;
  const tn = norm(t.embedding);
  for (let k = 0; k < spec.embedding; k++) x[o++] = tn === 0 ? 0 : t.embedding[k]! / tn;
  for (let k = 0; k < spec.mood; k++) x[o++] = t.mood[k]!;
  x[o++] = t.strength;
  x[o++] = t.mean ?? 0;
  const time = ctx.time;
  x[o++] = time.hourSin;
  x[o++] = time.hourCos;
  x[o++] = time.daySin;
  x[o++] = time.dayCos;
  return o;
}

/** Writes the feature vector `[context | action | linear]` of (context, action) into `out` (allocated when omitted) and returns it. */
export function jointFeatures(spec: FeatureSpec, ctx: BanditContext, action: ActionFeatures, out?: Float64Array): Float64Array {
  const d = jointDim(spec);
  const x = out ?? new Float64Array(d);
  if (x.length !== d) throw new BanditError('ERR_BANDIT_INPUT', `output has ${x.length} entries, the feature vector has ${d}`);
  expectLength(action.genres, spec.genres, 'action genres');
  expectLength(action.embedding, spec.embedding, 'action embedding');
  expectLength(action.mood, spec.mood, 'action mood');
  expectLength(ctx.taste.genres, spec.genres, 'taste genres');
  expectLength(ctx.taste.embedding, spec.embedding, 'taste embedding');
  expectLength(ctx.taste.mood, spec.mood, 'taste mood');
  if (ctx.intent) {
    expectLength(ctx.intent.genres, spec.genres, 'intent genres');
    expectLength(ctx.intent.embedding, spec.embedding, 'intent embedding');
    expectLength(ctx.intent.mood, spec.mood, 'intent mood');
  }
  const genreCount = sumAbs(action.genres);
  const moodMass = sumAbs(action.mood);
  const embNorm = norm(action.embedding);
  let o = writeContext(spec, ctx, x, 0);
  x[o++] = 1;
  for (let g = 0; g < spec.genres; g++) x[o++] = genreCount === 0 ? 0 : action.genres[g]! / genreCount;
  for (let k = 0; k < spec.embedding; k++) x[o++] = embNorm === 0 ? 0 : action.embedding[k]! / embNorm;
  for (let k = 0; k < spec.mood; k++) x[o++] = moodMass === 0 ? 0 : Math.abs(action.mood[k]!) / moodMass;
  x[o++] = action.popularity;
  x[o++] = action.quality;
  x[o++] = ctx.intent ? scaledDot(ctx.intent.genres, action.genres, genreCount) : 0;
  x[o++] = ctx.intent ? scaledDot(ctx.intent.embedding, action.embedding, norm(ctx.intent.embedding) * embNorm) : 0;
  x[o] = ctx.intent ? scaledDot(ctx.intent.mood, action.mood, moodMass) : 0;
  return x;
}

/** Cyclic time features from a date, in the runtime's local time zone (hour with minutes; Sunday = 0). */
export function timeOfUse(date: Date): TimeOfUse {
  return cyclicTime(date.getHours() + date.getMinutes() / 60, date.getDay());
}

/** Cyclic time features from an hour in [0, 24) and a weekday in 0..6 (Sunday = 0). */
export function cyclicTime(hour: number, day: number): TimeOfUse {
  return {
    hourSin: Math.sin((2 * Math.PI * hour) / 24),
    hourCos: Math.cos((2 * Math.PI * hour) / 24),
    daySin: Math.sin((2 * Math.PI * day) / 7),
    dayCos: Math.cos((2 * Math.PI * day) / 7),
  };
}

/** Community statistics needed to scale a movie's numbers. */
export interface CatalogueStats {
  /** Largest rating count in the catalogue. */
  maxCount: number;
  /** Mean rating a movie is shrunk towards (default 3.5). */
  priorMean?: number;
  /** Pseudo-count of that shrinkage (default 10 ratings). */
  priorCount?: number;
}

/** Builds a movie's action features from its catalogue entry plus optional embedding projection and mood profile. */
export function movieActionFeatures(
  movie: Pick<MovieIndexEntry, 'genres' | 'n' | 'mean'>,
  stats: CatalogueStats,
  spec: FeatureSpec = DEFAULT_FEATURE_SPEC,
  extras: { embedding?: ArrayLike<number>; mood?: ArrayLike<number> } = {},
): ActionFeatures {
  if (spec.genres !== GENRES.length) {
    throw new BanditError('ERR_BANDIT_INPUT', `movieActionFeatures needs spec.genres = ${GENRES.length}, got ${spec.genres}`);
  }
  const genres = new Float64Array(spec.genres);
  for (const g of movie.genres) genres[GENRES.indexOf(g as Genre)] = 1;
  const embedding = extras.embedding ? Float64Array.from(extras.embedding) : new Float64Array(spec.embedding);
  const mood = extras.mood ? Float64Array.from(extras.mood) : new Float64Array(spec.mood);
  expectLength(embedding, spec.embedding, 'embedding');
  expectLength(mood, spec.mood, 'mood');
  const prior = stats.priorMean ?? 3.5;
  const k = stats.priorCount ?? 10;
  const shrunk = (movie.n * (movie.n > 0 ? movie.mean : 0) + k * prior) / (movie.n + k);
  return {
    genres,
    embedding,
    mood,
    popularity: stats.maxCount > 0 ? Math.log1p(movie.n) / Math.log1p(stats.maxCount) : 0,
    quality: (shrunk - 3.5) / 1.5,
  };
}

/** One past reaction of the user, with the reacted-to movie's action features. */
export interface TasteEvent {
  action: ActionFeatures;
  reward: number;
}

/**
 * The user's taste from their reactions: per genre (and per mood) the mean reward of the movies in it,
 * shrunk towards 0 by `shrinkage` pseudo-events (so one like is not yet a strong taste); the
 * embedding taste is Σ reward·unit(embedding); strength = k / (k + `strengthHalf`) for k non-zero
 * reactions.
 */
export function userTaste(
  events: readonly TasteEvent[],
  spec: FeatureSpec = DEFAULT_FEATURE_SPEC,
  options: { shrinkage?: number; strengthHalf?: number } = {},
): UserTaste {
  const shrinkage = options.shrinkage ?? 2;
  const half = options.strengthHalf ?? 10;
  const gNum = new Float64Array(spec.genres);
  const gDen = new Float64Array(spec.genres);
  const mNum = new Float64Array(spec.mood);
  const mDen = new Float64Array(spec.mood);
  const embedding = new Float64Array(spec.embedding);
  let reactions = 0;
  let total = 0;
  for (const { action, reward } of events) {
    expectLength(action.genres, spec.genres, 'event genres');
    expectLength(action.embedding, spec.embedding, 'event embedding');
    expectLength(action.mood, spec.mood, 'event mood');
    total += reward;
    if (reward === 0) continue;
    reactions++;
    const w = Math.abs(reward);
    for (let g = 0; g < spec.genres; g++) {
      const a = action.genres[g]!;
      gNum[g]! += reward * a;
      gDen[g]! += w * a;
    }
    const mm = sumAbs(action.mood);
    for (let k = 0; k < spec.mood; k++) {
      const a = mm === 0 ? 0 : Math.abs(action.mood[k]!) / mm;
      mNum[k]! += reward * a;
      mDen[k]! += w * a;
    }
    const en = norm(action.embedding);
    if (en > 0) for (let k = 0; k < spec.embedding; k++) embedding[k]! += (reward * action.embedding[k]!) / en;
  }
  const genres = gNum.map((v, g) => v / (gDen[g]! + shrinkage));
  const mood = mNum.map((v, k) => v / (mDen[k]! + shrinkage));
  return { genres, embedding, mood, strength: reactions / (reactions + half), mean: total / (events.length + shrinkage) };
}

/** A decision's candidates: each movie's joint features in this context, ready for `decide`. */
export function jointCandidates(
  spec: FeatureSpec,
  ctx: BanditContext,
  movies: readonly { id: number; action: ActionFeatures }[],
): { id: number; features: Float64Array }[] {
  return movies.map((m) => ({ id: m.id, features: jointFeatures(spec, ctx, m.action) }));
}

/** Taste of a user with no feedback yet. */
export function emptyTaste(spec: FeatureSpec = DEFAULT_FEATURE_SPEC): UserTaste {
  return {
    genres: new Float64Array(spec.genres),
    embedding: new Float64Array(spec.embedding),
    mood: new Float64Array(spec.mood),
    strength: 0,
  };
}

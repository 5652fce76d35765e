/**
 * Per-movie mood profiles: a score in [0, 1] per mood, from three independent kinds of evidence —
 * the movie's genres (a prior), its MovieLens user tags and cue words in its Wikipedia lead —
 * combined by noisy-OR, then damped by evidence against the mood. An encoder-similarity
 * component can be blended in afterwards with `blendEncoderSimilarity`.
 *
 *   prior_m  = (1 − Π_g (1 − genre_{g,m})) · Π_g (1 − antiGenre_{g,m})
 *   score_m  = (1 − (1 − prior_m)(1 − tags⁺_m)(1 − extract⁺_m)) · (1 − tags⁻_m)(1 − extract⁻_m)
 *
 * where tags± and extract± combine the matching cue weights (see `tagEvidence`, `extractEvidence`). Anti-genres only damp the genre
 * prior, so a horror comedy tagged "funny" is still funny.
 */
import type { Genre } from '../catalogue/types';
import { EXTRACT_CUES } from './extract-cues';
import { MOOD_IDS, MOODS, type MoodId } from './moods';
import { TAG_AFFINITY, normaliseTag } from './tag-affinity';

const M = MOOD_IDS.length;

/** What the profile is computed from. */
export interface MoodProfileInput {
  genres: readonly Genre[];
  /** User tags; repeats (several users, same tag) count as stronger evidence. */
  tags?: readonly string[];
  /** Wikipedia lead paragraph. */
  extract?: string;
}

/** Options for `computeMoodProfile` / `computeMoodMatrix`. */
export interface MoodProfileOptions {
  /** Normalised tags to ignore (evaluation hold-out: the tags a query's relevance came from). */
  ignoreTags?: ReadonlySet<string>;
  /** Which evidence to use (ablations). All on by default. */
  sources?: { genres?: boolean; tags?: boolean; extract?: boolean };
  /** Weight multiplier for a tag found only through one of its words ("funny as hell" → funny). */
  tagWordFallback?: number;
  /** Share of a film's mood-bearing tag strength at which a mood's tag evidence is undamped. */
  tagShare?: number;
}

interface ResolvedOptions {
  ignoreTags: ReadonlySet<string>;
  sources: { genres: boolean; tags: boolean; extract: boolean };
  tagWordFallback: number;
  tagShare: number;
}

function resolve(o: MoodProfileOptions = {}): ResolvedOptions {
  return {
    ignoreTags: o.ignoreTags ?? new Set(),
    sources: { genres: true, tags: true, extract: true, ...o.sources },
    tagWordFallback: o.tagWordFallback ?? 0.7,
    tagShare: o.tagShare ?? 0.2,
  };
}

/** Positive and negative evidence per mood, each a noisy-OR in [0, 1]. */
export interface Evidence {
  pos: Float32Array;
  neg: Float32Array;
}

/** Noisy-OR accumulate: p ← 1 − (1 − p)(1 − w). */
const nor = (p: number, w: number) => 1 - (1 - p) * (1 - w);

/** The genre prior per mood (positive part already damped by anti-genres). */
export function genrePrior(genres: readonly Genre[]): Float32Array {
  const out = new Float32Array(M);
  MOODS.forEach((mood, m) => {
    let pos = 0;
    let keep = 1;
    for (const g of genres) {
      pos = nor(pos, mood.genres[g] ?? 0);
      keep *= 1 - (mood.antiGenres[g] ?? 0);
    }
    out[m] = pos * keep;
  });
  return out;
}

/** tag → [mood index, weight][], built once. */
const TAG_TABLE = new Map<string, [number, number][]>();
MOOD_IDS.forEach((id, m) => {
  for (const [tag, w] of Object.entries(TAG_AFFINITY[id])) {
    const key = normaliseTag(tag);
    const list = TAG_TABLE.get(key) ?? [];
    list.push([m, w]);
    TAG_TABLE.set(key, list);
  }
});
const NEGATING_WORDS = new Set(['not', 'no', 'non', 'never', 'without', 'bad', 'too']);

/** The table entry for a tag, or the entries of its words when the whole tag is unknown. */
function tagEntries(tag: string, fallback: number): [number, number][] {
  const exact = TAG_TABLE.get(tag);
  if (exact) return exact;
  const words = tag.split(' ');
  if (words.length < 2 || words.some((w) => NEGATING_WORDS.has(w))) return [];
  const best = new Map<number, number>();
  for (const w of words) {
    for (const [m, weight] of TAG_TABLE.get(w) ?? []) {
      if (weight > 0) best.set(m, Math.max(best.get(m) ?? 0, weight * fallback));
    }
  }
  return [...best];
}

/** Noisy-OR of the three strongest values, each halved in turn: 1 − (1 − a)(1 − b/2)(1 − c/4). */
function topNoisyOr(values: number[]): number {
  values.sort((a, b) => b - a);
  let keep = 1;
  for (let r = 0; r < Math.min(3, values.length); r++) keep *= 1 - values[r]! / 2 ** r;
  return 1 - keep;
}

/**
 * Evidence from user tags. A tag given by n users has strength s = 1 − (1 − |w|)^(1 + (n − 1)/2).
 * Per mood, the three strongest supporting tags are combined by `topNoisyOr`, then damped by the
 * mood's share of all mood-bearing tag strength, √min(1, share / tagShare): a film with 180 tags,
 * of which only "gore" and "splatter" point at scary, is not a scary film, while a film whose only
 * tag is "creepy" is.
 */
export function tagEvidence(tags: readonly string[], options: MoodProfileOptions = {}): Evidence {
  const o = resolve(options);
  const counts = new Map<string, number>();
  for (const t of tags) {
    const key = normaliseTag(t);
    if (key && !o.ignoreTags.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const posList: number[][] = MOOD_IDS.map(() => []);
  const negList: number[][] = MOOD_IDS.map(() => []);
  for (const [tag, n] of counts) {
    for (const [m, w] of tagEntries(tag, o.tagWordFallback)) {
      const strength = 1 - Math.pow(1 - Math.abs(w), 1 + (n - 1) / 2);
      (w > 0 ? posList : negList)[m]!.push(strength);
    }
  }
  const mass = posList.map((l) => l.reduce((a, b) => a + b, 0));
  const total = mass.reduce((a, b) => a + b, 0);
  const pos = new Float32Array(M);
  const neg = new Float32Array(M);
  for (let m = 0; m < M; m++) {
    const share = total > 0 ? mass[m]! / total : 0;
    pos[m] = topNoisyOr(posList[m]!) * Math.sqrt(Math.min(1, share / o.tagShare));
    neg[m] = topNoisyOr(negList[m]!);
  }
  return { pos, neg };
}

const CUES: { re: RegExp; m: number; w: number }[] = MOOD_IDS.flatMap((id, m) =>
  EXTRACT_CUES[id].map(([src, w]) => ({ re: new RegExp(src, 'u'), m, w })),
);

/** Evidence from cue words in a Wikipedia lead paragraph. */
export function extractEvidence(extract: string | undefined): Evidence {
  const pos = new Float32Array(M);
  const neg = new Float32Array(M);
  if (!extract) return { pos, neg };
  const text = extract.toLowerCase();
  for (const { re, m, w } of CUES) {
    if (!re.test(text)) continue;
    if (w > 0) pos[m] = nor(pos[m]!, w);
    else neg[m] = nor(neg[m]!, -w);
  }
  return { pos, neg };
}

/** Combines the three kinds of evidence into the final [0, 1] profile (formula in the file header). */
export function combineEvidence(prior: Float32Array, tags: Evidence, extract: Evidence): Float32Array {
  const out = new Float32Array(M);
  for (let m = 0; m < M; m++) {
    const pos = 1 - (1 - prior[m]!) * (1 - tags.pos[m]!) * (1 - extract.pos[m]!);
    out[m] = pos * (1 - tags.neg[m]!) * (1 - extract.neg[m]!);
  }
  return out;
}

const ZERO: Evidence = { pos: new Float32Array(M), neg: new Float32Array(M) };

/** The mood profile of one movie: `MOOD_IDS.length` scores in [0, 1]. */
export function computeMoodProfile(input: MoodProfileInput, options: MoodProfileOptions = {}): Float32Array {
  const o = resolve(options);
  return combineEvidence(
    o.sources.genres ? genrePrior(input.genres) : new Float32Array(M),
    o.sources.tags ? tagEvidence(input.tags ?? [], o) : ZERO,
    o.sources.extract ? extractEvidence(input.extract) : ZERO,
  );
}

/** Mood scores of a whole catalogue, row-major: `scores[i * moods.length + m]`. */
export interface MoodMatrix {
  moods: readonly MoodId[];
  nMovies: number;
  scores: Float32Array;
}

/** Profiles for every movie, in input order. */
export function computeMoodMatrix(inputs: readonly MoodProfileInput[], options: MoodProfileOptions = {}): MoodMatrix {
  const scores = new Float32Array(inputs.length * M);
  inputs.forEach((input, i) => scores.set(computeMoodProfile(input, options), i * M));
  return { moods: MOOD_IDS, nMovies: inputs.length, scores };
}

/** Row i of a mood matrix (a view, not a copy). */
export function moodRow(matrix: MoodMatrix, i: number): Float32Array {
  const k = matrix.moods.length;
  return matrix.scores.subarray(i * k, (i + 1) * k);
}

/** Options for `blendEncoderSimilarity`. */
export interface BlendOptions {
  /** Share of the encoder component in the result (0 = profile only, 1 = encoder only). */
  weight?: number;
  /** Slope of the logistic applied to each mood's z-scored similarity. */
  slope?: number;
}

/**
 * Blends encoder similarities into a mood matrix. `similarity` has the matrix's shape and holds,
 * for each movie and mood, the cosine between the movie's text embedding and the embedding of
 * the mood's `description`; NaN marks a movie without text (its row is left as it is).
 * Raw cosines are not comparable across moods, so each mood column is z-scored over the movies
 * that have one and squashed with a logistic before mixing:
 * out = (1 − weight)·profile + weight·σ(slope · z).
 */
export function blendEncoderSimilarity(matrix: MoodMatrix, similarity: Float32Array, options: BlendOptions = {}): MoodMatrix {
  const weight = options.weight ?? 0.3;
  const slope = options.slope ?? 1.5;
  const k = matrix.moods.length;
  if (similarity.length !== matrix.scores.length) {
    throw new RangeError(`similarity has ${similarity.length} values, the mood matrix ${matrix.scores.length}`);
  }
  if (!(weight >= 0 && weight <= 1)) throw new RangeError(`blend weight must be in [0, 1], got ${weight}`);
  const out = new Float32Array(matrix.scores);
  for (let m = 0; m < k; m++) {
    let n = 0;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < matrix.nMovies; i++) {
      const s = similarity[i * k + m]!;
      if (Number.isNaN(s)) continue;
      n++;
      sum += s;
      sum2 += s * s;
    }
    if (n === 0) continue;
    const mean = sum / n;
    const sd = Math.sqrt(Math.max(0, sum2 / n - mean * mean));
    for (let i = 0; i < matrix.nMovies; i++) {
      const s = similarity[i * k + m]!;
      if (Number.isNaN(s)) continue;
      const z = sd > 0 ? (s - mean) / sd : 0;
      const cal = 1 / (1 + Math.exp(-slope * z));
      out[i * k + m] = (1 - weight) * matrix.scores[i * k + m]! + weight * cal;
    }
  }
  return { moods: matrix.moods, nMovies: matrix.nMovies, scores: out };
}

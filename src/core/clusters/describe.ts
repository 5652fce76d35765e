/**
 * Words for clusters, derived from their centroids: each column's lift is how far the centroid sits
 * from the mean of all community taste vectors, in standard deviations of that column
 * (z = (c − m) / s), so a rare genre and a common one are compared fairly. The label names the
 * top genres by lift ("sci-fi and thriller fans"); a mood adjective, then a third genre, are added
 * only when needed to tell two clusters apart. Nothing is written per cluster by hand.
 */
import type { Genre } from '../catalogue/types';
import type { MoodId } from '../mood/moods';
import { ClusterError } from './errors';
import { capitalise, GENRE_PHRASE, joinAnd, MOOD_PHRASE } from './phrases';

/** A movie that stands for the cluster (most over-loved by its members relative to everyone). */
export interface CharacteristicMovie {
  movieId: number;
  title: string;
  year: number | null;
}

export interface DescribeInput {
  k: number;
  /** k × d centroids. */
  centroids: Float64Array;
  /** Column names: genre columns first, then mood columns. */
  genres: readonly Genre[];
  moods: readonly MoodId[];
  /** Mean and standard deviation of each column over all community vectors. */
  mean: Float64Array;
  std: Float64Array;
  /** Per cluster, a characteristic movie (or null). */
  characteristic?: readonly (CharacteristicMovie | null)[];
}

export interface DescribeOptions {
  /** Smallest lift (in standard deviations) for a genre or mood to be called distinctive. */
  minLift: number;
  /** Genres named in a label before disambiguation. */
  labelGenres: number;
}

export const DEFAULT_DESCRIBE: DescribeOptions = { minLift: 0.3, labelGenres: 2 };

export interface Lift<T extends string> {
  name: T;
  lift: number;
}

export interface ClusterDescription {
  id: number;
  /** Lower-case phrase that reads after "Loved by …": "sci-fi and thriller fans". */
  label: string;
  /** The label as a heading: "Sci-fi and thriller fans". */
  title: string;
  /** One or two sentences in plain words. */
  summary: string;
  /** Genres and moods with a positive lift ≥ minLift, strongest first. */
  genres: Lift<Genre>[];
  moods: Lift<MoodId>[];
  /** Genres with a lift ≤ −minLift, most avoided first. */
  avoids: Lift<Genre>[];
  characteristic: CharacteristicMovie | null;
}

/** Merges and validates options (the one place defaults apply). */
export function resolveDescribeOptions(options: Partial<DescribeOptions> = {}): DescribeOptions {
  const o = { ...DEFAULT_DESCRIBE, ...options };
  if (!(o.minLift >= 0)) throw new ClusterError('ERR_CLUSTER_OPTIONS', `minLift must be ≥ 0, got ${o.minLift}`);
  if (!Number.isInteger(o.labelGenres) || o.labelGenres < 1) throw new ClusterError('ERR_CLUSTER_OPTIONS', `labelGenres must be an integer ≥ 1, got ${o.labelGenres}`);
  return o;
}

/** z-lift of every column of centroid `c`. */
export function centroidLifts(input: DescribeInput, c: number): Float64Array {
  const d = input.genres.length + input.moods.length;
  if (input.centroids.length !== input.k * d || input.mean.length !== d || input.std.length !== d) {
    throw new ClusterError('ERR_CLUSTER_INPUT', `centroids, mean and std must have ${d} columns`);
  }
  const out = new Float64Array(d);
  for (let t = 0; t < d; t++) {
    const s = input.std[t]!;
    out[t] = s > 1e-12 ? (input.centroids[c * d + t]! - input.mean[t]!) / s : 0;
  }
  return out;
}

function sortedLifts<T extends string>(names: readonly T[], lifts: Float64Array, offset: number): Lift<T>[] {
  return names.map((name, i) => ({ name, lift: lifts[offset + i]! })).sort((a, b) => b.lift - a.lift || (a.name < b.name ? -1 : 1));
}

/** Candidate labels from least to most specific. */
function candidates(genres: readonly Lift<Genre>[], moods: readonly Lift<MoodId>[], labelGenres: number): string[] {
  if (!genres.length) {
    return moods.length ? [`${MOOD_PHRASE[moods[0]!.name].label} all-rounders`] : ['broad-taste viewers'];
  }
  const words = (n: number) => joinAnd(genres.slice(0, n).map((g) => GENRE_PHRASE[g.name].label));
  const base = `${words(labelGenres)} fans`;
  const out = [base];
  if (moods.length) out.push(`${MOOD_PHRASE[moods[0]!.name].label} ${base}`);
  if (genres.length > labelGenres) {
    const more = `${words(labelGenres + 1)} fans`;
    out.push(more);
    if (moods.length) out.push(`${MOOD_PHRASE[moods[0]!.name].label} ${more}`);
  }
  return out;
}

function summaryOf(genres: readonly Lift<Genre>[], moods: readonly Lift<MoodId>[], avoids: readonly Lift<Genre>[], movie: CharacteristicMovie | null): string {
  const parts: string[] = [];
  if (genres.length) {
    let s = `They rate ${joinAnd(genres.slice(0, 3).map((g) => GENRE_PHRASE[g.name].plural))} above the community average`;
    if (moods.length) s += `, with a taste for ${joinAnd(moods.slice(0, 2).map((m) => MOOD_PHRASE[m.name].streak))} films`;
    parts.push(`${s}.`);
  } else if (moods.length) {
    parts.push(`No genre stands out; they lean towards ${joinAnd(moods.slice(0, 2).map((m) => MOOD_PHRASE[m.name].streak))} films.`);
  } else {
    parts.push('Close to the community average in every genre.');
  }
  if (avoids.length) parts.push(`Less keen on ${joinAnd(avoids.slice(0, 2).map((g) => GENRE_PHRASE[g.name].plural))}.`);
  if (movie) parts.push(`A typical favourite: ${movie.title}${movie.year ? ` (${movie.year})` : ''}.`);
  return parts.join(' ');
}

/**
 * Describes each cluster from its centroid. Labels are unique: clusters are labelled in order and a
 * later cluster whose plain label is taken gets the first free, more specific candidate.
 */
export function describeClusters(input: DescribeInput, options: Partial<DescribeOptions> = {}): ClusterDescription[] {
  const o = resolveDescribeOptions(options);
  const g = input.genres.length;
  const used = new Set<string>();
  const out: ClusterDescription[] = [];
  for (let c = 0; c < input.k; c++) {
    const lifts = centroidLifts(input, c);
    const byGenre = sortedLifts(input.genres, lifts, 0);
    const genres = byGenre.filter((x) => x.lift >= o.minLift);
    const moods = sortedLifts(input.moods, lifts, g).filter((x) => x.lift >= o.minLift);
    const avoids = byGenre.filter((x) => x.lift <= -o.minLift).reverse();
    const options = candidates(genres, moods, o.labelGenres);
    let label = options.find((l) => !used.has(l));
    if (!label) {
      let n = 2;
      while (used.has(`${options[0]} (${n})`)) n++;
      label = `${options[0]} (${n})`;
    }
    used.add(label);
    const characteristic = input.characteristic?.[c] ?? null;
    out.push({ id: c, label, title: capitalise(label), summary: summaryOf(genres, moods, avoids, characteristic), genres, moods, avoids, characteristic });
  }
  return out;
}

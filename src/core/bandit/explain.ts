/**
 * Honest explanations of Discover picks: was a pick made to learn ("something different"), and if
 * not, which learned interaction between the user's context and the movie drove it ("you like
 * exciting sci-fi in the evening")?
 */
import { blockOffsets, type FeatureSpec } from './features';
import { centred } from './model';
import type { BanditState, Decision } from './types';

/** What the UI shows next to an exploratory pick. */
export const EXPLORATION_MESSAGE = 'Something different we think you might like';

/** `exploit`: the best predicted remaining item; `explore`: chosen although `gap` more reward was predicted for another. */
export type ExplorationTag = { kind: 'exploit' } | { kind: 'explore'; gap: number; message: string };

/**
 * Tags the pick at `position`: exploratory when exploitation alone (highest predicted reward among
 * the candidates still free at that slot) would have chosen another action. Undefined position → exploit.
 */
export function explorationTag(decision: Decision, position: number): ExplorationTag {
  const pick = decision.picks[position];
  if (!pick || !pick.exploratory) return { kind: 'exploit' };
  let best = -Infinity;
  const taken = new Set(decision.picks.slice(0, position).map((p) => p.index));
  decision.scores.forEach((s, i) => {
    if (!taken.has(i) && s > best) best = s;
  });
  return { kind: 'explore', gap: best - decision.scores[pick.index]!, message: EXPLORATION_MESSAGE };
}

/** Labels for the genre and mood features (in the spec's order), as they read in a sentence. */
export interface ExplainLabels {
  genres: readonly string[];
  moods: readonly string[];
}

/** Why a pick was made. `interaction` names the movie features and the part of the context that drove it. */
export type PickExplanation =
  | { kind: 'explore'; text: string }
  | {
      kind: 'interaction';
      genre: string | null;
      mood: string | null;
      /** "in the evening", "at the weekend"… when the time of use took part, else null. */
      time: string | null;
      /** True when the user's own taste took part (else the time alone did). */
      taste: boolean;
      /** Predicted reward the named interaction adds (reward units, like 1 … dislike −1). */
      contribution: number;
      text: string;
    }
  | { kind: 'general'; text: string };

/** Smallest predicted reward an interaction must add to be named (reward units). */
export const MIN_CONTRIBUTION = 0.03;

const GENERAL = 'Picked by Discover from your reactions and the community’s ratings';

function partOfDay(hourSin: number, hourCos: number): string {
  const h = (((Math.atan2(hourSin, hourCos) * 24) / (2 * Math.PI)) % 24 + 24) % 24;
  if (h >= 5 && h < 12) return 'in the morning';
  if (h >= 12 && h < 17) return 'in the afternoon';
  if (h >= 17 && h < 22) return 'in the evening';
  return 'at night';
}

function partOfWeek(daySin: number, dayCos: number): string {
  const d = Math.round((((Math.atan2(daySin, dayCos) * 7) / (2 * Math.PI)) % 7 + 7) % 7) % 7;
  return d === 0 || d === 6 ? 'at the weekend' : 'on a weekday';
}

/** "Sci-Fi" → "sci-fi", "IMAX" stays. */
function inSentence(label: string): string {
  return label === label.toUpperCase() ? label : label.toLowerCase();
}

/**
 * Explains one scored candidate: its feature vector `[context | action | linear]` under the state's
 * posterior mean. Each genre and mood feature k of the movie gets the reward predicted by its crosses
 * with the user's taste rows (taste per genre, per mood, taste embedding; only where the user's own
 * taste is positive) and with the time rows
 * (hour, weekday); the strongest genre and the strongest mood above `MIN_CONTRIBUTION` are named,
 * with the time of use when its share is itself above the threshold. Exploratory picks say so.
 */
export function explainPick(spec: FeatureSpec, state: BanditState, raw: ArrayLike<number>, exploratory: boolean, labels: ExplainLabels): PickExplanation {
  if (exploratory) return { kind: 'explore', text: EXPLORATION_MESSAGE };
  const { context: c, action: a } = state.shape;
  const features = centred(state, raw);
  const off = blockOffsets(spec);
  // Only tastes the user actually has count as "you like": rows where their own taste is positive
  // (centring would otherwise turn a new user's empty taste into a difference from the average).
  const tasteRows: number[] = [];
  for (let j = off.context.tasteGenre; j < off.context.strength; j++) if (raw[j]! > 0) tasteRows.push(j);
  const hourRows = [off.context.time, off.context.time + 1];
  const dayRows = [off.context.time + 2, off.context.time + 3];
  const part = (rows: readonly number[], k: number) => {
    let s = 0;
    for (const j of rows) s += features[j]! * features[c + k]! * state.mean[j * a + k]!;
    return s;
  };
  type Best = { k: number; taste: number; hour: number; day: number; total: number } | null;
  const strongest = (from: number, count: number): Best => {
    let best: Best = null;
    for (let k = from; k < from + count; k++) {
      if (raw[c + k]! <= 0) continue;
      const taste = part(tasteRows, k);
      const hour = part(hourRows, k);
      const day = part(dayRows, k);
      const total = taste + hour + day;
      if (total >= MIN_CONTRIBUTION && (!best || total > best.total)) best = { k, taste, hour, day, total };
    }
    return best;
  };
  if (c !== 7 + spec.genres + spec.embedding + spec.mood) return { kind: 'general', text: GENERAL };
  const genre = strongest(off.action.genre, spec.genres);
  const mood = strongest(off.action.mood, spec.mood);
  if (!genre && !mood) return { kind: 'general', text: GENERAL };
  const sum = (f: (b: NonNullable<Best>) => number) => (genre ? f(genre) : 0) + (mood ? f(mood) : 0);
  const taste = sum((b) => b.taste);
  const hour = sum((b) => b.hour);
  const day = sum((b) => b.day);
  const t = raw;
  let time: string | null = null;
  if (Math.max(hour, day) >= MIN_CONTRIBUTION) {
    time = hour >= day ? partOfDay(t[hourRows[0]!]!, t[hourRows[1]!]!) : partOfWeek(t[dayRows[0]!]!, t[dayRows[1]!]!);
  }
  const genreLabel = genre ? inSentence(labels.genres[genre.k - off.action.genre] ?? '') : null;
  const moodLabel = mood ? inSentence(labels.moods[mood.k - off.action.mood] ?? '') : null;
  const what = [moodLabel, genreLabel ?? (moodLabel ? 'films' : null)].filter(Boolean).join(' ');
  const likes = taste >= MIN_CONTRIBUTION;
  const text = likes ? `You like ${what}${time ? ` ${time}` : ''}` : `${what.charAt(0).toUpperCase()}${what.slice(1)} suits you ${time ?? 'now'}`;
  return { kind: 'interaction', genre: genreLabel, mood: moodLabel, time, taste: likes, contribution: sum((b) => b.total), text };
}

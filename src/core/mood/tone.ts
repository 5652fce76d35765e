/**
 * A one-glance summary of the emotional tone a query asks for, on the circumplex plane
 * (valence −1..1, arousal 0..1): the weighted mean of the wanted moods' positions.
 * Negated moods say what to avoid, not what to feel, so they do not move the point.
 */
import { moodById, type MoodWant } from './moods';

/** The tone of a request, for display. */
export interface EmotionalTone {
  /** −1 (negative, sombre) … 1 (positive, happy). */
  valence: number;
  /** 0 (calm) … 1 (agitated, intense). */
  arousal: number;
  /** A short word for the quadrant: "upbeat", "cosy", "tense", "melancholic", "intense" or "reflective". */
  label: string;
}

/** Names the quadrant of a (valence, arousal) point. */
export function toneLabel(valence: number, arousal: number): string {
  if (valence >= 0.2) return arousal >= 0.5 ? 'upbeat' : 'cosy';
  if (valence <= -0.2) return arousal >= 0.5 ? 'tense' : 'melancholic';
  return arousal >= 0.5 ? 'intense' : 'reflective';
}

/** The tone of the wanted moods, or null when none is wanted. */
export function emotionalTone(wants: readonly MoodWant[]): EmotionalTone | null {
  let v = 0;
  let a = 0;
  let w = 0;
  for (const want of wants) {
    if (want.negated || !(want.weight > 0)) continue;
    const def = moodById(want.mood);
    v += want.weight * def.valence;
    a += want.weight * def.arousal;
    w += want.weight;
  }
  if (w === 0) return null;
  const valence = Math.round((v / w) * 1000) / 1000;
  const arousal = Math.round((a / w) * 1000) / 1000;
  return { valence, arousal, label: toneLabel(valence, arousal) };
}

/**
 * How well a movie's mood profile fits the moods asked for in a query.
 *
 *   positive = Σ_i w_i · p_i^{w_i} / Σ_i w_i          over wanted moods (p = profile score, w = weight)
 *   penalty  = max_j w_j · max(0, p_j − t_j) / (1 − t_j),  t_j = 1 − min(w_j, 1)   over negated moods
 *   match    = clamp(positive − penalty, −1, 1)
 *
 * The exponent makes intensity sharpen the preference: "very scary" (w 1.5) rewards only really
 * scary films, "a bit scary" (w 0.5) flattens it. A negation with weight ≥ 1 ("nothing scary")
 * penalises every bit of the mood; a soft one ("not too scary", w 0.5) tolerates scores up to
 * t = 0.5 and only penalises beyond it.
 */
import { MOOD_INDEX, type MoodWant } from './moods';

/** Mood match of one movie: in [−1, 1]; 0 when the query has no moods. */
export function moodMatch(wants: readonly MoodWant[], profile: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  let penalty = 0;
  for (const want of wants) {
    const p = Math.min(1, Math.max(0, profile[MOOD_INDEX[want.mood]] ?? 0));
    const w = want.weight;
    if (!(w > 0)) continue;
    if (want.negated) {
      const t = 1 - Math.min(w, 1);
      const over = t >= 1 ? 0 : Math.max(0, p - t) / (1 - t);
      penalty = Math.max(penalty, w * over);
    } else {
      num += w * Math.pow(p, w);
      den += w;
    }
  }
  const positive = den > 0 ? num / den : 0;
  return Math.min(1, Math.max(-1, positive - penalty));
}

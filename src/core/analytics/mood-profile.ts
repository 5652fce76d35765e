/** The mood profile of the user's likes and dislikes: the mean mood vector of each group of movies. */
import type { MoodId } from '../mood/moods';

/** Per-movie mood scores in catalogue order (as decoded from moods.bin). */
export interface MoodTable {
  moods: readonly MoodId[];
  nMovies: number;
  scores: Float32Array;
}

export interface MoodProfile {
  moods: readonly MoodId[];
  /** Mean score per mood over liked / disliked movies, or null when the group is empty. */
  liked: number[] | null;
  disliked: number[] | null;
  nLiked: number;
  nDisliked: number;
}

/** Mean mood row over the given catalogue rows, or null for none. */
export function meanMood(table: MoodTable, rows: readonly number[]): number[] | null {
  if (!rows.length) return null;
  const k = table.moods.length;
  const out = new Array<number>(k).fill(0);
  for (const r of rows) for (let j = 0; j < k; j++) out[j]! += table.scores[r * k + j]!;
  return out.map((s) => s / rows.length);
}

/** Mean mood vectors of liked and disliked movies (catalogue rows). */
export function moodProfile(table: MoodTable, likedRows: readonly number[], dislikedRows: readonly number[]): MoodProfile {
  return {
    moods: table.moods,
    liked: meanMood(table, likedRows),
    disliked: meanMood(table, dislikedRows),
    nLiked: likedRows.length,
    nDisliked: dislikedRows.length,
  };
}

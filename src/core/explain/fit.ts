/**
 * An honest match figure for a search result, replacing the old "NN% match" (a sigmoid of the
 * ranking score, which read 100% on almost every card): how many of the soft things the query
 * asked for this movie really has. Hard constraints (people, years, limits, exclusions, topics)
 * hold for every result and are not counted.
 */
import type { RankedItem } from '../hybrid/rank';
import type { QueryIntent } from '../query/types';
import { moodById } from '../mood/moods';

/** Feature levels at which an aspect counts as met. */
export const FIT_THRESHOLDS = { mood: 0.35, semantic: 0.55 } as const;

export interface Fit {
  met: string[];
  missed: string[];
}

/** Which asked aspects the item meets: each wanted genre, the wanted moods, the descriptive words. */
export function fitOf(intent: QueryIntent, item: Pick<RankedItem, 'movie' | 'features'>): Fit {
  const met: string[] = [];
  const missed: string[] = [];
  for (const g of intent.genres.include) (item.movie.genres.includes(g) ? met : missed).push(g.toLowerCase());
  const moods = intent.moods.filter((m) => !m.negated);
  if (moods.length) {
    const label = moods.map((m) => moodById(m.mood).label.toLowerCase()).join(' and ');
    (item.features.mood >= FIT_THRESHOLDS.mood ? met : missed).push(label);
  }
  const words = intent.like ? '' : intent.content.trim();
  if (words) (item.features.semantic >= FIT_THRESHOLDS.semantic ? met : missed).push(`“${words.length > 30 ? `${words.slice(0, 28)}…` : words}”`);
  return { met, missed };
}

/** "Fits 2 of 3 things you asked." — or '' when the query asked for nothing soft. */
export function queryFit(intent: QueryIntent, item: Pick<RankedItem, 'movie' | 'features'>): string {
  const { met, missed } = fitOf(intent, item);
  const n = met.length + missed.length;
  if (n < 2) return '';
  return met.length === n ? `Fits all ${n} things you asked.` : `Fits ${met.length} of ${n} things you asked.`;
}

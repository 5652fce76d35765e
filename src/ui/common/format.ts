/** Small display helpers shared by the UI. */
import type { MovieIndexEntry } from '../../core/catalogue/types';

/** "Toy Story (1995)". */
export const titleWithYear = (m: Pick<MovieIndexEntry, 'title' | 'year'>) => (m.year ? `${m.title} (${m.year})` : m.title);

/** "3.9 ★ · 215 ratings" or "No ratings yet". */
export function ratingText(m: Pick<MovieIndexEntry, 'mean' | 'n'>): string {
  if (!m.n) return 'No ratings yet';
  return `${m.mean.toFixed(1)} ★ · ${m.n.toLocaleString('en')} rating${m.n === 1 ? '' : 's'}`;
}

/** A stable poster hue per movie so cards are told apart without images. */
export const posterHue = (id: number) => (id * 137.508) % 360;

/** Small display helpers shared by the UI. */
import type { MovieIndexEntry } from '../../core/catalogue/types';
import { groupDigits } from '../../core/shared/digits';

/** "3.9 ★ · 215 ratings", "No ratings yet", or for a content-only film (extended catalogue) "No community ratings yet". */
export function ratingText(m: Pick<MovieIndexEntry, 'mean' | 'n' | 'contentOnly'>): string {
  if (m.contentOnly) return 'No community ratings yet';
  if (!m.n) return 'No ratings yet';
  return `${m.mean.toFixed(1)} ★ · ${groupDigits(m.n)} rating${m.n === 1 ? '' : 's'}`;
}

/** A stable poster hue per movie so cards are told apart without images. */
export const posterHue = (id: number) => (id * 137.508) % 360;

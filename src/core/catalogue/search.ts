/** Instant title search: every query word must prefix a title word; ranked by match quality, then popularity. */
import type { Catalogue } from './catalogue';
import { titleKey } from './titles';
import type { MovieIndexEntry } from './types';

export interface TitleHit {
  movie: MovieIndexEntry;
  /** 3 exact title, 2 title starts with the query, 1 every word matched. */
  quality: number;
}

/** Finds movies whose title matches `query`; an optional 4-digit year in the query narrows by year. */
export function searchTitles(cat: Catalogue, query: string, limit = 20): TitleHit[] {
  let q = query;
  let year: number | null = null;
  const ym = /\b(18|19|20)\d{2}\b/.exec(q);
  if (ym && titleKey(q.replace(ym[0], '')).length > 0) {
    year = Number(ym[0]);
    q = q.replace(ym[0], ' ');
  }
  const key = titleKey(q);
  if (!key) return [];
  const words = key.split(' ');
  const hits: TitleHit[] = [];
  cat.movies.forEach((movie, i) => {
    if (year !== null && movie.year !== year) return;
    const k = cat.keys[i]!;
    let quality = 0;
    if (k === key) quality = 3;
    else if (k.startsWith(key)) quality = 2;
    else {
      const tw = k.split(' ');
      if (words.every((w) => tw.some((t) => t.startsWith(w)))) quality = 1;
    }
    if (quality) hits.push({ movie, quality });
  });
  hits.sort((a, b) => b.quality - a.quality || b.movie.n - a.movie.n);
  return hits.slice(0, limit);
}

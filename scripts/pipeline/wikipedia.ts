/** Loading the Wikipedia plot extracts and matching them to MovieLens titles (title key + year ±1). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { titleKey } from '../../src/core/catalogue/titles';
import { DataError } from './errors';
import { readText } from './movielens';

export interface WikiFilm {
  title: string;
  year: number;
  extract: string;
  href: string;
  genres: string[];
}

/** Reads every `movies-<decade>s.json` in `dir`, keeping films that have an extract. */
export function loadWikipedia(dir: string): WikiFilm[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^movies-\d{4}s\.json$/.test(f)).sort();
  } catch {
    throw new DataError(dir, null, 'folder not found');
  }
  if (files.length === 0) throw new DataError(dir, null, 'no movies-<decade>s.json files found');
  const out: WikiFilm[] = [];
  for (const name of files) {
    const file = join(dir, name);
    let data: unknown;
    try {
      data = JSON.parse(readText(file));
    } catch (err) {
      if (err instanceof DataError) throw err;
      throw new DataError(file, null, `invalid JSON (${(err as Error).message})`);
    }
    if (!Array.isArray(data)) throw new DataError(file, null, 'expected a JSON array of films');
    data.forEach((f: Record<string, unknown>, i) => {
      if (typeof f?.title !== 'string' || typeof f.year !== 'number') {
        throw new DataError(file, null, `film #${i + 1} lacks a string title or numeric year`);
      }
      if (typeof f.extract === 'string' && f.extract.trim() && typeof f.href === 'string') {
        out.push({
          title: f.title,
          year: f.year,
          extract: f.extract.trim(),
          href: f.href,
          genres: Array.isArray(f.genres) ? f.genres.filter((g): g is string => typeof g === 'string') : [],
        });
      }
    });
  }
  return out;
}

/** An index of films by title key for matching. */
export class WikiIndex {
  private readonly byKey = new Map<string, WikiFilm[]>();
  constructor(films: readonly WikiFilm[]) {
    for (const f of films) {
      const k = titleKey(f.title);
      const list = this.byKey.get(k);
      if (list) list.push(f);
      else this.byKey.set(k, [f]);
    }
  }

  /** Best film for any of `titles` released within ±1 year of `year`: exact year first, then nearest. */
  match(titles: readonly string[], year: number | null): WikiFilm | undefined {
    if (year === null) return undefined;
    for (const t of titles) {
      const list = this.byKey.get(titleKey(t));
      if (!list) continue;
      let best: WikiFilm | undefined;
      for (const f of list) {
        const d = Math.abs(f.year - year);
        if (d <= 1 && (!best || d < Math.abs(best.year - year))) best = f;
      }
      if (best) return best;
    }
    return undefined;
  }
}

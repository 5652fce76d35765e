/** Loading the Wikipedia plot extracts and matching them to MovieLens titles (title key + year ±1). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { matchKey, titleKey, titleParts } from '../../src/core/catalogue/titles';
import { DataError } from './errors';
import { readText } from './movielens';

export interface WikiFilm {
  title: string;
  year: number;
  extract: string;
  href: string;
  genres: string[];
  /** Cast as listed (leading actors first). */
  cast: string[];
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
          cast: Array.isArray(f.cast) ? f.cast.filter((c): c is string => typeof c === 'string' && c.trim().length > 0).map((c) => c.trim()) : [],
        });
      }
    });
  }
  return out;
}

/** A title to match: the main title, its alternates, and the release year. */
export interface MatchQuery {
  titles: readonly string[];
  year: number | null;
}

/** Which rule matched: the full title (or an alternate) within ±1 year, or a main title/subtitle in the same year. */
export type MatchRule = 'title' | 'part';

/**
 * An index of films by match key. Matching has two tiers:
 * 1. any of the MovieLens titles (main or alternate) against a Wikipedia title, by `matchKey`
 *    ("Kill Bill: Vol. 1" ↔ "Kill Bill: Volume 1", "&" ↔ "and", accents folded), release year ±1,
 *    the nearest year first;
 * 2. for movies still unmatched, a main title or subtitle on either side ("Star Wars: Episode IV -
 *    A New Hope" ↔ "Star Wars"; "Interview with the Vampire: The Vampire Chronicles" ↔ "Interview
 *    with the Vampire") with the exact release year, only when one film qualifies and no other
 *    movie already took it.
 */
export class WikiIndex {
  private readonly byKey = new Map<string, WikiFilm[]>();
  private readonly byPart = new Map<string, WikiFilm[]>();
  constructor(films: readonly WikiFilm[]) {
    const add = (map: Map<string, WikiFilm[]>, k: string, f: WikiFilm) => {
      const list = map.get(k);
      if (!list) map.set(k, [f]);
      else if (!list.includes(f)) list.push(f);
    };
    for (const f of films) {
      add(this.byKey, matchKey(f.title), f);
      for (const p of titleParts(f.title)) add(this.byPart, matchKey(p), f);
    }
  }

  /** Best film for any of `titles` released within ±1 year of `year` (tier 1 only). */
  match(titles: readonly string[], year: number | null): WikiFilm | undefined {
    if (year === null) return undefined;
    for (const t of titles) {
      const list = this.byKey.get(matchKey(t));
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

  /** Tier 2 for one movie: the single same-year film whose title or main title/subtitle fits. */
  private matchPart(q: MatchQuery, taken: ReadonlySet<WikiFilm>): WikiFilm | undefined {
    if (q.year === null) return undefined;
    const found = new Set<WikiFilm>();
    for (const t of q.titles) {
      const parts = titleParts(t);
      parts.forEach((p, k) => {
        for (const f of this.byKey.get(matchKey(p)) ?? []) {
          if (f.year !== q.year) continue;
          // A subtitle alone ("The Wrath of God" from "Aguirre: The Wrath of God") may be another
          // film: the article must name the main title too ("… the Star Wars film series").
          if (k > 0 && !` ${titleKey(f.extract)} `.includes(` ${titleKey(parts[0]!)} `)) continue;
          found.add(f);
        }
      });
      for (const f of this.byPart.get(matchKey(t)) ?? []) if (f.year === q.year) found.add(f);
    }
    if (found.size !== 1) return undefined;
    const [f] = found as unknown as [WikiFilm];
    return taken.has(f) ? undefined : f;
  }

  /** Matches every query (aligned output; undefined = no match) with the rule that matched. */
  matchAll(queries: readonly MatchQuery[]): ({ film: WikiFilm; rule: MatchRule } | undefined)[] {
    const out = queries.map((q) => {
      const film = this.match(q.titles, q.year);
      return film ? { film, rule: 'title' as MatchRule } : undefined;
    });
    const taken = new Set<WikiFilm>();
    for (const r of out) if (r) taken.add(r.film);
    queries.forEach((q, i) => {
      if (out[i]) return;
      const film = this.matchPart(q, taken);
      if (film) {
        out[i] = { film, rule: 'part' };
        taken.add(film);
      }
    });
    return out;
  }
}

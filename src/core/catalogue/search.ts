/**
 * Instant title search, typo-tolerant: every query word must start a title word, or be within a
 * small edit distance of one ("matrx", "lord of the rigns"); numbers and numerals are one
 * ("godfather 2" finds "The Godfather: Part II", "star wars 4" Episode IV); accents and case are
 * folded ("amelie"). Ranked by match quality, then closeness, then popularity.
 */
import { damerauLevenshtein } from '../query/typo';
import type { Catalogue } from './catalogue';
import { matchKey } from './titles';
import type { MovieIndexEntry } from './types';

export interface TitleHit {
  movie: MovieIndexEntry;
  /** 3 exact title, 2 title starts with the query, 1 every word matched, 0.5 matched with typos. */
  quality: number;
  /** Total edit distance of the typo-corrected words (0 without typos). */
  distance: number;
}

interface Prepared {
  keys: string[];
  /** matchKey → index of the most rated movie with that key. */
  byKey: Map<string, number>;
  /** Per movie: ids of its distinct title words. */
  words: Int32Array[];
  vocab: string[];
}

const prepared = new WeakMap<Catalogue, Prepared>();

function prepare(cat: Catalogue): Prepared {
  let p = prepared.get(cat);
  if (p) return p;
  const ids = new Map<string, number>();
  const vocab: string[] = [];
  const keys = cat.movies.map((m) => matchKey(m.title));
  const words = keys.map((k) => {
    const set = new Set<number>();
    for (const w of k.split(' ')) {
      if (!w) continue;
      let id = ids.get(w);
      if (id === undefined) {
        id = vocab.length;
        ids.set(w, id);
        vocab.push(w);
      }
      set.add(id);
    }
    return Int32Array.from(set);
  });
  const byKey = new Map<string, number>();
  keys.forEach((k, i) => {
    const old = byKey.get(k);
    if (old === undefined || cat.movies[old]!.n < cat.movies[i]!.n) byKey.set(k, i);
  });
  p = { keys, words, vocab, byKey };
  prepared.set(cat, p);
  return p;
}

/** Edits tolerated in a typed word: none below 4 letters, 1 up to 6, 2 from 7. */
const tolerance = (w: string) => (w.length >= 7 ? 2 : w.length >= 4 ? 1 : 0);

/** Finds movies whose title matches `query`; an optional 4-digit year in the query narrows by year. */
export function searchTitles(cat: Catalogue, query: string, limit = 20): TitleHit[] {
  let q = query;
  let year: number | null = null;
  const ym = /\b(18|19|20)\d{2}\b/.exec(q);
  if (ym && matchKey(q.replace(ym[0], '')).length > 0) {
    year = Number(ym[0]);
    q = q.replace(ym[0], ' ');
  }
  const key = matchKey(q);
  if (!key) return [];
  const qWords = key.split(' ');
  const { keys, words, vocab } = prepare(cat);
  // For each query word, the cost of each vocabulary word it can stand for (0 = prefix match).
  const last = qWords.length - 1;
  const costs = qWords.map((w, qi) => {
    const m = new Map<number, number>();
    const tol = tolerance(w);
    for (let v = 0; v < vocab.length; v++) {
      const t = vocab[v]!;
      // The last word may be still being typed: a prefix counts; earlier words must be whole words
      // or prefixes of at least 3 letters.
      if (t === w || (t.startsWith(w) && (qi === last || w.length >= 3))) {
        m.set(v, 0);
        continue;
      }
      // Typos rarely hit the first letter: requiring it (or a swap of the first two) keeps this fast.
      if (!tol || (t.charCodeAt(0) !== w.charCodeAt(0) && !(t[0] === w[1] && t[1] === w[0]))) continue;
      if (Math.abs(t.length - w.length) <= tol) {
        const d = damerauLevenshtein(w, t, tol);
        if (d <= tol) m.set(v, d);
        // A typo in a word still being typed ("lord of the rig" → "rings").
      } else if (qi === last && t.length > w.length && damerauLevenshtein(w, t.slice(0, w.length), 1) <= 1) m.set(v, 1);
    }
    return m;
  });
  const hits: TitleHit[] = [];
  cat.movies.forEach((movie, i) => {
    if (year !== null && movie.year !== year) return;
    const k = keys[i]!;
    let quality: number;
    let distance = 0;
    if (k === key) quality = 3;
    else if (k.startsWith(key)) quality = 2;
    else {
      const ws = words[i]!;
      for (const c of costs) {
        let best = Infinity;
        for (let j = 0; j < ws.length; j++) {
          const d = c.get(ws[j]!);
          if (d !== undefined && d < best) best = d;
        }
        if (best === Infinity) return;
        distance += best;
      }
      quality = distance === 0 ? 1 : 0.5;
    }
    hits.push({ movie, quality, distance });
  });
  hits.sort((a, b) => b.quality - a.quality || a.distance - b.distance || b.movie.n - a.movie.n);
  return hits.slice(0, limit);
}

/**
 * The one movie a phrase names ("toy story", "the matrx", "godfather 2"), for "movies like …":
 * the best title hit, if it is exact, a prefix or a full word match; a typo match only for a
 * phrase of at least 5 letters. Among equals the most rated wins (the 1995 Toy Story, not a remake).
 */
export function resolveTitle(cat: Catalogue, phrase: string): TitleHit | undefined {
  const hits = searchTitles(cat, phrase, 5);
  const best = hits[0];
  if (!best) return undefined;
  if (best.quality < 1 && matchKey(phrase).replace(/ /g, '').length < 5) return undefined;
  return best;
}

/** The most rated movie whose title is exactly `phrase` (folded as `matchKey`), without a search. */
export function exactTitle(cat: Catalogue, phrase: string): MovieIndexEntry | undefined {
  const i = prepare(cat).byKey.get(matchKey(phrase));
  return i === undefined ? undefined : cat.movies[i];
}

/**
 * Release-year expressions in a query: years ("2015", "'95"), decades ("90s", "1990s", "'90s",
 * "nineties", "early 80s"), bounds ("after 2010", "before the 80s", "since 1995", "pre-1980",
 * "2005 or later"), ranges ("between 1995 and 2000", "from 1995 to 2000", "1995-2000") and year
 * words ("recent", "new", "old", "classic", "modern", "last 10 years").
 *
 * Conventions (documented choices): "after X" and "before X" are strict ("after 2010" → 2011+);
 * "since", "until", "up to", "through" are inclusive; a decade bound uses the decade's edge
 * ("after the 90s" → 2000+, "before the 80s" → up to 1979); two-digit decades 20s–90s are the
 * 1900s, "00s"/"10s" the 2000s. "set in the 1920s" is a setting, not a release date, and is left
 * as content.
 */
import type { Token } from './tokenize';

/** An inclusive release-year interval; a missing end is open. */
export interface YearRange {
  from?: number;
  to?: number;
}

/** Year-word meanings, relative to the catalogue's latest year. */
export interface YearOptions {
  /** Latest release year in the catalogue (MovieLens latest-small: 2018). */
  latestYear: number;
  /** "recent"/"new": the last `recentSpan` years before `latestYear` (2018 − 5 → 2013+). */
  recentSpan: number;
  /** "old"/"classic"/"vintage": up to and including this year. */
  oldUntil: number;
  /** "modern"/"contemporary": from this year. */
  modernFrom: number;
}

/** A year expression found at a token position. */
export interface YearMatch {
  /** Index one past the last token of the expression. */
  end: number;
  range: YearRange;
  /** "point" ranges (years, decades, words) are alternatives and are unioned; bounds are intersected. */
  kind: 'point' | 'bound';
  /** True for a setting ("set in the 1920s"): not a release-year constraint. */
  setting?: boolean;
  /** A year word ("classic", "recent"): yields to any stated year, decade or range ("classic noir from the 1940s"). */
  vague?: boolean;
}

const DECADE_WORDS: Record<string, number> = {
  twenties: 1920, thirties: 1930, forties: 1940, fifties: 1950, sixties: 1960, seventies: 1970,
  eighties: 1980, nineties: 1990, ninties: 1990, ninetys: 1990, noughties: 2000, aughts: 2000,
};

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  fifteen: 15, twenty: 20, thirty: 30, fifty: 50, few: 5, couple: 2,
};

/** Bound words: how the term's edges turn into a bound. */
const BOUNDS: Record<string, (t: YearRange & { from: number; to: number }) => YearRange> = {
  after: (t) => ({ from: t.to + 1 }),
  post: (t) => ({ from: t.to + 1 }),
  'later than': (t) => ({ from: t.to + 1 }),
  'newer than': (t) => ({ from: t.to + 1 }),
  since: (t) => ({ from: t.from }),
  'no earlier than': (t) => ({ from: t.from }),
  'starting from': (t) => ({ from: t.from }),
  before: (t) => ({ to: t.from - 1 }),
  pre: (t) => ({ to: t.from - 1 }),
  'earlier than': (t) => ({ to: t.from - 1 }),
  'older than': (t) => ({ to: t.from - 1 }),
  'prior to': (t) => ({ to: t.from - 1 }),
  until: (t) => ({ to: t.to }),
  till: (t) => ({ to: t.to }),
  'up to': (t) => ({ to: t.to }),
  'up until': (t) => ({ to: t.to }),
  through: (t) => ({ to: t.to }),
  thru: (t) => ({ to: t.to }),
  'no later than': (t) => ({ to: t.to }),
};
const BOUND_MAX_WORDS = 3;

const POINT_PREPS = new Set(['in', 'of', 'during', 'circa', 'around', 'from']);
const MADE_WORDS = new Set(['made', 'released', 'filmed', 'shot', 'produced']);
const RANGE_JOIN = new Set(['to', 'until', 'till', 'through', 'thru', 'and']);
const LATER_TAILS = ['and later', 'or later', 'onwards', 'onward', 'and newer', 'or newer', 'and up', 'and after', 'or after'];
const EARLIER_TAILS = ['or earlier', 'and earlier', 'or older', 'and older', 'or before', 'and before'];

/** A single year token: "2015", or "'95" (apostrophe before two digits). */
function yearOf(tok: Token | undefined): number | null {
  if (!tok) return null;
  if (/^(18|19|20)\d\d$/u.test(tok.text)) return Number(tok.text);
  if (/^\d\d$/u.test(tok.text) && tok.gap.endsWith("'")) {
    const n = Number(tok.text);
    return n <= 29 ? 2000 + n : 1900 + n;
  }
  return null;
}

/** A decade token: "90s", "'90s", "90's", "1990s", "1990's", "nineties". Returns its first year. */
function decadeOf(tok: Token | undefined): number | null {
  if (!tok) return null;
  const t = tok.text;
  const word = DECADE_WORDS[t];
  if (word !== undefined) return word;
  let m = /^((?:18|19|20)\d)0'?s$/u.exec(t);
  if (m) return Number(m[1]) * 10;
  m = /^(\d)0'?s$/u.exec(t);
  if (m) {
    const d = Number(m[1]);
    return d <= 1 ? 2000 + d * 10 : 1900 + d * 10;
  }
  return null;
}

interface Term {
  from: number;
  to: number;
  end: number;
}

/** A year or (optionally early/mid/late) decade starting at token j, after an optional "the". */
function termAt(tokens: readonly Token[], j: number): Term | null {
  let k = j;
  if (tokens[k]?.text === 'the') k++;
  const part = tokens[k]?.text;
  if (part === 'early' || part === 'mid' || part === 'late') {
    const d = decadeOf(tokens[k + 1]);
    if (d === null) return null;
    const [a, b] = part === 'early' ? [0, 3] : part === 'mid' ? [3, 6] : [7, 9];
    return { from: d + a, to: d + b, end: k + 2 };
  }
  const d = decadeOf(tokens[k]);
  if (d !== null) return { from: d, to: d + 9, end: k + 1 };
  const y = yearOf(tokens[k]);
  if (y !== null) return { from: y, to: y, end: k + 1 };
  return null;
}

/** Matches a multi-word key from a set at position j; returns the number of tokens used. */
function phraseAt(tokens: readonly Token[], j: number, keys: Iterable<string>, maxWords: number): [string, number] | null {
  for (let n = maxWords; n >= 1; n--) {
    const slice = tokens.slice(j, j + n);
    if (slice.length < n) continue;
    if (slice.some((t, i) => i > 0 && t.gap !== '' && t.gap !== '-')) continue;
    const key = slice.map((t) => t.text).join(' ');
    for (const k of keys) if (k === key) return [k, n];
  }
  return null;
}

/** Continues a term into a range ("1995-2000", "1995 to 2000") or an open bound ("2005 or later"). */
function tail(tokens: readonly Token[], first: Term, allowAnd: boolean, afterFrom = false): YearMatch {
  const next = tokens[first.end];
  if (next) {
    const dashed = /[-\u2010-\u2015]/u.test(next.gap);
    if (dashed) {
      const second = termAt(tokens, first.end);
      if (second) return { end: second.end, range: { from: first.from, to: second.to }, kind: 'point' };
    }
    if (RANGE_JOIN.has(next.text) && (allowAnd || next.text !== 'and')) {
      const second = termAt(tokens, first.end + 1);
      if (second) return { end: second.end, range: { from: first.from, to: second.to }, kind: 'point' };
    }
    const later = afterFrom && next.text === 'on' ? (['on', 1] as const) : phraseAt(tokens, first.end, LATER_TAILS, 2);
    if (later) return { end: first.end + later[1], range: { from: first.from }, kind: 'bound' };
    const earlier = phraseAt(tokens, first.end, EARLIER_TAILS, 2);
    if (earlier) return { end: first.end + earlier[1], range: { to: first.to }, kind: 'bound' };
  }
  return { end: first.end, range: { from: first.from, to: first.to }, kind: 'point' };
}

/**
 * The year expression starting at token i, if any. `isHead(j)` says whether token j can follow a
 * year word ("new" in "new sci-fi movies" but not in "new york").
 */
export function matchYears(tokens: readonly Token[], i: number, o: YearOptions, isHead: (j: number) => boolean): YearMatch | null {
  const t = tokens[i];
  if (!t) return null;

  // "set in the 1920s": a setting, kept as content.
  if (t.text === 'set' && tokens[i + 1]?.text === 'in') {
    const term = termAt(tokens, i + 2);
    if (term) return { end: term.end, range: {}, kind: 'point', setting: true };
  }

  // Bounds: "after 2010", "before the 80s", "pre-1980", "up to 1995".
  const bound = phraseAt(tokens, i, Object.keys(BOUNDS), BOUND_MAX_WORDS);
  if (bound) {
    const term = termAt(tokens, i + bound[1]);
    if (term) return { end: term.end, range: BOUNDS[bound[0]]!(term), kind: 'bound' };
  }

  // "between 1995 and 2000", "between the 80s and the 90s".
  if (t.text === 'between') {
    const a = termAt(tokens, i + 1);
    if (a && (tokens[a.end]?.text === 'and' || tokens[a.end]?.text === 'to')) {
      const b = termAt(tokens, a.end + 1);
      if (b) return { end: b.end, range: { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) }, kind: 'point' };
    }
  }

  // "made in 1995", "released in the 80s".
  if (MADE_WORDS.has(t.text) && tokens[i + 1]?.text === 'in') {
    const term = termAt(tokens, i + 2);
    if (term) return tail(tokens, term, false);
  }

  // "from the 80s", "in 2015", "from 1995 to 2000", "from 2005 on".
  if (POINT_PREPS.has(t.text)) {
    const term = termAt(tokens, i + 1);
    if (term) return tail(tokens, term, false, t.text === 'from');
  }

  // "the last 10 years", "past few years", "last decade".
  {
    let k = i;
    if (tokens[k]?.text === 'the' || tokens[k]?.text === 'in') k++;
    if (tokens[k]?.text === 'the') k++;
    if (tokens[k]?.text === 'last' || tokens[k]?.text === 'past') {
      const w = tokens[k + 1]?.text ?? '';
      if (w === 'decade') return { end: k + 2, range: { from: o.latestYear - 9 }, kind: 'bound' };
      let n = /^\d{1,2}$/u.test(w) ? Number(w) : NUMBER_WORDS[w];
      let e = k + 2;
      if (w === 'couple' && tokens[e]?.text === 'of') e++;
      if (n === undefined && (w === 'years' || w === 'year')) {
        n = w === 'year' ? 1 : o.recentSpan;
        e = k + 1;
      }
      if (n !== undefined && (tokens[e]?.text === 'years' || tokens[e]?.text === 'year')) {
        return { end: e + 1, range: { from: o.latestYear - n + 1 }, kind: 'bound' };
      }
    }
  }

  // A bare year or decade, possibly a range or with an open tail.
  const term = termAt(tokens, i);
  if (term) return tail(tokens, term, true);

  // Year words, only before a head ("recent movies", "old westerns", "something classic").
  const word = yearWord(tokens, i, o);
  if (word && (word.end >= tokens.length || isHead(word.end) || isClauseGap(tokens[word.end]!))) return word;
  return null;
}

function isClauseGap(t: Token): boolean {
  return /[,.;:!?]/u.test(t.gap);
}

/** Year words and the span they cover (before the head check). */
function yearWord(tokens: readonly Token[], i: number, o: YearOptions): YearMatch | null {
  const m = yearWordRaw(tokens, i, o);
  return m ? { ...m, vague: true } : null;
}

function yearWordRaw(tokens: readonly Token[], i: number, o: YearOptions): YearMatch | null {
  const t = tokens[i]!.text;
  const recent: YearRange = { from: o.latestYear - o.recentSpan };
  const old: YearRange = { to: o.oldUntil };
  if (t === 'brand' && tokens[i + 1]?.text === 'new') return { end: i + 2, range: recent, kind: 'point' };
  if (t === 'golden' && tokens[i + 1]?.text === 'age') return { end: i + 2, range: { to: 1960 }, kind: 'point' };
  if (t === 'silent' && ['film', 'films', 'movie', 'movies', 'era'].includes(tokens[i + 1]?.text ?? '')) {
    return { end: i + 1, range: { to: 1929 }, kind: 'point' };
  }
  switch (t) {
    case 'recent':
    case 'new':
    case 'newer':
    case 'newest':
    case 'latest':
      return { end: i + 1, range: recent, kind: 'point' };
    case 'modern':
    case 'contemporary':
      return { end: i + 1, range: { from: o.modernFrom }, kind: 'point' };
    case 'old':
    case 'older':
    case 'oldie':
    case 'oldies':
    case 'vintage':
    case 'classic':
    case 'classics':
      return { end: i + 1, range: old, kind: 'point' };
    default:
      return null;
  }
}

/** True when token i starts a year word (used by the head check of a preceding year word). */
export function isYearWordAt(tokens: readonly Token[], i: number, o: YearOptions): boolean {
  return tokens[i] !== undefined && yearWord(tokens, i, o) !== null;
}

/**
 * Combines the year expressions of one query: points (alternatives such as "80s and 90s") are
 * unioned into their hull, bounds are intersected with it. Null when there are none.
 */
export function combineYears(all: readonly Pick<YearMatch, 'range' | 'kind' | 'vague'>[]): YearRange | null {
  const matches = all.some((m) => !m.vague) ? all.filter((m) => !m.vague) : all;
  if (matches.length === 0) return null;
  let hull: YearRange | null = null;
  for (const m of matches) {
    if (m.kind !== 'point') continue;
    hull = hull
      ? {
          from: hull.from === undefined || m.range.from === undefined ? undefined : Math.min(hull.from, m.range.from),
          to: hull.to === undefined || m.range.to === undefined ? undefined : Math.max(hull.to, m.range.to),
        }
      : { ...m.range };
  }
  const out: YearRange = hull ?? {};
  for (const m of matches) {
    if (m.kind !== 'bound') continue;
    if (m.range.from !== undefined) out.from = out.from === undefined ? m.range.from : Math.max(out.from, m.range.from);
    if (m.range.to !== undefined) out.to = out.to === undefined ? m.range.to : Math.min(out.to, m.range.to);
  }
  const clean: YearRange = {};
  if (out.from !== undefined) clean.from = out.from;
  if (out.to !== undefined) clean.to = out.to;
  return clean.from === undefined && clean.to === undefined ? null : clean;
}

/**
 * `parseQuery`: search text → genres, moods, release years, stated feelings and the residual text
 * for the sentence encoder. Deterministic and table-driven: the tables are genre-lexicon.ts,
 * ../mood/moods.ts (mood cues), feelings.ts, control-lexicon.ts and years.ts.
 *
 * Pipeline: tokenize → segment into year expressions, lexicon phrases (longest match, plurals,
 * typos) and plain words → one left-to-right pass that applies negation scopes, intensity
 * modifiers and feeling subjects → merge into a QueryIntent.
 *
 * Scope rules:
 * - A negator ("no", "not a", "without", "anything but", "nothing") applies to the next genre, mood,
 *   year or plain words within 3 fillers, and continues over "or"/"nor"/"and" ("no horror or
 *   romance"); a comma continues it only when the list later has such a connector ("no horror,
 *   gore or romance"). "but", "just", "only", a full stop and the like end it.
 * - Two genres right next to each other under one negation are a combination ("no horror comedy"
 *   excludes horror comedies, not all comedies); a negated multi-genre word ("no superhero movies")
 *   is a combination too.
 * - Soft negators ("not too", "light on") give a negated mood of weight 0.5 (tolerate a little);
 *   on a genre they become a soft negation of that genre's mood ("not too much romance" →
 *   romantic 0.5 negated), since a genre is either excluded or not.
 * - Negated plain words become `avoid` terms ("no zombies") and leave the residual.
 * - Intensity modifiers multiply the following mood's weight ("very scary" 1.5, "a bit scary" 0.5),
 *   capped at 2.
 * - A feeling needs a subject ("I'm", "I feel", "feeling") unless its phrase can only describe the
 *   viewer ("long day", "can't sleep"); "I'm not sad" states no feeling.
 *
 * Merging: per mood, explicit cues win over feelings ("I'm sad but I want a good cry" → sad is
 * wanted); among entries of the same source, the strongest positive wins, and a mix of positive and
 * negated keeps the last one typed. A genre both included and excluded is excluded.
 */
import type { Genre } from '../catalogue/types';
import { MOOD_IDS, type MoodId, type MoodWant } from '../mood/moods';
import { emotionalTone } from '../mood/tone';
import { YEAR_HEADS } from './control-lexicon';
import type { FeelingDef } from './feelings';
import { GENRE_MOOD, type GenreTerm } from './genre-lexicon';
import { matchAt, type LexEntry, type LexMatch } from './lexicon';
import { isClauseBreak, tokenize, type Token } from './tokenize';
import { findEntities, type QueryContext } from './entities';
import type { ContentLimit } from '../content/limits';
import type { QueryIntent, QuerySpan } from './types';
import { combineYears, isYearWordAt, matchYears, type YearMatch, type YearOptions, type YearRange } from './years';

/** Parser options; defaults fit MovieLens latest-small. `context` enables people and "like <title>". */
export type ParseOptions = Partial<YearOptions> & { context?: QueryContext };

const DEFAULTS: YearOptions = { latestYear: 2018, recentSpan: 5, oldUntil: 1970, modernFrom: 2000 };

const MAX_WEIGHT = 2;
const NEG_WINDOW = 3;
const SUBJECT_WINDOW = 3;
const MAX_AVOID_WORDS = 3;
/** Words that make a mood cue a request about the viewer ("cheer me up"), not a description. */
const REQUEST_WORDS = new Set(['me', 'my', 'i', 'you', 'your', 'myself']);
/** Cue phrases that ask for an effect rather than describe a film: left out of the residual. */
const REQUEST_PHRASES = new Set([
  'cry', 'good cry', 'a good cry', 'lol', 'unwind', 'wind down', 'switch off', 'fall asleep', 'fall asleep to',
  'background', 'date night', 'lazy sunday', 'adrenaline rush', 'be scared', 'cheer up', 'tissues', 'sob',
]);

type Item =
  | { k: 'years'; s: number; e: number; m: YearMatch }
  | { k: 'lex'; s: number; e: number; m: LexMatch }
  | { k: 'word'; s: number; e: number };

/** How a token ends up: content for the encoder, filler, a wanted chip, or a control word. */
type Role = 'content' | 'filler' | 'positive' | 'control';

const KIND_ORDER: LexEntry['t'][] = ['genre', 'mood', 'neg', 'int', 'subject', 'conj', 'break', 'stop', 'filler'];

function segment(tokens: readonly Token[], o: YearOptions): Item[] {
  const isHead = (j: number): boolean => {
    const t = tokens[j];
    if (!t) return false;
    if (YEAR_HEADS.has(t.text) || isYearWordAt(tokens, j, o)) return true;
    const m = matchAt(tokens, j);
    return !!m && m.entries.some((e) => e.t === 'genre' || e.t === 'mood');
  };
  const items: Item[] = [];
  let i = 0;
  while (i < tokens.length) {
    const lex = matchAt(tokens, i);
    const years = matchYears(tokens, i, o, isHead);
    // A protected phrase ("new york") or a longer lexicon phrase wins over a year word.
    if (years && !(lex && (lex.entries.some((e) => e.t === 'stop') || lex.end > years.end))) {
      items.push({ k: 'years', s: i, e: years.end, m: years });
      i = years.end;
    } else if (lex) {
      items.push({ k: 'lex', s: i, e: lex.end, m: lex });
      i = lex.end;
    } else {
      items.push({ k: 'word', s: i, e: i + 1 });
      i++;
    }
  }
  return items;
}

type TargetKind = 'genre' | 'mood' | 'word' | 'years';

interface Neg {
  soft: boolean;
  /** Token index of the negator, for the first target's span. */
  start: number;
  /** Whether a target has been negated yet. */
  hit: boolean;
  /** True right after the negator or a connector: the next genre/mood/word is negated. */
  open: boolean;
  /** Item index and kind of the last negated target (an adjacent one of the same kind continues the scope). */
  last: number;
  lastKind: TargetKind | null;
  /** Fillers skipped while open. */
  gap: number;
}

interface GenreChip {
  s: number;
  e: number;
  genres: Genre[];
  negated: boolean;
  combo: boolean;
  /** Item index, to detect adjacency for combinations. */
  item: number;
}

interface MoodHit {
  want: MoodWant;
  order: number;
}

/**
 * Parses a search query: first the items that need the catalogue (people, "like <title>", content
 * limits; entities.ts), whose words are then blanked out (offsets kept) for the table-driven pass
 * over genres, moods, years and feelings.
 */
export function parseQuery(text: string, options: ParseOptions = {}): QueryIntent {
  const { context, ...rest } = options;
  const tokens = tokenize(text);
  const entities = findEntities(tokens, text, context ?? {});
  if (entities.length === 0) return { ...parseTables(text, rest), people: [], like: null, limits: [] };
  let masked = text;
  // People and titles are blanked out; limit words stay for the moods ("not too scary" also
  // avoids the scary mood), except that a gore or violence limit is not a mood ("not gory" is not "not dark").
  for (const x of entities) {
    if (x.kind === 'limit') continue;
    const a = tokens[x.s]!.start;
    const b = tokens[x.e - 1]!.end;
    masked = masked.slice(0, a) + ' '.repeat(b - a) + masked.slice(b);
  }
  const parsed = parseTables(masked, rest);
  const limitRanges = entities.filter((x) => x.kind === 'limit').map((x) => [tokens[x.s]!.start, tokens[x.e - 1]!.end] as const);
  const inLimit = (sp: QuerySpan) => limitRanges.some(([a, b]) => sp.start < b && sp.end > a);
  const dropped = new Set(parsed.spans.filter((sp) => sp.kind === 'mood' && sp.negated && sp.mood !== 'scary' && inLimit(sp)).map((sp) => (sp.kind === 'mood' ? sp.mood : '')));
  const keptSpans = parsed.spans.filter((sp) => !(sp.kind === 'mood' && dropped.has(sp.mood) && sp.negated && inLimit(sp)));
  const keptMoods = parsed.moods.filter((m) => !(m.negated && dropped.has(m.mood) && !keptSpans.some((sp) => sp.kind === 'mood' && sp.mood === m.mood)));
  const base = { ...parsed, moods: keptMoods, spans: keptSpans, emotionalTone: emotionalTone(keptMoods) };
  const spans = [...base.spans];
  const people: NonNullable<QueryIntent['people']> = [];
  let like: QueryIntent['like'] = null;
  const limits: ContentLimit[] = [];
  let kids = false;
  for (const x of entities) {
    const start = tokens[x.s]!.start;
    const end = tokens[x.e - 1]!.end;
    const span = { start, end, text: text.slice(start, end) };
    if (x.kind === 'person') {
      if (!people.some((p) => p.name === x.want.name)) people.push(x.want);
      spans.push({ ...span, kind: 'person', person: x.want });
    } else if (x.kind === 'like') {
      like ??= x.want;
      spans.push({ ...span, kind: 'like', like: x.want });
    } else {
      for (const l of x.limits) {
        const old = limits.find((y) => y.dim === l.dim);
        if (!old) limits.push({ ...l });
        else old.max = Math.min(old.max, l.max);
      }
      if (x.limits.length === 6) kids = true;
      spans.push({ ...span, kind: 'limit', limits: x.limits });
    }
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  // "for kids" also asks for family films.
  const genres = kids && !base.genres.include.includes('Children') && !base.genres.exclude.includes('Children') ? { ...base.genres, include: [...base.genres.include, 'Children' as Genre] } : base.genres;
  return { ...base, text, genres, spans, people, like, limits };
}

/** The table-driven pass: genres, exclusions, moods, years, feelings and the residual. */
function parseTables(text: string, options: Partial<YearOptions>): QueryIntent {
  const o: YearOptions = { ...DEFAULTS, ...options };
  const tokens = tokenize(text);
  const items = segment(tokens, o);
  const roles: Role[] = tokens.map(() => 'content');
  const setRole = (s: number, e: number, r: Role) => {
    for (let k = s; k < e; k++) roles[k] = r;
  };
  const slice = (s: number, e: number) => text.slice(tokens[s]!.start, tokens[e - 1]!.end);

  const spans: QuerySpan[] = [];
  /** Typo-corrected words, written corrected into the residual ("thriler" → "thriller"). */
  const fixes = new Map<number, string>();
  for (const it of items) if (it.k === 'lex' && it.m.via === 'typo') fixes.set(it.s, it.m.key);
  const genreChips: GenreChip[] = [];
  const moodHits: MoodHit[] = [];
  const yearHits: YearMatch[] = [];
  const avoid: string[] = [];
  const feelings: { id: string; label: string }[] = [];
  let order = 0;

  let neg: Neg | null = null;
  let int: { factor: number; s: number; e: number; fillers: number } | null = null;
  let subject: { s: number; e: number; seen: number } | null = null;
  let avoidRun: { span: number; s: number; e: number; words: number; item: number } | null = null;

  const flushAvoid = () => {
    if (!avoidRun) return;
    const term = tokens
      .slice(avoidRun.s, avoidRun.e)
      .map((t) => t.text)
      .join(' ');
    avoid.push(term);
    spans.push({ kind: 'avoid', start: tokens[avoidRun.span]!.start, end: tokens[avoidRun.e - 1]!.end, text: slice(avoidRun.span, avoidRun.e), term });
    avoidRun = null;
  };
  const endNeg = () => {
    flushAvoid();
    neg = null;
  };
  /** The negation that applies to item idx, if any (ends a scope that no longer reaches it). */
  const activeNeg = (idx: number, kind: TargetKind): Neg | null => {
    const n = neg as Neg | null;
    if (!n) return null;
    if (n.open || (n.last === idx - 1 && n.lastKind === kind)) return n;
    endNeg();
    return null;
  };
  /** Marks item idx as a negated target; returns the start token of its span. */
  const hitNeg = (n: Neg, idx: number, s: number, kind: TargetKind): number => {
    const start = n.hit ? s : n.start;
    n.hit = true;
    n.open = false;
    n.last = idx;
    n.lastKind = kind;
    n.gap = 0;
    return start;
  };
  /** Whether a comma-separated list goes on to an "or"/"and" before the clause ends. */
  const listContinues = (from: number): boolean => {
    for (let j = from; j < items.length; j++) {
      const it = items[j]!;
      if (j > from && /[.;:!?]/u.test(tokens[it.s]!.gap)) return false;
      if (it.k !== 'lex') continue;
      if (it.m.entries.some((e) => e.t === 'break' || e.t === 'neg')) return false;
      if (it.m.entries.some((e) => e.t === 'conj')) return true;
    }
    return false;
  };

  const addMood = (mood: MoodId, weight: number, negated: boolean, source: 'cue' | 'feeling', s: number, e: number) => {
    const w = Math.min(MAX_WEIGHT, Math.round(weight * 1000) / 1000);
    const want: MoodWant = { mood, weight: w, negated, source };
    moodHits.push({ want, order: order++ });
    if (source === 'cue') spans.push({ kind: 'mood', start: tokens[s]!.start, end: tokens[e - 1]!.end, text: slice(s, e), mood, weight: w, negated });
    return want;
  };

  const applyGenre = (term: GenreTerm, it: Extract<Item, { k: 'lex' }>, idx: number) => {
    const n = activeNeg(idx, term.keep ? 'word' : 'genre');
    if (n && term.keep && !n.soft) {
      // "no zombies": a topic word is avoided, not its whole genre.
      flushAvoid();
      const span = hitNeg(n, idx, it.s, 'word');
      avoidRun = { span, s: it.s, e: it.e, words: 1, item: idx };
      setRole(span, it.e, 'control');
      return;
    }
    if (n) {
      const s = hitNeg(n, idx, it.s, 'genre');
      setRole(s, it.e, 'control');
      if (n.soft) {
        const mood = term.genres.map((g) => GENRE_MOOD[g]).find((m) => m !== undefined);
        if (mood) addMood(mood, 0.5, true, 'cue', s, it.e);
        return;
      }
      const prev = genreChips[genreChips.length - 1];
      // "no horror comedy": adjacent genres under one negation form a combination.
      if (prev && prev.negated && prev.item === idx - 1 && !isClauseBreak(tokens[it.s]!.gap)) {
        prev.genres = [...new Set([...prev.genres, ...term.genres])];
        prev.combo = true;
        prev.e = it.e;
        prev.item = idx;
        return;
      }
      genreChips.push({ s, e: it.e, genres: [...term.genres], negated: true, combo: term.combo === true || term.genres.length > 1, item: idx });
      return;
    }
    setRole(it.s, it.e, term.keep ? 'content' : 'positive');
    if (int) setRole(int.s, int.e, 'positive');
    genreChips.push({ s: it.s, e: it.e, genres: [...term.genres], negated: false, combo: term.combo === true, item: idx });
    for (const [mood, w] of term.moods ?? []) addMood(mood, w * (int?.factor ?? 1), false, 'cue', it.s, it.e);
  };

  const applyMood = (moods: readonly [MoodId, number][], it: Extract<Item, { k: 'lex' }>, idx: number) => {
    const request = REQUEST_PHRASES.has(it.m.key) || tokens.slice(it.s, it.e).some((t) => REQUEST_WORDS.has(t.text));
    const n = activeNeg(idx, 'mood');
    if (n) {
      const s = hitNeg(n, idx, it.s, 'mood');
      setRole(s, it.e, 'control');
      for (const [mood, w] of moods) addMood(mood, (n.soft ? 0.5 : 1) * Math.min(1, w), true, 'cue', s, it.e);
      return;
    }
    const s = int ? int.s : it.s;
    setRole(s, it.e, request ? 'control' : 'positive');
    for (const [mood, w] of moods) addMood(mood, w * (int?.factor ?? 1), false, 'cue', s, it.e);
  };

  const applyFeeling = (f: FeelingDef, it: Item) => {
    const s = subject ? subject.s : int ? int.s : it.s;
    setRole(s, it.e, 'control');
    if (neg) {
      // "I'm not sad": no feeling stated.
      endNeg();
      return;
    }
    const factor = int?.factor ?? 1;
    const wants: MoodWant[] = [];
    for (const [mood, w] of f.wants) wants.push(addMood(mood, w * factor, false, 'feeling', s, it.e));
    for (const [mood, w] of f.avoids ?? []) wants.push(addMood(mood, w, true, 'feeling', s, it.e));
    feelings.push({ id: f.id, label: f.label });
    spans.push({ kind: 'feeling', start: tokens[s]!.start, end: tokens[it.e - 1]!.end, text: slice(s, it.e), feeling: f.id, label: f.label, moods: wants });
  };

  items.forEach((it, idx) => {
    const first = tokens[it.s]!;
    // Clause punctuation before this item: ends, or for "a, b or c" lists continues, a negation.
    if (idx > 0 && isClauseBreak(first.gap)) {
      subject = null;
      int = null;
      const n = neg as Neg | null;
      if (n) {
        if (/^,+$/u.test(first.gap) && n.hit && listContinues(idx)) {
          flushAvoid();
          n.open = true;
          n.gap = 0;
        } else endNeg();
      }
    }

    if (it.k === 'years') {
      if (it.m.setting) {
        setRole(it.s, it.e, 'content');
        for (let k = it.s; k < it.e; k++) if (tokens[k]!.text === 'in' || tokens[k]!.text === 'the') roles[k] = 'filler';
        endNeg();
        return;
      }
      let range: YearRange = it.m.range;
      let s = it.s;
      const n = activeNeg(idx, 'years');
      if (n && !n.soft) {
        s = hitNeg(n, idx, it.s, 'years');
        // "nothing before 1990" → from 1990; a negated point cannot be expressed and is dropped.
        if (it.m.kind === 'bound' && range.to !== undefined && range.from === undefined) range = { from: range.to + 1 };
        else if (it.m.kind === 'bound' && range.from !== undefined && range.to === undefined) range = { to: range.from - 1 };
        else range = {};
      }
      setRole(s, it.e, 'control');
      if (range.from !== undefined || range.to !== undefined) {
        yearHits.push({ ...it.m, range });
        spans.push({ kind: 'years', start: tokens[s]!.start, end: tokens[it.e - 1]!.end, text: slice(s, it.e), years: range });
      }
      int = null;
      subject = null;
      return;
    }

    if (it.k === 'word') {
      subject = null;
      int = null;
      const n = activeNeg(idx, 'word');
      const run = avoidRun as { span: number; s: number; e: number; words: number; item: number } | null;
      if (n && (!run || run.item !== idx - 1 || run.words < MAX_AVOID_WORDS)) {
        if (run && run.item === idx - 1) {
          avoidRun = { ...run, e: it.e, words: run.words + 1, item: idx };
          n.last = idx;
        } else {
          flushAvoid();
          const span = hitNeg(n, idx, it.s, 'word');
          avoidRun = { span, s: it.s, e: it.e, words: 1, item: idx };
        }
        roles[it.s] = 'control';
        return;
      }
      if (n) endNeg();
      roles[it.s] = 'content';
      return;
    }

    // Lexicon item: pick the meaning that fits the context.
    const entries = it.m.entries;
    const state = entries.find((e): e is Extract<LexEntry, { t: 'state' }> => e.t === 'state');
    if (state && (subject || state.standalone)) {
      applyFeeling(state.feeling, it);
      subject = null;
      int = null;
      neg = null;
      return;
    }
    const entry = KIND_ORDER.map((k) => entries.find((e) => e.t === k)).find((e) => e !== undefined);
    if (!entry) {
      // A state word without a subject and no other meaning ("blue"): plain content.
      subject = null;
      int = null;
      if (neg) endNeg();
      setRole(it.s, it.e, 'content');
      return;
    }
    switch (entry.t) {
      case 'genre':
        if (avoidRun) flushAvoid();
        applyGenre(entry.term, it, idx);
        int = null;
        subject = null;
        return;
      case 'mood':
        if (avoidRun) flushAvoid();
        applyMood(entry.moods, it, idx);
        int = null;
        subject = null;
        return;
      case 'neg':
        endNeg();
        neg = { soft: entry.soft, start: it.s, hit: false, open: true, last: -2, lastKind: null, gap: 0 };
        int = null;
        setRole(it.s, it.e, 'control');
        return;
      case 'int':
        int = int ? { factor: int.factor * entry.factor, s: int.s, e: it.e, fillers: 0 } : { factor: entry.factor, s: it.s, e: it.e, fillers: 0 };
        setRole(it.s, it.e, neg && (neg as Neg).open ? 'control' : 'filler');
        return;
      case 'subject':
        subject = { s: it.s, e: it.e, seen: 0 };
        setRole(it.s, it.e, 'filler');
        return;
      case 'conj': {
        const n = neg as Neg | null;
        if (n && n.hit && (n.open || n.last === idx - 1 || n.gap <= NEG_WINDOW)) {
          flushAvoid();
          n.open = true;
          n.gap = 0;
          setRole(it.s, it.e, 'control');
        } else setRole(it.s, it.e, 'filler');
        return;
      }
      case 'break':
        endNeg();
        subject = null;
        int = null;
        setRole(it.s, it.e, 'filler');
        return;
      case 'stop': {
        subject = null;
        int = null;
        const n = activeNeg(idx, 'word');
        if (n) {
          flushAvoid();
          const span = hitNeg(n, idx, it.s, 'word');
          avoidRun = { span, s: it.s, e: it.e, words: MAX_AVOID_WORDS, item: idx };
          setRole(span, it.e, 'control');
          flushAvoid();
          return;
        }
        setRole(it.s, it.e, 'content');
        return;
      }
      case 'filler':
      case 'state': {
        const n = neg as Neg | null;
        setRole(it.s, it.e, n && n.open ? 'control' : 'filler');
        if (n) {
          n.gap++;
          if (n.open && n.gap > NEG_WINDOW) endNeg();
        }
        if (int && ++int.fillers > 2) int = null;
        if (subject && ++subject.seen > SUBJECT_WINDOW) subject = null;
        return;
      }
    }
  });
  flushAvoid();

  const genres = mergeGenres(genreChips);
  for (const c of genreChips) {
    spans.push({ kind: 'genre', start: tokens[c.s]!.start, end: tokens[c.e - 1]!.end, text: slice(c.s, c.e), genres: c.genres, negated: c.negated, combo: c.combo });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const moods = mergeMoods(moodHits);
  return {
    text,
    genres,
    moods,
    years: combineYears(yearHits),
    residual: residualText(text, tokens, roles, fixes),
    content: tokens
      .filter((_, k) => roles[k] === 'content')
      .map((t) => text.slice(t.start, t.end))
      .join(' '),
    avoid,
    feelings,
    emotionalTone: emotionalTone(moods),
    spans,
  };
}

function mergeGenres(chips: readonly GenreChip[]): QueryIntent['genres'] {
  const include = new Set<Genre>();
  const exclude = new Set<Genre>();
  const combos: Genre[][] = [];
  for (const c of chips) {
    if (!c.negated) c.genres.forEach((g) => include.add(g));
    else if (c.combo) {
      const key = [...c.genres].sort().join('|');
      if (!combos.some((x) => [...x].sort().join('|') === key)) combos.push([...c.genres]);
    } else c.genres.forEach((g) => exclude.add(g));
  }
  for (const g of exclude) include.delete(g);
  return { include: [...include], exclude: [...exclude], excludeCombos: combos };
}

function mergeMoods(hits: readonly MoodHit[]): MoodWant[] {
  const out: { want: MoodWant; order: number }[] = [];
  for (const mood of MOOD_IDS) {
    const mine = hits.filter((h) => h.want.mood === mood);
    if (mine.length === 0) continue;
    const cues = mine.filter((h) => h.want.source === 'cue');
    const pool = cues.length > 0 ? cues : mine;
    const polarities = new Set(pool.map((h) => h.want.negated));
    let pick: MoodHit;
    if (polarities.size > 1) pick = pool.reduce((a, b) => (b.order > a.order ? b : a));
    else pick = pool.reduce((a, b) => (b.want.weight > a.want.weight ? b : a));
    out.push({ want: pick.want, order: Math.min(...pool.map((h) => h.order)) });
  }
  return out.sort((a, b) => a.order - b.order).map((x) => x.want);
}

const EDGE_WORDS = new Set(['and', 'or', 'nor', 'but', 'with', 'from', 'in', 'of', 'the', 'a', 'an', 'plus', 'also', 'just', 'only', 'please', 'that', 'is', 'are']);

/** The query text without control tokens, tidied (no dangling connectors or punctuation). */
function residualText(text: string, tokens: readonly Token[], roles: readonly Role[], fixes: ReadonlyMap<number, string>): string {
  const kept: number[] = [];
  roles.forEach((r, k) => {
    if (r !== 'control') kept.push(k);
  });
  // Only fillers left ("I want a good cry" → nothing for the encoder).
  if (!kept.some((k) => roles[k] === 'content' || roles[k] === 'positive')) return '';
  // Trim dangling connectors and articles at both ends.
  const edge = (k: number) => roles[k] === 'filler' && EDGE_WORDS.has(tokens[k]!.text);
  while (kept.length && edge(kept[0]!)) kept.shift();
  while (kept.length && edge(kept[kept.length - 1]!)) kept.pop();
  let out = '';
  kept.forEach((k, n) => {
    const t = tokens[k]!;
    if (n > 0) {
      const prev = kept[n - 1]!;
      out += prev === k - 1 ? text.slice(tokens[prev]!.end, t.start) : ' ';
    }
    out += fixes.get(k) ?? text.slice(t.start, t.end);
  });
  return out
    .replace(/\s+/gu, ' ')
    .replace(/\s+([,.;:!?])/gu, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/gu, '$1')
    .replace(/^[\s,.;:!?-]+|[\s,;:-]+$/gu, '')
    .trim();
}

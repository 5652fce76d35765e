/**
 * `parseQuery`: search text → genres, moods, release years, stated feelings and the residual text
 * for the sentence encoder. Deterministic and table-driven: the tables are genre-lexicon.ts,
 * ../mood/moods.ts (mood cues), feelings.ts, control-lexicon.ts and years.ts.
 *
 * Pipeline: find the catalogue-dependent items (people, "like <title>", content limits:
 * entities.ts) → tokenize → segment into year expressions, lexicon phrases (longest match,
 * plurals, typos) and plain words → one left-to-right pass (`TableParser`, one method per kind of
 * item) that applies negation scopes, intensity modifiers and feeling subjects → merge into a
 * QueryIntent.
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
  return new TableParser(text, { ...DEFAULTS, ...options }).parse();
}

type AvoidRun = { span: number; s: number; e: number; words: number; item: number };
type LexItem = Extract<Item, { k: 'lex' }>;

/**
 * One left-to-right pass over the segmented items, one method per kind of item (years, plain word,
 * genre, mood, feeling, negator, intensifier, subject, connector, clause break, stop phrase,
 * filler), sharing the scope state: the open negation, intensifier and feeling subject.
 */
class TableParser {
  private readonly tokens: Token[];
  private readonly items: Item[];
  private readonly roles: Role[];
  private readonly spans: QuerySpan[] = [];
  /** Typo-corrected words, written corrected into the residual ("thriler" → "thriller"). */
  private readonly fixes = new Map<number, string>();
  private readonly genreChips: GenreChip[] = [];
  private readonly moodHits: MoodHit[] = [];
  private readonly yearHits: YearMatch[] = [];
  private readonly avoid: string[] = [];
  private readonly feelings: { id: string; label: string }[] = [];
  private order = 0;
  private neg: Neg | null = null;
  private int: { factor: number; s: number; e: number; fillers: number } | null = null;
  private subject: { s: number; e: number; seen: number } | null = null;
  private avoidRun: AvoidRun | null = null;

  constructor(
    private readonly text: string,
    o: YearOptions,
  ) {
    this.tokens = tokenize(text);
    this.items = segment(this.tokens, o);
    this.roles = this.tokens.map(() => 'content');
    for (const it of this.items) if (it.k === 'lex' && it.m.via === 'typo') this.fixes.set(it.s, it.m.key);
  }

  parse(): QueryIntent {
    this.items.forEach((it, idx) => this.item(it, idx));
    this.flushAvoid();
    const { text, tokens, roles, spans } = this;
    const genres = mergeGenres(this.genreChips);
    for (const c of this.genreChips) {
      spans.push({ kind: 'genre', start: tokens[c.s]!.start, end: tokens[c.e - 1]!.end, text: this.slice(c.s, c.e), genres: c.genres, negated: c.negated, combo: c.combo });
    }
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    const moods = mergeMoods(this.moodHits);
    return {
      text,
      genres,
      moods,
      years: combineYears(this.yearHits),
      residual: residualText(text, tokens, roles, this.fixes),
      content: tokens
        .filter((_, k) => roles[k] === 'content')
        .map((t) => text.slice(t.start, t.end))
        .join(' '),
      avoid: this.avoid,
      feelings: this.feelings,
      emotionalTone: emotionalTone(moods),
      spans,
    };
  }

  // ------------------------------------------------------------ shared helpers

  private setRole(s: number, e: number, r: Role): void {
    for (let k = s; k < e; k++) this.roles[k] = r;
  }

  private slice(s: number, e: number): string {
    return this.text.slice(this.tokens[s]!.start, this.tokens[e - 1]!.end);
  }

  private flushAvoid(): void {
    const run = this.avoidRun;
    if (!run) return;
    const term = this.tokens
      .slice(run.s, run.e)
      .map((t) => t.text)
      .join(' ');
    this.avoid.push(term);
    this.spans.push({ kind: 'avoid', start: this.tokens[run.span]!.start, end: this.tokens[run.e - 1]!.end, text: this.slice(run.span, run.e), term });
    this.avoidRun = null;
  }

  private endNeg(): void {
    this.flushAvoid();
    this.neg = null;
  }

  /** The negation that applies to item idx, if any (ends a scope that no longer reaches it). */
  private activeNeg(idx: number, kind: TargetKind): Neg | null {
    const n = this.neg;
    if (!n) return null;
    if (n.open || (n.last === idx - 1 && n.lastKind === kind)) return n;
    this.endNeg();
    return null;
  }

  /** Marks item idx as a negated target; returns the start token of its span. */
  private hitNeg(n: Neg, idx: number, s: number, kind: TargetKind): number {
    const start = n.hit ? s : n.start;
    n.hit = true;
    n.open = false;
    n.last = idx;
    n.lastKind = kind;
    n.gap = 0;
    return start;
  }

  /** Whether a comma-separated list goes on to an "or"/"and" before the clause ends. */
  private listContinues(from: number): boolean {
    for (let j = from; j < this.items.length; j++) {
      const it = this.items[j]!;
      if (j > from && /[.;:!?]/u.test(this.tokens[it.s]!.gap)) return false;
      if (it.k !== 'lex') continue;
      if (it.m.entries.some((e) => e.t === 'break' || e.t === 'neg')) return false;
      if (it.m.entries.some((e) => e.t === 'conj')) return true;
    }
    return false;
  }

  private addMood(mood: MoodId, weight: number, negated: boolean, source: 'cue' | 'feeling', s: number, e: number): MoodWant {
    const w = Math.min(MAX_WEIGHT, Math.round(weight * 1000) / 1000);
    const want: MoodWant = { mood, weight: w, negated, source };
    this.moodHits.push({ want, order: this.order++ });
    if (source === 'cue') this.spans.push({ kind: 'mood', start: this.tokens[s]!.start, end: this.tokens[e - 1]!.end, text: this.slice(s, e), mood, weight: w, negated });
    return want;
  }

  // ------------------------------------------------------------ one method per kind of item

  private item(it: Item, idx: number): void {
    const first = this.tokens[it.s]!;
    // Clause punctuation before this item: ends, or for "a, b or c" lists continues, a negation.
    if (idx > 0 && isClauseBreak(first.gap)) {
      this.subject = null;
      this.int = null;
      const n = this.neg;
      if (n) {
        if (/^,+$/u.test(first.gap) && n.hit && this.listContinues(idx)) {
          this.flushAvoid();
          n.open = true;
          n.gap = 0;
        } else this.endNeg();
      }
    }
    if (it.k === 'years') this.years(it, idx);
    else if (it.k === 'word') this.word(it, idx);
    else this.lexical(it, idx);
  }

  private years(it: Extract<Item, { k: 'years' }>, idx: number): void {
    const { roles, tokens } = this;
    if (it.m.setting) {
      this.setRole(it.s, it.e, 'content');
      for (let k = it.s; k < it.e; k++) if (tokens[k]!.text === 'in' || tokens[k]!.text === 'the') roles[k] = 'filler';
      this.endNeg();
      return;
    }
    let range: YearRange = it.m.range;
    let s = it.s;
    const n = this.activeNeg(idx, 'years');
    if (n && !n.soft) {
      s = this.hitNeg(n, idx, it.s, 'years');
      // "nothing before 1990" → from 1990; a negated point cannot be expressed and is dropped.
      if (it.m.kind === 'bound' && range.to !== undefined && range.from === undefined) range = { from: range.to + 1 };
      else if (it.m.kind === 'bound' && range.from !== undefined && range.to === undefined) range = { to: range.from - 1 };
      else range = {};
    }
    this.setRole(s, it.e, 'control');
    if (range.from !== undefined || range.to !== undefined) {
      this.yearHits.push({ ...it.m, range });
      this.spans.push({ kind: 'years', start: tokens[s]!.start, end: tokens[it.e - 1]!.end, text: this.slice(s, it.e), years: range });
    }
    this.int = null;
    this.subject = null;
  }

  private word(it: Extract<Item, { k: 'word' }>, idx: number): void {
    this.subject = null;
    this.int = null;
    const n = this.activeNeg(idx, 'word');
    const run = this.avoidRun;
    if (n && (!run || run.item !== idx - 1 || run.words < MAX_AVOID_WORDS)) {
      if (run && run.item === idx - 1) {
        this.avoidRun = { ...run, e: it.e, words: run.words + 1, item: idx };
        n.last = idx;
      } else {
        this.flushAvoid();
        const span = this.hitNeg(n, idx, it.s, 'word');
        this.avoidRun = { span, s: it.s, e: it.e, words: 1, item: idx };
      }
      this.roles[it.s] = 'control';
      return;
    }
    if (n) this.endNeg();
    this.roles[it.s] = 'content';
  }

  /** A lexicon item: picks the meaning that fits the context, then hands it to its method. */
  private lexical(it: LexItem, idx: number): void {
    const entries = it.m.entries;
    const state = entries.find((e): e is Extract<LexEntry, { t: 'state' }> => e.t === 'state');
    if (state && (this.subject || state.standalone)) {
      this.feeling(state.feeling, it);
      this.subject = null;
      this.int = null;
      this.neg = null;
      return;
    }
    const entry = KIND_ORDER.map((k) => entries.find((e) => e.t === k)).find((e) => e !== undefined);
    if (!entry) {
      // A state word without a subject and no other meaning ("blue"): plain content.
      this.subject = null;
      this.int = null;
      if (this.neg) this.endNeg();
      this.setRole(it.s, it.e, 'content');
      return;
    }
    switch (entry.t) {
      case 'genre':
        return this.genre(entry.term, it, idx);
      case 'mood':
        return this.mood(entry.moods, it, idx);
      case 'neg':
        return this.negator(entry.soft, it);
      case 'int':
        return this.intensifier(entry.factor, it);
      case 'subject':
        this.subject = { s: it.s, e: it.e, seen: 0 };
        return this.setRole(it.s, it.e, 'filler');
      case 'conj':
        return this.connector(it, idx);
      case 'break':
        this.endNeg();
        this.subject = null;
        this.int = null;
        return this.setRole(it.s, it.e, 'filler');
      case 'stop':
        return this.stop(it, idx);
      case 'filler':
      case 'state':
        return this.filler(it);
    }
  }

  private genre(term: GenreTerm, it: LexItem, idx: number): void {
    if (this.avoidRun) this.flushAvoid();
    this.applyGenre(term, it, idx);
    this.int = null;
    this.subject = null;
  }

  private applyGenre(term: GenreTerm, it: LexItem, idx: number): void {
    const n = this.activeNeg(idx, term.keep ? 'word' : 'genre');
    if (n && term.keep && !n.soft) {
      // "no zombies": a topic word is avoided, not its whole genre.
      this.flushAvoid();
      const span = this.hitNeg(n, idx, it.s, 'word');
      this.avoidRun = { span, s: it.s, e: it.e, words: 1, item: idx };
      this.setRole(span, it.e, 'control');
      return;
    }
    if (n) {
      const s = this.hitNeg(n, idx, it.s, 'genre');
      this.setRole(s, it.e, 'control');
      if (n.soft) {
        const mood = term.genres.map((g) => GENRE_MOOD[g]).find((m) => m !== undefined);
        if (mood) this.addMood(mood, 0.5, true, 'cue', s, it.e);
        return;
      }
      const prev = this.genreChips[this.genreChips.length - 1];
      // "no horror comedy": adjacent genres under one negation form a combination.
      if (prev && prev.negated && prev.item === idx - 1 && !isClauseBreak(this.tokens[it.s]!.gap)) {
        prev.genres = [...new Set([...prev.genres, ...term.genres])];
        prev.combo = true;
        prev.e = it.e;
        prev.item = idx;
        return;
      }
      this.genreChips.push({ s, e: it.e, genres: [...term.genres], negated: true, combo: term.combo === true || term.genres.length > 1, item: idx });
      return;
    }
    this.setRole(it.s, it.e, term.keep ? 'content' : 'positive');
    if (this.int) this.setRole(this.int.s, this.int.e, 'positive');
    this.genreChips.push({ s: it.s, e: it.e, genres: [...term.genres], negated: false, combo: term.combo === true, item: idx });
    for (const [mood, w] of term.moods ?? []) this.addMood(mood, w * (this.int?.factor ?? 1), false, 'cue', it.s, it.e);
  }

  private mood(moods: readonly [MoodId, number][], it: LexItem, idx: number): void {
    if (this.avoidRun) this.flushAvoid();
    const request = REQUEST_PHRASES.has(it.m.key) || this.tokens.slice(it.s, it.e).some((t) => REQUEST_WORDS.has(t.text));
    const n = this.activeNeg(idx, 'mood');
    if (n) {
      const s = this.hitNeg(n, idx, it.s, 'mood');
      this.setRole(s, it.e, 'control');
      for (const [mood, w] of moods) this.addMood(mood, (n.soft ? 0.5 : 1) * Math.min(1, w), true, 'cue', s, it.e);
    } else {
      const s = this.int ? this.int.s : it.s;
      this.setRole(s, it.e, request ? 'control' : 'positive');
      for (const [mood, w] of moods) this.addMood(mood, w * (this.int?.factor ?? 1), false, 'cue', s, it.e);
    }
    this.int = null;
    this.subject = null;
  }

  private feeling(f: FeelingDef, it: Item): void {
    const s = this.subject ? this.subject.s : this.int ? this.int.s : it.s;
    this.setRole(s, it.e, 'control');
    if (this.neg) {
      // "I'm not sad": no feeling stated.
      this.endNeg();
      return;
    }
    const factor = this.int?.factor ?? 1;
    const wants: MoodWant[] = [];
    for (const [mood, w] of f.wants) wants.push(this.addMood(mood, w * factor, false, 'feeling', s, it.e));
    for (const [mood, w] of f.avoids ?? []) wants.push(this.addMood(mood, w, true, 'feeling', s, it.e));
    this.feelings.push({ id: f.id, label: f.label });
    this.spans.push({ kind: 'feeling', start: this.tokens[s]!.start, end: this.tokens[it.e - 1]!.end, text: this.slice(s, it.e), feeling: f.id, label: f.label, moods: wants });
  }

  private negator(soft: boolean, it: LexItem): void {
    this.endNeg();
    this.neg = { soft, start: it.s, hit: false, open: true, last: -2, lastKind: null, gap: 0 };
    this.int = null;
    this.setRole(it.s, it.e, 'control');
  }

  private intensifier(factor: number, it: LexItem): void {
    const int = this.int;
    this.int = int ? { factor: int.factor * factor, s: int.s, e: it.e, fillers: 0 } : { factor, s: it.s, e: it.e, fillers: 0 };
    this.setRole(it.s, it.e, this.neg?.open ? 'control' : 'filler');
  }

  private connector(it: LexItem, idx: number): void {
    const n = this.neg;
    if (n && n.hit && (n.open || n.last === idx - 1 || n.gap <= NEG_WINDOW)) {
      this.flushAvoid();
      n.open = true;
      n.gap = 0;
      this.setRole(it.s, it.e, 'control');
    } else this.setRole(it.s, it.e, 'filler');
  }

  private stop(it: LexItem, idx: number): void {
    this.subject = null;
    this.int = null;
    const n = this.activeNeg(idx, 'word');
    if (n) {
      this.flushAvoid();
      const span = this.hitNeg(n, idx, it.s, 'word');
      this.avoidRun = { span, s: it.s, e: it.e, words: MAX_AVOID_WORDS, item: idx };
      this.setRole(span, it.e, 'control');
      this.flushAvoid();
      return;
    }
    this.setRole(it.s, it.e, 'content');
  }

  private filler(it: LexItem): void {
    const n = this.neg;
    this.setRole(it.s, it.e, n && n.open ? 'control' : 'filler');
    if (n) {
      n.gap++;
      if (n.open && n.gap > NEG_WINDOW) this.endNeg();
    }
    if (this.int && ++this.int.fillers > 2) this.int = null;
    if (this.subject && ++this.subject.seen > SUBJECT_WINDOW) this.subject = null;
  }
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

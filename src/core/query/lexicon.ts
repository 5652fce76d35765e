/**
 * The phrase lexicon: every table (genres, mood cues, feelings, function words) merged into one
 * map from normalised phrase to its possible meanings, with longest-match lookup, plural
 * stripping for genre nouns and typo tolerance (Damerau–Levenshtein ≤ 1 for words of ≥ 5 letters).
 */
import { MOODS, type MoodId } from '../mood/moods';
import { BREAKS, CONNECTORS, FILLERS, INTENSIFIERS, NEGATORS, STOP_PHRASES, SUBJECTS } from './control-lexicon';
import { FEELINGS, type FeelingDef } from './feelings';
import { GENRE_TERMS, type GenreTerm } from './genre-lexicon';
import { joinsPhrase, type Token } from './tokenize';
import { damerauLevenshtein } from './typo';
import { TYPO_GUARD } from './typo-guard';

/** One meaning of a phrase. */
export type LexEntry =
  | { t: 'genre'; term: GenreTerm }
  | { t: 'mood'; moods: [MoodId, number][] }
  | { t: 'neg'; soft: boolean }
  | { t: 'int'; factor: number }
  | { t: 'conj' }
  | { t: 'break' }
  | { t: 'subject' }
  | { t: 'state'; feeling: FeelingDef; standalone: boolean }
  | { t: 'filler' }
  | { t: 'stop' };

/** A lexicon hit at a token position. */
export interface LexMatch {
  /** Index one past the last token. */
  end: number;
  entries: readonly LexEntry[];
  /** The lexicon key it matched (differs from the text for plurals and typos). */
  key: string;
  /** How it matched. */
  via: 'exact' | 'plural' | 'typo';
}

const TABLE = new Map<string, LexEntry[]>();
const add = (phrase: string, entry: LexEntry) => {
  const list = TABLE.get(phrase) ?? [];
  list.push(entry);
  TABLE.set(phrase, list);
};

for (const [phrase, term] of Object.entries(GENRE_TERMS)) add(phrase, { t: 'genre', term });
{
  const moodCues = new Map<string, [MoodId, number][]>();
  for (const mood of MOODS) {
    for (const cue of mood.cues) {
      const list = moodCues.get(cue.phrase) ?? [];
      list.push([mood.id, cue.weight]);
      moodCues.set(cue.phrase, list);
    }
  }
  for (const [phrase, moods] of moodCues) add(phrase, { t: 'mood', moods });
}
for (const f of FEELINGS) {
  for (const p of f.phrases) add(p, { t: 'state', feeling: f, standalone: f.standalone?.includes(p) ?? false });
  for (const p of f.standalone ?? []) if (!f.phrases.includes(p)) add(p, { t: 'state', feeling: f, standalone: true });
}
for (const [phrase, { soft }] of Object.entries(NEGATORS)) add(phrase, { t: 'neg', soft });
for (const [phrase, factor] of Object.entries(INTENSIFIERS)) add(phrase, { t: 'int', factor });
for (const p of CONNECTORS) add(p, { t: 'conj' });
for (const p of BREAKS) add(p, { t: 'break' });
for (const p of SUBJECTS) add(p, { t: 'subject' });
for (const p of FILLERS) add(p, { t: 'filler' });
for (const p of STOP_PHRASES) add(p, { t: 'stop' });

const MAX_WORDS = Math.max(...[...TABLE.keys()].map((k) => k.split(' ').length));

/** Kinds of entry a misspelt word may be corrected to (function words are too short or too risky). */
const TYPO_KINDS = new Set<LexEntry['t']>(['genre', 'mood', 'state', 'neg']);
const MIN_TYPO_LENGTH = 5;
const TYPO_KEYS = [...TABLE.entries()]
  .filter(([k, es]) => !k.includes(' ') && k.length >= MIN_TYPO_LENGTH && es.some((e) => TYPO_KINDS.has(e.t)))
  .map(([k]) => k);

/** All lexicon keys (for tests and the typo-guard generator). */
export function lexiconKeys(): string[] {
  return [...TABLE.keys()];
}

/** The single-word keys eligible for typo correction. */
export function typoKeys(): readonly string[] {
  return TYPO_KEYS;
}

/** Exact lookup of a normalised phrase. */
export function lookup(phrase: string): readonly LexEntry[] | undefined {
  return TABLE.get(phrase);
}

/** Singular candidates of a plural noun ("comedies" → "comedy", "westerns" → "western"). */
export function singulars(word: string): string[] {
  const out: string[] = [];
  if (word.length < 4 || word.endsWith('ss')) return out;
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s')) out.push(word.slice(0, -1));
  return out;
}

/**
 * The lexicon key a misspelt word stands for: the unique key of ≥ 5 letters within
 * Damerau–Levenshtein distance 1, unless the word is a real English word close to a key
 * (the typo guard: "sunny" is not "funny", "auction" is not "action").
 */
export function correctTypo(word: string): string | null {
  if (word.length < MIN_TYPO_LENGTH || !/^[a-z]+$/u.test(word) || TYPO_GUARD.has(word)) return null;
  let found: string | null = null;
  for (const key of TYPO_KEYS) {
    if (Math.abs(key.length - word.length) > 1) continue;
    if (damerauLevenshtein(word, key, 1) <= 1) {
      if (found !== null && found !== key) return null;
      found = key;
    }
  }
  return found;
}

/** Longest lexicon match starting at token i (exact phrases first, then plural, then typo). */
export function matchAt(tokens: readonly Token[], i: number): LexMatch | null {
  for (let n = Math.min(MAX_WORDS, tokens.length - i); n >= 1; n--) {
    let ok = true;
    for (let k = 1; k < n; k++) if (!joinsPhrase(tokens[i + k]!.gap)) ok = false;
    if (!ok) continue;
    const key = tokens
      .slice(i, i + n)
      .map((t) => t.text)
      .join(' ');
    const entries = TABLE.get(key);
    if (entries) return { end: i + n, entries, key, via: 'exact' };
    if (n >= 2) {
      // Plural of a multi-word genre phrase: "rom-coms", "love stories", "spaghetti westerns".
      const head = key.slice(0, key.lastIndexOf(' ') + 1);
      for (const s of singulars(tokens[i + n - 1]!.text)) {
        const plural = TABLE.get(head + s)?.filter((e) => e.t === 'genre');
        if (plural?.length) return { end: i + n, entries: plural, key: head + s, via: 'plural' };
      }
    }
  }
  const word = tokens[i]!.text;
  for (const s of singulars(word)) {
    const entries = TABLE.get(s)?.filter((e) => e.t === 'genre' || e.t === 'stop');
    if (entries?.length) return { end: i + 1, entries, key: s, via: 'plural' };
  }
  for (const w of [word, ...singulars(word)]) {
    const key = correctTypo(w);
    if (key) return { end: i + 1, entries: TABLE.get(key)!.filter((e) => TYPO_KINDS.has(e.t)), key, via: 'typo' };
  }
  return null;
}

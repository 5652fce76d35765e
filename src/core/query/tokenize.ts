/**
 * Query tokenizer: words and numbers with their character offsets in the original text, so every
 * parsed chip can point back at the substring that produced it.
 */

/** One word of a query. */
export interface Token {
  /** Lower-cased text, curly apostrophes straightened ("don't", "90s", "sci"). */
  text: string;
  /** Offsets into the original query: `query.slice(start, end)` is the token as typed. */
  start: number;
  end: number;
  /** Non-space characters between the previous token and this one ("-" in "sci-fi", "," …). */
  gap: string;
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** Lower-cases and straightens apostrophes without changing any offset. */
export function normaliseQuery(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\u2019' || ch === '\u2018' || ch === '`' || ch === '\u00b4') {
      out += "'";
      continue;
    }
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

/** Splits a query into tokens. */
export function tokenize(text: string): Token[] {
  const norm = normaliseQuery(text);
  const out: Token[] = [];
  let prevEnd = 0;
  for (const m of norm.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    out.push({ text: m[0], start, end, gap: norm.slice(prevEnd, start).replace(/\s+/gu, '') });
    prevEnd = end;
  }
  return out;
}

/** True when the gap before a token is a sentence or clause break (, . ; : ! ? and the like). */
export function isClauseBreak(gap: string): boolean {
  return /[,.;:!?()[\]/|]/u.test(gap);
}

/** True when two tokens are joined tightly enough to belong to one phrase ("sci-fi", "sci fi"). */
export function joinsPhrase(gap: string): boolean {
  return gap === '' || /^['\-\u2010-\u2015]+$/u.test(gap);
}

/**
 * People for the catalogue: the cast as Wikipedia lists it, and directors read from the lead
 * paragraph ("… directed by Steven Spielberg and starring …", "written and directed by Joel and
 * Ethan Coen"). Names are kept as written; the people index (src/core/people) folds them for search.
 */

const PARTICLE = String.raw`(?:de|van|von|der|den|del|della|da|di|la|le|du|dos|das|St\.|Jr\.?|Sr\.?|III|II)`;
const WORD = String.raw`[\p{Lu}][\p{L}.'’-]*`;
/** A name of two or more capitalised words, particles allowed inside ("Guillermo del Toro"). */
const NAME = String.raw`${WORD}(?:\s+(?:${PARTICLE}\s+)*${WORD})+`;
const DIRECTED = new RegExp(
  String.raw`\b(?:co-)?directed(?:(?:,\s*|\s+and\s+)(?:co-)?[a-z]+)*\s+by\s+(?:the\s+)?(${NAME}|${WORD})((?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:${NAME}|${WORD}))*)`,
  'u',
);
const SPLIT = /\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)/u;
/** Capitalised words that end a name list rather than name someone. */
const NOT_NAMES = new Set(['The', 'A', 'An', 'It', 'Its', 'This', 'He', 'She', 'They', 'From', 'With', 'Based', 'Produced', 'Written', 'Starring']);

/** Drops a sentence's full stop after a name, keeping an initial's or "Jr."'s. */
function tidyName(raw: string): string {
  // "Sam Raimi. The film…": a full stop after a word of two or more letters ends the name.
  const s = raw.trim().replace(/,+$/u, '').replace(/(?<!\b(?:Jr|Sr|St))(\p{L}{2,})\.\s.*$/u, '$1.');
  return /(?:\b\p{Lu}|Jr|Sr)\.$/u.test(s) ? s : s.replace(/\.+$/u, '');
}

/** Directors named in a lead paragraph, in order; [] when it names none. */
export function directorsFromExtract(extract: string): string[] {
  const m = DIRECTED.exec(extract);
  if (!m) return [];
  const names = [m[1]!, ...(m[2] ?? '').split(SPLIT)].map(tidyName).filter((s) => s.length > 0);
  const out: string[] = [];
  names.forEach((n, i) => {
    const words = n.split(/\s+/u);
    if (NOT_NAMES.has(words[0]!)) return;
    if (words.length === 1) {
      // "Joel and Ethan Coen": a first name alone shares the next name's surname.
      const next = names[i + 1]?.split(/\s+/u);
      if (next && next.length >= 2 && !NOT_NAMES.has(next[0]!)) out.push(`${n} ${next[next.length - 1]}`);
      return;
    }
    out.push(n);
  });
  return [...new Set(out)];
}

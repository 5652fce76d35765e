/** Title handling for MovieLens and Wikipedia titles: parsing, display form and match keys. */

const TRAILING_ARTICLE = /^(.*), (The|A|An|Les|La|Le|L'|Il|El|Los|Las|Das|Der|Die|Den|Det|Un|Une|Une|Lo|Gli|I)$/u;

/** A MovieLens title split into its parts. */
export interface ParsedTitle {
  /** Main title in display order ("The Matrix"). */
  title: string;
  /** Alternate titles given in parentheses ("Cité des enfants perdus, La" → "La Cité des enfants perdus"). */
  aka: string[];
  year: number | null;
}

/** Moves a trailing article to the front: "Matrix, The" → "The Matrix", "Avventura, L'" → "L'Avventura". */
export function restoreArticle(title: string): string {
  const m = TRAILING_ARTICLE.exec(title.trim());
  if (!m) return title.trim();
  const [, rest, article] = m as unknown as [string, string, string];
  return article.endsWith("'") ? `${article}${rest}` : `${article} ${rest}`;
}

/**
 * Parses a MovieLens title such as "City of Lost Children, The (Cité des enfants perdus, La) (1995)".
 * A year range "(2006–2007)" takes its first year; titles without a year give `year: null`.
 */
export function parseMovieLensTitle(raw: string): ParsedTitle {
  let rest = raw.trim();
  let year: number | null = null;
  const ym = /\s*\((\d{4})(?:\s*[–-]\s*(?:\d{4})?)?\)$/u.exec(rest);
  if (ym) {
    year = Number(ym[1]);
    rest = rest.slice(0, ym.index).trim();
  }
  const aka: string[] = [];
  // Peel trailing parenthesised groups off as alternate titles, innermost last.
  for (;;) {
    const am = /\s*\(([^()]+)\)$/u.exec(rest);
    if (!am || am.index === 0) break;
    const alt = (am[1] ?? '').replace(/^a\.k\.a\.\s*/iu, '').trim();
    if (alt) aka.unshift(restoreArticle(alt));
    rest = rest.slice(0, am.index).trim();
  }
  return { title: restoreArticle(rest), aka, year };
}

/**
 * A key for matching titles across sources and for search: case- and accent-folded,
 * punctuation removed, "&" read as "and", a leading article dropped.
 */
export function titleKey(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(the|a|an) /u, '');
}

const ROMAN: Record<string, string> = { ii: '2', iii: '3', iv: '4', v: '5', vi: '6', vii: '7', viii: '8', ix: '9', x: '10' };
const NUMBER_WORD: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5', six: '6' };
const ABBREV: Record<string, string> = { vol: 'volume', pt: 'part', ep: 'episode', chapter: 'part', chap: 'part', st: 'saint', mr: 'mister', dr: 'doctor' };

/**
 * A looser key for matching across sources: `titleKey` with abbreviations spelt out
 * ("Vol." → "volume", "Pt." → "part") and Roman numerals and small number words after a word as
 * digits ("Rocky II" → "rocky 2", "Part Two" → "part 2"). A first word is never rewritten
 * ("X-Men", "I, Robot" keep theirs).
 */
export function matchKey(title: string): string {
  const words = titleKey(title).split(' ');
  return words
    .map((w, i) => {
      if (ABBREV[w]) return ABBREV[w];
      if (i > 0 && ROMAN[w] && w !== 'v' && w !== 'x') return ROMAN[w];
      if (i > 0 && (w === 'v' || w === 'x') && (words[i - 1] === 'part' || words[i - 1] === 'episode' || words[i - 1] === 'volume' || i === words.length - 1)) return ROMAN[w];
      if (i > 0 && NUMBER_WORD[w] && (words[i - 1] === 'part' || words[i - 1] === 'volume' || words[i - 1] === 'chapter')) return NUMBER_WORD[w];
      return w;
    })
    .join(' ');
}

/**
 * Shorter forms of a title with a subtitle, most specific first: the main title before ": " or
 * " - " and the subtitle after the last separator ("Star Wars: Episode IV - A New Hope" → "Star
 * Wars", "A New Hope"). Empty when the title has no separator. Matching uses these only with an
 * exact release year, since a bare main title often names another film of the series.
 */
export function titleParts(title: string): string[] {
  const parts = title.split(/\s*:\s+|\s+[-–—]\s+/u).map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length < 2) return [];
  const out = [parts[0]!, parts[parts.length - 1]!];
  // "Episode IV - A New Hope": an episode marker is not a title.
  return [...new Set(out)].filter((p) => !/^(episode|part|chapter|vol(ume)?\.?)\s+[\divxlc]+$/iu.test(p) && titleKey(p).length >= 3);
}

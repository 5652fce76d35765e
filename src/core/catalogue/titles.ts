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

/**
 * Content limits: how much gore, violence, sex, swearing, drugs and fright a movie has, as a level
 * 0–3 per dimension (0 none known, 1 mild, 2 clear, 3 strong). Derived at build time from the
 * MovieLens genres and user tags and the Wikipedia lead paragraph; a query's limits ("not gory",
 * "no sex", "not too scary", "for kids") are maxima per dimension, separate from moods: "scary but
 * not gory" wants fright and rules out gore.
 */
import type { Genre } from '../catalogue/types';

export const CONTENT_DIMS = ['gore', 'violence', 'sex', 'swearing', 'drugs', 'scary'] as const;
export type ContentDim = (typeof CONTENT_DIMS)[number];
export type ContentLevels = Record<ContentDim, number>;

export const CONTENT_LABELS: Record<ContentDim, string> = {
  gore: 'gore',
  violence: 'violence',
  sex: 'sex or nudity',
  swearing: 'strong language',
  drugs: 'drug use',
  scary: 'frights',
};

interface Rule {
  /** Tag patterns (whole tag, case-folded) and the level each implies. */
  tags: [RegExp, number][];
  /** Lead-paragraph patterns and the points each adds (at most once each). */
  text: [RegExp, number][];
  genres: Partial<Record<Genre, number>>;
}

const RULES: Record<ContentDim, Rule> = {
  gore: {
    tags: [[/\b(gore|gory|goretastic|splatter|gruesome|blood splatters|bloody|torture)\b/u, 3], [/\bblood\b|strong bloody violence/u, 2]],
    text: [
      [/\b(slasher|splatter|gore|gory|gruesome|cannibal\w*|dismember\w*|mutilat\w*|torture porn|chainsaw|body horror|zombies?)\b/u, 2],
      [/\b(serial killer|massacre|slaughter\w*|butcher\w*|torture[ds]?)\b/u, 1],
    ],
    genres: { Horror: 1 },
  },
  violence: {
    tags: [[/\b(violen\w*|brutal\w*|heroic bloodshed|bloody|gore|ultraviolence)\b/u, 3], [/\b(war|gangster|mafia|shootout|martial arts)\b/u, 2]],
    text: [
      [/\b(war film|battle|shootout|gunfight|massacre|assassin\w*|hitman|hit man|gangsters?|mob boss|mafia|martial arts|vigilante|revenge|serial killer|slasher)\b/u, 1],
      [/\b(murder\w*|kill(?:s|ed|ing|er)?|violent|violence|brutal\w*)\b/u, 1],
    ],
    genres: { War: 2, Action: 1, Crime: 1, Horror: 1, Western: 1, Thriller: 1 },
  },
  sex: {
    tags: [[/\b(sex|sexual\w*|sexuality|nudity|erotic\w*|sexy|porn\w*|stripper)\b/u, 3]],
    text: [
      [/\b(erotic\w*|sex comedy|sexual\w*|sex|pornograph\w*|porn|stripper|striptease|nudity|nude)\b/u, 2],
      [/\b(prostitut\w*|seduc\w*|affair|escort|brothel|gigolo)\b/u, 1],
    ],
    genres: {},
  },
  swearing: {
    tags: [[/\b(language|profanity|swearing|foul|vulgar|crude humor)\b/u, 3]],
    text: [[/\b(foul-mouthed|profan\w*|vulgar\w*|raunchy|crude|obscen\w*|stoner comedy|gross-out)\b/u, 2]],
    genres: {},
  },
  drugs: {
    tags: [[/\b(drugs?|drug abuse|heroin|cocaine|marijuana|stoner\w*|addiction|drug overdose|lsd)\b/u, 3]],
    text: [
      [/\b(drug (?:dealer|lord|addict\w*|cartel|abuse|trafficker|trade|smuggl\w*)|cocaine|heroin|marijuana|methamphetamine|crack|stoner|narcotics?|drug-fu?el+ed)\b/u, 2],
      [/\b(drugs?|addict\w*|overdose)\b/u, 1],
    ],
    genres: {},
  },
  scary: {
    tags: [[/\b(scary|creepy|terrifying|frightening|horror|haunted|suspense|disturbing)\b/u, 2]],
    text: [
      [/\b(horror|haunted|haunting|ghosts?|demons?|demonic|possess\w*|supernatural|poltergeist|exorcis\w*|slasher|vampires?|werewol\w*|zombies?|monsters?|terror\w*|nightmare)\b/u, 1],
    ],
    genres: { Horror: 2, Thriller: 1 },
  },
};

/** Gentle genres: a family film's fights and ghosts are mild whatever the plot words say. */
const FAMILY: Genre[] = ['Children'];

/** The content levels of one movie from its genres, user tags and lead paragraph. */
export function contentLevels(movie: { genres: readonly Genre[]; tags: readonly string[]; text?: string | null }): ContentLevels {
  const text = (movie.text ?? '').toLowerCase();
  const out = {} as ContentLevels;
  const family = movie.genres.some((g) => FAMILY.includes(g)) && !movie.genres.includes('Horror');
  for (const dim of CONTENT_DIMS) {
    const rule = RULES[dim];
    let level = 0;
    for (const g of movie.genres) level = Math.max(level, rule.genres[g] ?? 0);
    let points = 0;
    for (const [rx, p] of rule.text) if (rx.test(text)) points += p;
    level = Math.max(level, Math.min(2, points), Math.min(3, level + (points >= 2 ? 1 : 0)));
    for (const t of movie.tags) for (const [rx, l] of rule.tags) if (rx.test(t)) level = Math.max(level, l);
    out[dim] = Math.min(3, family ? Math.min(level, 1) : level);
  }
  return out;
}

/** A query's limit on one dimension: levels above `max` are ruled out. */
export interface ContentLimit {
  dim: ContentDim;
  max: number;
}

/** Packs levels as one digit per dimension, in CONTENT_DIMS order ("310002"). */
export function encodeLevels(l: ContentLevels): string {
  return CONTENT_DIMS.map((d) => String(l[d])).join('');
}

/** Unpacks the per-movie level strings into a flat array (`nItems × CONTENT_DIMS.length`). */
export function decodeContentFile(file: unknown, nItems: number): Uint8Array {
  const f = file as { dims?: unknown; levels?: unknown } | null;
  if (!f || !Array.isArray(f.levels) || JSON.stringify(f.dims) !== JSON.stringify(CONTENT_DIMS)) throw new Error('content.json is not a RecoStream content file');
  if (f.levels.length !== nItems) throw new Error('content.json does not match the catalogue');
  const k = CONTENT_DIMS.length;
  const out = new Uint8Array(nItems * k);
  f.levels.forEach((s: unknown, i) => {
    if (typeof s !== 'string' || !new RegExp(`^[0-3]{${k}}$`, 'u').test(s)) throw new Error(`content.json: bad levels for movie #${i + 1}`);
    for (let j = 0; j < k; j++) out[i * k + j] = s.charCodeAt(j) - 48;
  });
  return out;
}

/** Whether item i (levels in `levels`) respects every limit. */
export function withinLimits(levels: Uint8Array, i: number, limits: readonly ContentLimit[]): boolean {
  const k = CONTENT_DIMS.length;
  for (const l of limits) if (levels[i * k + CONTENT_DIMS.indexOf(l.dim)]! > l.max) return false;
  return true;
}

/**
 * Topic words of the genre lexicon that say more than their genre ("heist", "zombie", "space
 * opera"): the movies whose tags or lead paragraph use the word, so a query's topic can be a
 * constraint ("a heist movie" → heist films, not every crime film).
 */
export function topicRegex(term: string): RegExp {
  const esc = term.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/ /gu, '[\\s-]+');
  return new RegExp(`\\b${esc}(?:s|es)?\\b`, 'u');
}

/** Content data as the ranker uses it. */
export interface ContentData {
  /** `nItems × CONTENT_DIMS.length` levels 0–3. */
  levels: Uint8Array;
  /** Topic term → catalogue indices of movies about it. */
  topics: ReadonlyMap<string, ReadonlySet<number>>;
}

/** Decodes `content.json` ({v, dims, levels, topics}). */
export function decodeContentData(file: unknown, nItems: number): ContentData {
  const levels = decodeContentFile(file, nItems);
  const raw = (file as { topics?: unknown }).topics;
  const topics = new Map<string, Set<number>>();
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (Array.isArray(v)) topics.set(k, new Set(v.filter((x): x is number => Number.isInteger(x) && x >= 0 && x < nItems)));
    }
  }
  return { levels, topics };
}

/** The topic key for a typed word or phrase ("Heists" → "heist"), if the data has it. */
export function topicKey(topics: ReadonlyMap<string, unknown>, typed: string): string | null {
  const k = typed.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (topics.has(k)) return k;
  for (const cut of [/s$/u, /es$/u]) {
    const b = k.replace(cut, '');
    if (b !== k && topics.has(b)) return b;
  }
  return null;
}

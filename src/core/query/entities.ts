/**
 * Query items that need the catalogue's own data: people ("Tom Hanks movies", "directed by
 * Spielberg", "a Nolan film", "tom hankss"), "like <title>" ("movies like Toy Story", "similar to
 * The Matrix", "in the style of Alien") and content limits ("not gory", "no sex", "not too scary",
 * "for kids"). One finder per kind; each returns the token span it used, so the rest of the parser
 * (parse.ts: genres, moods, years, feelings) never reads those words again.
 */
import type { Catalogue } from '../catalogue/catalogue';
import { exactTitle, resolveTitle } from '../catalogue/search';
import type { ContentDim, ContentLimit } from '../content/limits';
import type { PeopleIndex, PersonHit } from '../people/people';
import { matchAt } from './lexicon';
import { isClauseBreak, type Token } from './tokenize';

/** What the parser can look up; without it, people and "like <title>" are not recognised. */
export interface QueryContext {
  catalogue?: Catalogue;
  people?: PeopleIndex;
}

export type PersonRole = 'cast' | 'director' | 'any';

export interface PersonWant {
  name: string;
  role: PersonRole;
  via: PersonHit['via'];
  /** MovieLens ids of their movies in that role. */
  movieIds: number[];
}

export interface LikeWant {
  movieId: number;
  title: string;
  year: number | null;
  /** The words as typed ("toy sotry"). */
  typed: string;
}

/** A found item: tokens [s, e) are its words. */
export type Entity =
  | { kind: 'person'; s: number; e: number; want: PersonWant }
  | { kind: 'like'; s: number; e: number; want: LikeWant }
  | { kind: 'limit'; s: number; e: number; limits: ContentLimit[] };

const t = (tokens: readonly Token[], i: number) => tokens[i]?.text ?? '';

// ---------------------------------------------------------------- content limits

const LIMIT_WORDS: Record<string, ContentDim> = {
  gore: 'gore', gory: 'gore', goriness: 'gore', blood: 'gore', bloody: 'gore', splatter: 'gore', gruesome: 'gore', guts: 'gore',
  violence: 'violence', violent: 'violence', brutal: 'violence', brutality: 'violence', fighting: 'violence', killing: 'violence',
  sex: 'sex', sexual: 'sex', sexy: 'sex', nudity: 'sex', nude: 'sex', naked: 'sex', erotic: 'sex', 'sex scenes': 'sex', 'sexual content': 'sex', raunchy: 'sex',
  swearing: 'swearing', 'swear words': 'swearing', profanity: 'swearing', cursing: 'swearing', 'bad language': 'swearing', 'foul language': 'swearing', 'strong language': 'swearing', language: 'swearing', 'f words': 'swearing',
  drugs: 'drugs', drug: 'drugs', 'drug use': 'drugs', 'drug taking': 'drugs',
  scary: 'scary', scare: 'scary', scares: 'scary', 'jump scares': 'scary', frightening: 'scary', creepy: 'scary', terrifying: 'scary', intense: 'scary', spooky: 'scary',
};
/** Negators before a limit word; `soft` ones ("not too") allow a little more violence. */
const LIMIT_NEG: [string[], boolean][] = [
  [['not', 'too'], true], [['not', 'very'], true], [['not', 'overly'], true], [['not', 'that'], true], [['nothing', 'too'], true],
  [['light', 'on'], true], [['low', 'on'], true], [['too', 'much'], true], [['a', 'lot', 'of'], true], [['minimal'], true], [['little'], true], [['mild'], true],
  [['without', 'any'], false], [['with', 'no'], false], [['free', 'of'], false], [['no'], false], [['not'], false], [['without'], false], [['zero'], false],
  [['nothing'], false], [['avoid'], false], [['none'], false],
];
const LIMIT_NOUN_TAIL = new Set(['please', 'at', 'all', 'in', 'it', 'scenes', 'content']);
/** "for kids": safe for children. */
const KIDS_LIMITS: ContentLimit[] = [
  { dim: 'gore', max: 0 },
  { dim: 'violence', max: 1 },
  { dim: 'sex', max: 0 },
  { dim: 'swearing', max: 0 },
  { dim: 'drugs', max: 0 },
  { dim: 'scary', max: 1 },
];
const KIDS_PHRASES = [
  ['for', 'kids'], ['for', 'children'], ['for', 'my', 'kids'], ['for', 'the', 'kids'], ['for', 'young', 'kids'], ['for', 'little', 'kids'],
  ['safe', 'for', 'kids'], ['suitable', 'for', 'kids'], ['suitable', 'for', 'children'], ['kid', 'safe'], ['family', 'friendly'], ['kid', 'friendly'],
  ['child', 'friendly'], ['for', 'the', 'whole', 'family'], ['for', 'a', 'family'], ['for', 'family'],
];

const phraseAt = (tokens: readonly Token[], i: number, words: readonly string[]) => words.every((w, k) => t(tokens, i + k) === w && (k === 0 || !isClauseBreak(tokens[i + k]!.gap)));

/** The limit word (1–2 tokens) at i, if any. */
function limitWordAt(tokens: readonly Token[], i: number): { dim: ContentDim; end: number } | null {
  const two = `${t(tokens, i)} ${t(tokens, i + 1)}`;
  if (tokens[i + 1] && LIMIT_WORDS[two]) return { dim: LIMIT_WORDS[two], end: i + 2 };
  const one = t(tokens, i);
  return LIMIT_WORDS[one] ? { dim: LIMIT_WORDS[one], end: i + 1 } : null;
}

/**
 * "not gory", "no sex or drugs", "not too scary", "without bad language", "for kids". A plain
 * negation allows level 1 (mild: a horror film's baseline gore, a thriller's tension); "not too"
 * allows level 2 of violence. Scary words are only limits when negated: "scary" alone is a mood.
 */
export function findLimits(tokens: readonly Token[], taken: readonly boolean[]): Entity[] {
  const out: Entity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i]) continue;
    const kids = KIDS_PHRASES.find((p) => phraseAt(tokens, i, p));
    // "not for kids" asks for the opposite: left to the genre parser (no Children).
    if (kids && (t(tokens, i - 1) === 'not' || t(tokens, i - 1) === 'no')) {
      i += kids.length - 1;
      continue;
    }
    if (kids) {
      out.push({ kind: 'limit', s: i, e: i + kids.length, limits: KIDS_LIMITS });
      i += kids.length - 1;
      continue;
    }
    const neg = LIMIT_NEG.find(([p]) => phraseAt(tokens, i, p));
    if (!neg) continue;
    let j = i + neg[0].length;
    if (t(tokens, j) === 'too' || t(tokens, j) === 'very' || t(tokens, j) === 'much' || t(tokens, j) === 'any') j++;
    const first = limitWordAt(tokens, j);
    if (!first || isClauseBreak(tokens[j]!.gap)) continue;
    const soft = neg[1];
    const limits: ContentLimit[] = [];
    const add = (dim: ContentDim) => {
      if (!limits.some((l) => l.dim === dim)) limits.push({ dim, max: soft && dim === 'violence' ? 2 : 1 });
    };
    add(first.dim);
    let end = first.end;
    // "no sex, drugs or swearing": a list continues the negation.
    for (;;) {
      let k = end;
      if (t(tokens, k) === 'or' || t(tokens, k) === 'and' || t(tokens, k) === 'nor') k++;
      else if (!/^,$/u.test(tokens[k]?.gap ?? '')) break;
      if (t(tokens, k) === 'no' || t(tokens, k) === 'too') k++;
      const next = limitWordAt(tokens, k);
      if (!next) break;
      add(next.dim);
      end = next.end;
    }
    if (LIMIT_NOUN_TAIL.has(t(tokens, end)) && t(tokens, end) !== 'in' && !isClauseBreak(tokens[end]?.gap ?? ',')) end++;
    out.push({ kind: 'limit', s: i, e: end, limits });
    i = end - 1;
  }
  return out;
}

// ---------------------------------------------------------------- like <title>

const LIKE_CUES: string[][] = [
  ['similar', 'to'], ['in', 'the', 'style', 'of'], ['in', 'the', 'vein', 'of'], ['reminiscent', 'of'], ['along', 'the', 'lines', 'of'],
  ['comparable', 'to'], ['reminds', 'me', 'of'], ['same', 'vibe', 'as'], ['just', 'like'], ['a', 'lot', 'like'], ['more', 'like'], ['like'],
];
/** Words before a bare "like" that make it "similar to" ("movies like", "something like") rather than "I like". */
const LIKE_HEADS = new Set(['movies', 'movie', 'films', 'film', 'something', 'anything', 'stuff', 'ones', 'one', 'shows', 'more', 'others', 'titles', 'flicks', 'pictures', 'things']);
/** Words that end a title phrase ("like Alien but funnier"). */
const TITLE_STOPS = new Set(['but', 'with', 'without', 'except', 'only', 'that', 'which', 'though', 'although', 'please', 'from', 'not', 'no', 'for', 'set']);
const MAX_TITLE_WORDS = 8;

/** "movies like Toy Story", "similar to the matrx", "in the style of Alien": the title, resolved. */
export function findLike(tokens: readonly Token[], text: string, ctx: QueryContext, taken: readonly boolean[]): Entity[] {
  const cat = ctx.catalogue;
  if (!cat) return [];
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i]) continue;
    const cue = LIKE_CUES.find((c) => phraseAt(tokens, i, c));
    if (!cue) continue;
    if (cue.length === 1 && i > 0 && !LIKE_HEADS.has(t(tokens, i - 1))) continue;
    const from = i + cue.length;
    let to = from;
    while (to < tokens.length && to - from < MAX_TITLE_WORDS && !taken[to] && !(to > from && isClauseBreak(tokens[to]!.gap)) && !TITLE_STOPS.has(t(tokens, to))) to++;
    if (to === from) continue;
    // "in the style of Tarantino": a person, left to findPeople.
    const first = tokens.slice(from, to).map((x) => x.text);
    if (ctx.people && (ctx.people.findName(first.join(' '), false) || (first.length === 1 && ctx.people.findSurname(first[0]!)))) continue;
    // The whole phrase as a title (exactly, or every word matching: "godfather 2"), else the
    // longest shorter phrase that names a title exactly, else a typo-tolerant hit for the whole.
    const whole = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    const want = (m: { id: number; title: string; year: number | null }, e: number, typed: string): Entity[] => [{ kind: 'like', s: i, e, want: { movieId: m.id, title: m.title, year: m.year, typed } }];
    const exact = exactTitle(cat, whole);
    if (exact) return want(exact, to, whole);
    const hit = resolveTitle(cat, whole);
    if (hit && hit.quality >= 1) return want(hit.movie, to, whole);
    for (let e = to - 1; e > from; e--) {
      const phrase = text.slice(tokens[from]!.start, tokens[e - 1]!.end);
      const m = exactTitle(cat, phrase);
      if (m) return want(m, e, phrase);
    }
    if (hit) return want(hit.movie, to, whole);
  }
  return [];
}

// ---------------------------------------------------------------- people

const DIRECTOR_CUES: string[][] = [['directed', 'by'], ['director'], ['by'], ['from', 'director'], ['filmmaker']];
const CAST_CUES: string[][] = [['starring'], ['with'], ['featuring'], ['feat'], ['actor'], ['actress'], ['played', 'by'], ['stars']];
const FILM_WORDS = new Set(['film', 'films', 'movie', 'movies', 'flick', 'flicks', 'picture', 'pictures', 'joint']);

function cueBefore(tokens: readonly Token[], s: number): PersonRole | null {
  for (const [cues, role] of [[DIRECTOR_CUES, 'director'], [CAST_CUES, 'cast']] as const) {
    for (const c of cues) if (s - c.length >= 0 && phraseAt(tokens, s - c.length, c) && !isClauseBreak(tokens[s]!.gap)) return role;
  }
  return null;
}

/** Whether token i is a word the query lexicon knows (a genre, mood, negator…): not part of a name. */
const isLexical = (tokens: readonly Token[], i: number) => /\d/u.test(tokens[i]!.text) || !!matchAt(tokens, i);

/**
 * People by full name (exact, or with a typo: "tom hankss"), or by surname alone when it is
 * capitalised or follows a cue ("directed by spielberg", "a Nolan film"). The role comes from the
 * cue: "directed by" → director, "with"/"starring" → cast, else either.
 */
export function findPeople(tokens: readonly Token[], text: string, ctx: QueryContext, taken: readonly boolean[]): Entity[] {
  const people = ctx.people;
  const cat = ctx.catalogue;
  if (!people || !cat) return [];
  const out: Entity[] = [];
  const lexMemo = new Map<number, boolean>();
  const lexical = (k: number) => {
    let v = lexMemo.get(k);
    if (v === undefined) lexMemo.set(k, (v = isLexical(tokens, k)));
    return v;
  };
  const free = (s: number, e: number) => {
    for (let k = s; k < e; k++) if (taken[k] || (k > s && isClauseBreak(tokens[k]!.gap))) return false;
    return true;
  };
  for (let i = 0; i < tokens.length; i++) {
    let found: { hit: PersonHit; e: number } | null = null;
    for (const n of [3, 2]) {
      if (i + n > tokens.length || !free(i, i + n)) continue;
      const key = tokens.slice(i, i + n).map((x) => x.text.replace(/'/gu, '')).join(' ');
      const exact = people.findName(key, false);
      if (exact) {
        found = { hit: exact, e: i + n };
        break;
      }
      // Typos only on words the query lexicon doesn't know (not "feel good", "sci fi").
      let known = false;
      for (let k = i; k < i + n && !known; k++) known = lexical(k);
      if (known) continue;
      const fuzzy = people.findName(key);
      if (fuzzy) {
        found = { hit: fuzzy, e: i + n };
        break;
      }
    }
    if (!found && free(i, i + 1) && tokens[i]!.text.length >= 4 && !lexical(i)) {
      const typed = text.slice(tokens[i]!.start, tokens[i]!.end);
      const capital = /^\p{Lu}/u.test(typed) && i > 0;
      const cued = cueBefore(tokens, i) !== null || FILM_WORDS.has(t(tokens, i + 1));
      if (capital || cued) {
        const hit = people.findSurname(tokens[i]!.text.replace(/'s$/u, ''));
        if (hit) found = { hit, e: i + 1 };
      }
    }
    if (!found) continue;
    const cue = cueBefore(tokens, i);
    const p = found.hit.person;
    // Unless a cue says otherwise, a director is wanted as director ("a Nolan film").
    const role: PersonRole = cue ?? (p.directed.length >= p.cast.length && p.directed.length > 0 ? 'director' : p.cast.length > 0 && p.directed.length > 0 ? 'any' : p.directed.length > 0 ? 'director' : 'cast');
    const items = role === 'director' ? p.directed : role === 'cast' ? p.cast : [...new Set([...p.cast, ...p.directed])];
    if (items.length === 0) continue;
    let s = i;
    if (cue) for (const c of [...DIRECTOR_CUES, ...CAST_CUES]) if (phraseAt(tokens, i - c.length, c)) s = Math.min(s, i - c.length);
    let e = found.e;
    if (t(tokens, e) === 's' || FILM_WORDS.has(t(tokens, e))) e++;
    out.push({ kind: 'person', s, e, want: { name: p.name, role, via: found.hit.via, movieIds: items.map((k) => cat.movies[k]!.id) } });
    i = found.e - 1;
  }
  return out;
}

/** All catalogue-dependent items of a query, in text order, without overlaps. */
export function findEntities(tokens: readonly Token[], text: string, ctx: QueryContext): Entity[] {
  const taken = tokens.map(() => false);
  const mark = (list: Entity[]) => {
    for (const x of list) for (let k = x.s; k < x.e; k++) taken[k] = true;
    return list;
  };
  const all = [...mark(findLike(tokens, text, ctx, taken)), ...mark(findLimits(tokens, taken)), ...mark(findPeople(tokens, text, ctx, taken))];
  return all.sort((a, b) => a.s - b.s);
}

/**
 * The catalogue's people: cast (Wikipedia's `cast` list) and directors (read from the lead
 * paragraph at build time), stored column-wise in `people.json` and indexed here for the query
 * parser ("Tom Hanks movies", "a Nolan film", "tom hankss") and the movie page.
 */
import type { Catalogue } from '../catalogue/catalogue';
import { damerauLevenshtein } from '../query/typo';

/** `people.json`: names once, then per catalogue item the indices of its cast and directors. */
export interface PeopleFile {
  v: number;
  names: string[];
  cast: number[][];
  directors: number[][];
}

export interface Person {
  id: number;
  name: string;
  /** Folded name ("tom hanks"). */
  key: string;
  /** Catalogue indices of movies they act in, and direct. */
  cast: number[];
  directed: number[];
  /** Prominence: community ratings of their movies (decides "Nolan" → Christopher Nolan). */
  weight: number;
}

/** Lower-case, accents and punctuation removed, single spaces: "Renée Zellweger" → "renee zellweger". */
export function personKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’.]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Builds the file from per-item name lists (build time). */
export function encodePeople(cast: readonly (readonly string[])[], directors: readonly (readonly string[])[], v: number): PeopleFile {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const id = (n: string) => {
    let i = ids.get(n);
    if (i === undefined) {
      i = names.length;
      ids.set(n, i);
      names.push(n);
    }
    return i;
  };
  return { v, names, cast: cast.map((l) => l.map(id)), directors: directors.map((l) => l.map(id)), };
}

export function decodePeople(file: unknown, nItems: number): PeopleFile {
  const f = file as Partial<PeopleFile> | null;
  if (!f || !Array.isArray(f.names) || !Array.isArray(f.cast) || !Array.isArray(f.directors)) throw new Error('people.json is not a RecoStream people file');
  if (f.cast.length !== nItems || f.directors.length !== nItems) throw new Error('people.json does not match the catalogue');
  const n = f.names.length;
  for (const list of [...f.cast, ...f.directors]) if (!Array.isArray(list) || list.some((x) => !Number.isInteger(x) || x < 0 || x >= n)) throw new Error('people.json has a bad name reference');
  return f as PeopleFile;
}

/** A person found in a query. */
export interface PersonHit {
  person: Person;
  /** How the name matched: in full, in full with a typo, or by surname alone. */
  via: 'name' | 'typo' | 'surname';
}

const MIN_FUZZY_WEIGHT = 200;

export class PeopleIndex {
  readonly people: Person[];
  readonly #byKey = new Map<string, Person>();
  readonly #bySurname = new Map<string, Person[]>();
  /** Fuzzy candidates by their first two letters (prominent people only, to stay fast and avoid odd matches). */
  readonly #byInitial = new Map<string, Person[]>();
  readonly #file: PeopleFile;

  constructor(file: PeopleFile, catalogue: Catalogue) {
    this.#file = file;
    this.people = file.names.map((name, id) => ({ id, name, key: personKey(name), cast: [], directed: [], weight: 0 }));
    const add = (lists: number[][], role: 'cast' | 'directed') =>
      lists.forEach((l, item) => {
        const n = catalogue.movies[item]?.n ?? 0;
        for (const p of l) {
          const person = this.people[p]!;
          if (!person[role].includes(item)) {
            person[role].push(item);
            if (role === 'directed' || !person.directed.includes(item)) person.weight += n + 1;
          }
        }
      });
    add(file.directors, 'directed');
    add(file.cast, 'cast');
    for (const p of this.people) {
      if (!p.key) continue;
      const old = this.#byKey.get(p.key);
      if (!old || old.weight < p.weight) this.#byKey.set(p.key, p);
      const words = p.key.split(' ');
      if (words.length >= 2) {
        const s = words[words.length - 1]!;
        const list = this.#bySurname.get(s) ?? [];
        list.push(p);
        this.#bySurname.set(s, list);
      }
      if (p.weight >= MIN_FUZZY_WEIGHT && p.key.length >= 2) {
        const k2 = p.key.slice(0, 2);
        const list = this.#byInitial.get(k2) ?? [];
        list.push(p);
        this.#byInitial.set(k2, list);
      }
    }
    for (const list of this.#bySurname.values()) list.sort((a, b) => b.weight - a.weight);
  }

  /** Cast names of catalogue item i, in billing order. */
  castOf(i: number): string[] {
    return (this.#file.cast[i] ?? []).map((p) => this.#file.names[p]!);
  }

  directorsOf(i: number): string[] {
    return (this.#file.directors[i] ?? []).map((p) => this.#file.names[p]!);
  }

  byName(name: string): Person | undefined {
    return this.#byKey.get(personKey(name));
  }

  /** A full name as typed (folded), exactly or with a small typo ("tom hankss"). */
  findName(key: string, fuzzy = true): PersonHit | undefined {
    const exact = this.#byKey.get(key);
    if (exact) return { person: exact, via: 'name' };
    if (!fuzzy || key.length < 7 || !key.includes(' ')) return undefined;
    const max = key.length >= 12 ? 2 : 1;
    let best: Person | undefined;
    let bestD = max + 1;
    // Typos rarely hit the first two letters: only names starting like the typed one are compared.
    for (const p of this.#byInitial.get(key.slice(0, 2)) ?? []) {
      if (Math.abs(p.key.length - key.length) > max) continue;
      const d = damerauLevenshtein(key, p.key, max);
      if (d < bestD || (d === bestD && best && p.weight > best.weight)) {
        best = p;
        bestD = d;
      }
    }
    return best && bestD <= max ? { person: best, via: 'typo' } : undefined;
  }

  /**
   * A surname alone ("Spielberg", "a Nolan film"): the most prominent person with it, if they
   * clearly dominate (three times the next one's weight) and have several movies here.
   */
  findSurname(word: string): PersonHit | undefined {
    const list = this.#bySurname.get(word);
    if (!list?.length) return undefined;
    const [a, b] = list;
    if (a!.cast.length + a!.directed.length < 3) return undefined;
    if (b && b.weight * 3 > a!.weight) return undefined;
    return { person: a!, via: 'surname' };
  }
}

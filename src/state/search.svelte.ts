/**
 * The search as rune state: parses the query at once (chips and title matches follow every
 * keystroke), ranks after a short pause (Enter skips it), and decides what the page shows while a
 * ranking is on its way:
 * - the previous results stay, marked stale, until the new ranking is ready (never an empty flash);
 * - a query that leaves words for the encoder waits for it (a generic popularity list never
 *   appears for a descriptive query); one that does not ("Tom Hanks movies", "sci-fi from the 90s")
 *   is ranked at once;
 * - so each query gets one list, and shown cards are never reordered unless the user acts (a like,
 *   a chip edit, a new query).
 * The decisions are pure functions in src/core/query/plan.ts; ranking happens in the reco worker.
 */
import type { RankNotes, RankedItem } from '../core/hybrid/rank';
import { PeopleIndex } from '../core/people/people';
import { parseQuery } from '../core/query/parse';
import { encoderText, intentKey, needsEncoder } from '../core/query/plan';
import type { QueryIntent } from '../core/query/types';
import { loadPeople } from '../services/data';
import { isWorkerError } from '../services/bridge/bridge';
import { recoClient } from '../services/reco-client';
import { catalogue } from './catalogue.svelte';
import { reco, type Taste } from './reco.svelte';
import { semantic } from './semantic.svelte';

export const MAX_QUERY = 300;
export const RESULTS = 20;
export const DEBOUNCE_MS = 250;
/** How long a query naming no one yet waits for the people index before it is ranked without it. */
export const PEOPLE_WAIT_MS = 4000;

/** One ranking on screen. */
export interface Shown {
  /** intentKey of the intent it ranks. */
  key: string;
  intent: QueryIntent;
  query: string;
  items: RankedItem[];
  notes: RankNotes;
  /** Whether the sentence encoder took part. */
  refined: boolean;
  /** Impression ids for learning (signed-in users), aligned with items. */
  impressionIds: number[] | null;
}

type Answer = { items: RankedItem[]; notes: RankNotes };

class SearchState {
  /** The query text as typed (capped). */
  text = $state('');
  /** What was understood; chip edits replace it until the text changes. */
  intent = $state.raw<QueryIntent | null>(null);
  /** The results on screen (possibly for an older query: see `stale`). */
  shown = $state.raw<Shown | null>(null);
  /** Whether a ranking is on its way. */
  busy = $state(false);
  error = $state<string | null>(null);
  /** The people index, once loaded (people in queries and on movie pages). */
  people = $state.raw<PeopleIndex | null>(null);
  /** True when the shown results belong to another query than the current one. */
  stale = $derived.by(() => !!this.shown && (!this.intent || this.shown.key !== intentKey(this.intent)));

  #timer: ReturnType<typeof setTimeout> | null = null;
  #controller: AbortController | null = null;
  #cache = new Map<string, Answer>();
  #sims = new Map<string, Float32Array | null>();
  #peopleLoading: Promise<void> | null = null;
  /** The taste (feedback + weights) the shown ranking was made with, and a counter of tastes seen. */
  #taste: Taste | null = null;
  #tasteN = 0;
  /** Intents parsed without the people index (re-read once it arrives, before ranking). */
  #withoutPeople = new WeakSet<QueryIntent>();

  /** Loads the people index in the background (after first paint). */
  loadPeople(): Promise<void> {
    if (!catalogue.current) return Promise.resolve();
    // people.json covers every item, content-only entries included: wait for the whole catalogue.
    this.#peopleLoading ??= catalogue.complete
      .then(async () => {
        const cat = catalogue.current!;
        const file = await loadPeople(cat.movies.length);
        if (file) {
          this.people = new PeopleIndex(file, cat);
          this.#readAgainWithPeople();
        }
      })
      .catch(() => {
        this.#peopleLoading = null; // retried on the next search; search works without people meanwhile
      });
    return this.#peopleLoading;
  }

  /**
   * The index arrived after a query was already ranked without it (the wait in #whenPeople is
   * capped): read that query again, and rank it again if it names someone or a title now. A late
   * correction is better than "Tom Hanks movies" ranked as plain words for good.
   */
  #readAgainWithPeople(): void {
    const intent = this.intent;
    if (!intent || !this.#withoutPeople.has(intent) || this.shown?.intent !== intent) return;
    const again = this.#parse(this.text);
    if (!again || intentKey(again) === intentKey(intent)) return;
    this.intent = again;
    this.#schedule(0);
  }

  #parse(text: string): QueryIntent | null {
    if (!text.trim()) return null;
    const cat = catalogue.current;
    const intent = parseQuery(text, { latestYear: cat?.latestYear ?? 2018, context: { catalogue: cat ?? undefined, people: this.people ?? undefined } });
    if (!this.people) this.#withoutPeople.add(intent);
    return intent;
  }

  /** Parses `q` (now) and ranks it after the debounce, or at once with `immediate` (Enter). */
  setText(q: string, opts: { immediate?: boolean; force?: boolean } = {}): void {
    const text = q.slice(0, MAX_QUERY);
    if (text === this.text && !opts.force && !opts.immediate) return;
    if (text === this.text && opts.immediate && !this.#timer) return;
    this.text = text;
    void this.loadPeople();
    this.intent = this.#parse(text);
    this.#schedule(opts.immediate ? 0 : DEBOUNCE_MS);
  }

  /** A chip edit: ranks the edited intent at once. */
  edit(next: QueryIntent): void {
    this.intent = next;
    this.#schedule(0);
  }

  /**
   * Re-ranks for a new `taste` (reco.readyTaste): the recommender became ready or the user's
   * feedback changed (their own action). Null (not ready) waits.
   */
  refresh(taste: Taste | null): void {
    if (!taste || !this.intent) return;
    if (this.#taste === taste && this.shown && !this.stale) return;
    // After a like or dislike, re-rank after the same short pause as typing (several clicks in a row give one new list).
    this.#schedule(this.shown ? DEBOUNCE_MS : 0);
  }

  #schedule(ms: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#timer = null;
    const intent = this.intent;
    if (!intent) {
      this.busy = false;
      return;
    }
    this.busy = true;
    const c = new AbortController();
    this.#controller = c;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#whenPeople(intent, c.signal).then((ready) => this.#run(ready, c.signal));
    }, ms);
  }

  /**
   * The intent to rank: if it was parsed before the people index arrived, waits for the index (at
   * most 4 s) and parses again, so "Tom Hanks movies" is never first ranked as plain words and then
   * reordered under the user's eyes.
   */
  async #whenPeople(intent: QueryIntent, signal: AbortSignal): Promise<QueryIntent> {
    if (!this.#withoutPeople.has(intent)) return intent;
    await Promise.race([this.loadPeople(), new Promise((r) => setTimeout(r, PEOPLE_WAIT_MS))]);
    if (signal.aborted || !this.people || this.intent !== intent) return intent;
    const again = this.#parse(this.text) ?? intent;
    this.intent = again;
    return again;
  }

  async #rank(intent: QueryIntent, scores: Float32Array | null, textKey: string, taste: Taste): Promise<Answer> {
    const key = `${this.#tasteN}|${textKey}|${scores ? 1 : 0}|${intentKey(intent)}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const a = await recoClient.searchPage(intent, scores, taste.weights, RESULTS);
    const answer = { items: a.items, notes: a.notes };
    this.#cache.set(key, answer);
    if (this.#cache.size > 40) this.#cache.delete(this.#cache.keys().next().value!);
    return answer;
  }

  async #run(intent: QueryIntent, signal: AbortSignal): Promise<void> {
    const taste = reco.readyTaste;
    if (!taste) return; // refresh() runs it once the recommender is ready
    this.error = null;
    if (this.#taste !== taste) {
      this.#taste = taste;
      this.#tasteN++;
    }
    const key = intentKey(intent);
    const query = this.text;
    const details = catalogue.details;
    const text = encoderText(intent, (id) => {
      const d = details?.get(id);
      return d?.extract ? d.extract.slice(0, 600) : undefined;
    });
    const wantsEncoder = needsEncoder(intent) && text.length > 0;
    const make = (a: Answer, refined: boolean): Shown => ({ key, intent, query, items: a.items, notes: a.notes, refined, impressionIds: null });
    try {
      const cached = this.#sims.get(text);
      if (!wantsEncoder || cached !== undefined) {
        const a = await this.#rank(intent, wantsEncoder ? (cached ?? null) : null, wantsEncoder ? text : '', taste);
        if (signal.aborted) return;
        this.#show(make(a, wantsEncoder && !!cached));
        return;
      }
      // The encoder is needed: wait for it (tens of ms when warm; on first use the page shows the
      // download's progress over the previous, stale results). A ranking without it would be
      // replaced moments later — exactly the reordering the user must not see. Without an encoder
      // (download failed), the ranking on genres, moods and people is final.
      const scores = await semantic.scores(text, signal);
      if (signal.aborted) return;
      this.#sims.set(text, scores);
      if (this.#sims.size > 40) this.#sims.delete(this.#sims.keys().next().value!);
      const a = await this.#rank(intent, scores, scores ? text : '', taste);
      if (signal.aborted) return;
      this.#show(make(a, scores !== null));
    } catch (err) {
      if (signal.aborted) return;
      this.busy = false;
      this.error = isWorkerError(err, 'NOT_STARTED') ? 'Recommendations are still being prepared…' : 'Something went wrong while ranking. Try again.';
    }
  }

  #show(s: Shown): void {
    this.shown = s;
    this.busy = false;
    if (this.people) this.#readAgainWithPeople(); // the index came while this ranking was running
    void reco.logShown(s.items, 'semantic', s.query).then((ids) => {
      if (this.shown === s && ids) this.shown = { ...s, impressionIds: ids };
    });
  }
}

export const search = new SearchState();

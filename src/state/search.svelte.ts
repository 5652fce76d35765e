/**
 * The search as rune state: parses the query at once (chips and title matches follow every
 * keystroke), starts computing its ranking at once (encoder scores, then the reco worker's
 * ranking: latest request wins, answers cached by text and meaning), and shows it after a short
 * typing pause (Enter skips the pause; a box that searches on submit only can `prepare` a query
 * while it is typed). It decides what the page shows while a ranking is on its way:
 * - the previous results stay, marked stale, until the new ranking is ready (never an empty flash);
 * - a query that leaves words for the encoder waits for it (a generic popularity list never
 *   appears for a descriptive query); one that does not ("Tom Hanks movies", "sci-fi from the 90s")
 *   is ranked without it;
 * - so each query gets one list, and shown cards are never reordered unless the user acts (a like,
 *   a chip edit, a new query);
 * - impressions (signed-in users) are logged once the list has been painted, off the path.
 * Each stage leaves a User Timing measure ("search: …", see `SEARCH_MEASURES`) for bench:ui and
 * DevTools. The decisions are pure functions in src/core/query/plan.ts; ranking happens in the
 * reco worker.
 */
import type { RankNotes, RankedItem } from '../core/hybrid/rank';
import { PeopleIndex } from '../core/people/people';
import { parseQuery } from '../core/query/parse';
import { encoderText, intentKey, needsEncoder } from '../core/query/plan';
import type { QueryIntent } from '../core/query/types';
import { loadPeople } from '../services/data';
import { isWorkerError } from '../services/bridge/bridge';
import { afterPaint, whenIdle } from '../services/paint';
import { recoClient } from '../services/reco-client';
import { catalogue } from './catalogue.svelte';
import { reco, type Taste } from './reco.svelte';
import { semantic } from './semantic.svelte';

export const MAX_QUERY = 300;
export const RESULTS = 20;
/**
 * The typing pause after which a live search shows its list. The ranking is computed during the
 * pause (it starts at each keystroke, the newest request winning), so the list follows the pause
 * by one render; 100 ms is longer than the gap between a fast typist's keys (60–80 ms), so
 * a word typed in one go gives one list, not one per letter.
 */
export const DEBOUNCE_MS = 100;
/** After a like or dislike, the pause before re-ranking (several clicks in a row give one new list). */
export const FEEDBACK_PAUSE_MS = 250;
/** How long a query naming no one yet waits for the people index before it is ranked without it. */
export const PEOPLE_WAIT_MS = 4000;
/** Names of the User Timing measures one search leaves (durations in ms; `detail.query` says which). */
export const SEARCH_MEASURES = {
  /** Page round trip of the encoder call (detail: the worker's embedMs and scoreMs); absent when cached. */
  encoder: 'search: encoder',
  /** Page round trip of the ranking (detail: the worker's compute ms); absent when cached. */
  rank: 'search: rank',
  /** From the request (keystroke, Enter, chip edit) to the list being put in state. */
  ready: 'search: ready',
  /** From the list put in state to the frame that shows it. */
  render: 'search: render',
} as const;

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
}

type Answer = { items: RankedItem[]; notes: RankNotes };
type Computed = { answer: Answer; refined: boolean; taste: Taste };

const CACHE = 40;
/** The encoder could not be used (semantic.error says why): the query is ranked without it. */
class NoEncoder extends Error {}
const isAbort = (err: unknown) => (err as { name?: string } | null)?.name === 'AbortError';
const now = () => performance.now();
function measure(name: string, start: number, end: number, detail: Record<string, unknown>): void {
  try {
    performance.measure(name, { start, end, detail });
  } catch {
    /* User Timing unavailable: nothing to record */
  }
}

/**
 * Promises shared by every request for the same key (a prepared query and its Enter, a keystroke
 * and the pause after it), kept as a small cache once resolved; a rejected one is forgotten. A
 * request whose own signal is live retries when the shared call was aborted by the request that
 * started it.
 */
class Shared<T> {
  readonly #map = new Map<string, Promise<T>>();
  async get(key: string, make: () => Promise<T>, signal: AbortSignal): Promise<T> {
    for (;;) {
      let p = this.#map.get(key);
      if (!p) {
        const made = make();
        p = made;
        this.#map.set(key, made);
        made.catch(() => {
          if (this.#map.get(key) === made) this.#map.delete(key);
        });
        if (this.#map.size > CACHE) this.#map.delete(this.#map.keys().next().value!);
      }
      try {
        return await p;
      } catch (err) {
        if (this.#map.get(key) === p) this.#map.delete(key);
        if (signal.aborted || !isAbort(err)) throw err;
      }
    }
  }
}

class SearchState {
  /** The query text as typed (capped). */
  text = $state('');
  /** What was understood; chip edits replace it until the text changes. */
  intent = $state.raw<QueryIntent | null>(null);
  /** The results on screen (possibly for an older query: see `stale`). */
  shown = $state.raw<Shown | null>(null);
  /**
   * Impression ids (signed-in users) of the shown list, aligned with its items: logged after the
   * list is painted, kept apart from `shown` so their arrival re-renders no card.
   */
  impressions = $state.raw<{ of: Shown; ids: number[] } | null>(null);
  /** Whether a ranking is on its way. */
  busy = $state(false);
  error = $state<string | null>(null);
  /** The people index, once loaded (people in queries and on movie pages). */
  people = $state.raw<PeopleIndex | null>(null);
  /** True when the shown results belong to another query than the current one. */
  stale = $derived.by(() => !!this.shown && (!this.intent || this.shown.key !== intentKey(this.intent)));

  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Ends the pending typing pause now (Enter on the text being typed). */
  #endPause: (() => void) | null = null;
  #controller: AbortController | null = null;
  /** The request being prepared by a submit-only box (`prepare`). */
  #preparing: AbortController | null = null;
  /** Encoder scores by encoder text. */
  #scores = new Shared<Float32Array>();
  /** Rankings by taste, then by scores' text and meaning. */
  #ranked = new WeakMap<Taste, Shared<Answer>>();
  #peopleLoading: Promise<void> | null = null;
  /** The taste the shown ranking was made with, and the one the request in progress will use. */
  #taste: Taste | null = null;
  #pendingTaste: Taste | null = null;
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

  /**
   * Parses `q` (now), starts ranking it (now) and shows it after the typing pause, or as soon as
   * it is ready with `immediate` (Enter). Enter on the text being typed ends its pause instead of
   * starting over.
   */
  setText(q: string, opts: { immediate?: boolean; force?: boolean } = {}): void {
    const text = q.slice(0, MAX_QUERY);
    if (text === this.text && !opts.force) {
      if (opts.immediate) this.#endPause?.();
      return;
    }
    this.text = text;
    void this.loadPeople();
    this.intent = this.#parse(text);
    this.#schedule(opts.immediate ? 0 : DEBOUNCE_MS);
  }

  /**
   * A box that searches on submit only (the home page's) tells what is being typed: the encoder
   * scores and the ranking are computed ahead (newest text wins), nothing is shown or logged, and
   * the Enter that follows finds them ready.
   */
  prepare(q: string): void {
    const text = q.slice(0, MAX_QUERY);
    this.#preparing?.abort();
    this.#preparing = null;
    if (!text.trim() || text === this.text) return;
    void this.loadPeople();
    const intent = this.#parse(text);
    if (!intent) return;
    const c = new AbortController();
    this.#preparing = c;
    // Typing is not searching yet: the language model is used if loaded, never downloaded for this.
    this.#compute(intent, text, reco.readyTaste, c.signal, { loadEncoder: false }).catch(() => undefined);
  }

  /** A chip edit: ranks the edited intent at once. */
  edit(next: QueryIntent): void {
    this.intent = next;
    this.#schedule(0);
  }

  /**
   * Re-ranks for a new `taste` (reco.readyTaste): the recommender became ready or the user's
   * feedback changed (their own action). Null (not ready) waits; the taste the shown list or the
   * request in progress already uses changes nothing (a page mounting asks again with it).
   */
  refresh(taste: Taste | null): void {
    if (!taste || !this.intent) return;
    if (this.busy ? this.#pendingTaste === taste : this.#taste === taste && this.shown && !this.stale) return;
    // After a like or dislike, re-rank after a short pause (several clicks in a row give one new list).
    this.#schedule(this.shown ? FEEDBACK_PAUSE_MS : 0);
  }

  #schedule(pauseMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#endPause = null;
    this.#controller?.abort();
    const intent = this.intent;
    if (!intent) {
      this.busy = false;
      this.#pendingTaste = null;
      return;
    }
    this.busy = true;
    const c = new AbortController();
    this.#controller = c;
    const t0 = now();
    const query = this.text;
    const taste = reco.readyTaste;
    this.#pendingTaste = taste;
    const pause = new Promise<void>((resolve) => {
      if (pauseMs <= 0) return resolve();
      this.#endPause = resolve;
      this.#timer = setTimeout(resolve, pauseMs);
    });
    void pause.then(() => {
      if (this.#controller === c) {
        this.#timer = null;
        this.#endPause = null;
      }
    });
    // A query read before the people index arrived waits for it below; its encoder scores need not:
    // they are computed meanwhile (the same text unless the query names someone).
    if (this.#withoutPeople.has(intent)) this.#compute(intent, query, null, c.signal).catch(() => undefined);
    void (async () => {
      try {
        const ready = await this.#whenPeople(intent, c.signal);
        if (c.signal.aborted) return;
        const computed = await this.#compute(ready, query, taste, c.signal);
        await pause;
        if (c.signal.aborted || !computed) return; // no taste yet: refresh() runs it once the recommender is ready
        this.#show({ key: intentKey(ready), intent: ready, query, items: computed.answer.items, notes: computed.answer.notes, refined: computed.refined }, computed.taste, t0);
      } catch (err) {
        if (c.signal.aborted) return;
        this.busy = false;
        this.#pendingTaste = null;
        this.error = isWorkerError(err, 'NOT_STARTED') ? 'Recommendations are still being prepared…' : 'Something went wrong while ranking. Try again.';
      }
    })();
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

  /**
   * The ranking of `intent`: the encoder's scores when the query leaves words for it (tens of ms
   * when warm; on first use the page shows the download's progress over the previous, stale
   * results — a ranking without them would be replaced moments later, exactly the reordering the
   * user must not see; without an encoder the ranking on genres, moods and people is final), then
   * the reco worker's ranking. Null without a taste (the recommender is not ready): the scores are
   * still computed ahead. Without `loadEncoder`, a query that needs a language model not loaded yet
   * is left alone (null).
   */
  async #compute(intent: QueryIntent, query: string, taste: Taste | null, signal: AbortSignal, opts = { loadEncoder: true }): Promise<Computed | null> {
    const details = catalogue.details;
    const text = encoderText(intent, (id) => {
      const d = details?.get(id);
      return d?.extract ? d.extract.slice(0, 600) : undefined;
    });
    const wantsEncoder = needsEncoder(intent) && text.length > 0;
    if (wantsEncoder && !opts.loadEncoder && semantic.status !== 'ready') return null;
    let scores: Float32Array | null = null;
    if (wantsEncoder) {
      try {
        scores = await this.#scores.get(text, () => this.#encode(text, query, signal), signal);
      } catch (err) {
        if (!(err instanceof NoEncoder)) throw err;
      }
    }
    if (!taste || signal.aborted) return null;
    let ranked = this.#ranked.get(taste);
    if (!ranked) this.#ranked.set(taste, (ranked = new Shared()));
    const textKey = scores ? text : '';
    const answer = await ranked.get(`${textKey}|${intentKey(intent)}`, () => this.#rank(intent, scores, query, taste, signal), signal);
    return { answer, refined: scores !== null, taste };
  }

  async #encode(text: string, query: string, signal: AbortSignal): Promise<Float32Array> {
    const t = now();
    const r = await semantic.scoresTimed(text, signal);
    if (r) measure(SEARCH_MEASURES.encoder, t, now(), { query, embedMs: r.embedMs, scoreMs: r.scoreMs });
    // Not cached when the encoder is unavailable (the next query tries again): ranked without it.
    if (!r) throw new NoEncoder();
    return r.scores;
  }

  async #rank(intent: QueryIntent, scores: Float32Array | null, query: string, taste: Taste, signal: AbortSignal): Promise<Answer> {
    const t = now();
    const a = await recoClient.searchPage(intent, scores, taste.weights, RESULTS, signal);
    measure(SEARCH_MEASURES.rank, t, now(), { query, workerMs: a.ms });
    return { items: a.items, notes: a.notes };
  }

  #show(s: Shown, taste: Taste, t0: number): void {
    const t = now();
    measure(SEARCH_MEASURES.ready, t0, t, { query: s.query });
    this.shown = s;
    this.error = null;
    this.impressions = null;
    this.#taste = taste;
    this.#pendingTaste = null;
    this.busy = false;
    if (this.people) this.#readAgainWithPeople(); // the index came while this ranking was running
    // Impressions are for learning, not for the person waiting: logged once the list is on screen.
    afterPaint(() => {
      measure(SEARCH_MEASURES.render, t, now(), { query: s.query });
      whenIdle(() => {
        if (this.shown !== s) return;
        void reco.logShown(s.items, 'semantic', s.query).then((ids) => {
          if (this.shown === s && ids) this.impressions = { of: s, ids };
        });
      });
    });
  }
}

export const search = new SearchState();

/**
 * Explanations from the top-N model: which of the user's liked movies lifted an item most.
 * EASE's score is a sum over the user's interactions, s_j = Σ_i x_i B_ij, so each liked movie's
 * part x_i · B_ij is exact, and "Because you liked X" names the X with the largest positive part.
 *
 * With B_ij = x_iᵀ M x_j / (λ P_jj) (see ease.ts), liked i's part in item j is
 *     value_i · c_ij / (λ P_jj),   c_ij = Σ_{u rates j} X_uj · y_i[u],   y_i = M x_i (a 610-vector).
 * c_ij depends on the model and the two items alone, not on the user's feedback, so
 * `AttributionCache` keeps the y_i and the c_ij it computed across likes (both bounded), and a like
 * only pays for what is new. Nor does the largest part need every c_ij: M is symmetric positive
 * definite, so by Cauchy–Schwarz in the M inner product |c_ij| ≤ ‖x_i‖_M ‖x_j‖_M, with
 * ‖x_j‖_M² = x_jᵀ M x_j = 1 − λP_jj already in the model. Liked movies are visited by that bound,
 * largest first (after a likely winner: the last one found for j), and the visit stops once no later
 * one can reach the best part found. Every part is computed with the same floating-point operations
 * as the full scan (y_i accumulated rater by rater, c_ij over j's raters in stored order), and the
 * bound carries a margin far above their rounding, so the answer is exactly the full scan's.
 */
import { CfError } from '../cf/errors';
import type { EaseModel, Interaction } from './ease';

/**
 * Default bounds of an `AttributionCache`: y_i kept (610 users × 8 B each: 2048 ≈ 10 MB at most) and
 * raw parts kept (2^20 × 8 B = 8 MB at most). At 10,000 stored events (~1,800 likes) a run of likes
 * holds ~1,400 images (6.7 MB) and fills the parts (8 MB: ~500 items' columns); at 1,000 events
 * (~200 likes) ~190 images and ~180,000 parts, 2.4 MB in all. Half the parts doubled the parts
 * recomputed per like at 10,000 events.
 */
export const ATTRIBUTION_CACHE_DEFAULTS = Object.freeze({ images: 2048, parts: 1 << 20 });

/**
 * What explanations can reuse across likes for one model: y_i = M x_i per item (an LRU of at most
 * `images` vectors), the raw parts c_ij by item j (an LRU of columns holding at most `parts` numbers
 * in all), each item's Cauchy–Schwarz factor (nItems numbers) and the last top contributor found per
 * item (a hint for the next like). Beyond the bounds, what was dropped is recomputed: slower, the same.
 */
export class AttributionCache {
  readonly model: EaseModel;
  readonly #imagesKept: number;
  readonly #partsKept: number;
  readonly #images = new Map<number, Float64Array>();
  /** Column of raw parts per item j, indexed by the slot of the liked item (NaN: not computed). */
  readonly #columns = new Map<number, Float64Array>();
  #columnsSize = 0;
  readonly #slots = new Map<number, number>();
  #norms: Float64Array | null = null;
  readonly #lastTop: Int32Array;
  /** Work done since creation (for benchmarks and tests): images and raw parts computed. */
  readonly computed = { images: 0, parts: 0 };

  constructor(model: EaseModel, kept: { images?: number; parts?: number } = {}) {
    const images = kept.images ?? ATTRIBUTION_CACHE_DEFAULTS.images;
    const parts = kept.parts ?? ATTRIBUTION_CACHE_DEFAULTS.parts;
    for (const [name, v] of [['images', images], ['parts', parts]] as const) {
      if (!(Number.isInteger(v) && v >= 1)) throw new CfError('ERR_CF_OPTIONS', `attribution cache: ${name} kept must be a positive integer, got ${v}`);
    }
    this.model = model;
    this.#imagesKept = images;
    this.#partsKept = parts;
    this.#lastTop = new Int32Array(model.nItems).fill(-1);
  }

  /** Numbers held now: y_i vectors and raw parts (columns' length included). */
  get held(): { images: number; parts: number } {
    return { images: this.#images.size, parts: this.#columnsSize };
  }

  /** y_i = M x_i, accumulated rater by rater (row b of M is column b: M is symmetric). */
  image(i: number): Float64Array {
    const hit = this.#images.get(i);
    if (hit) {
      this.#images.delete(i);
      this.#images.set(i, hit);
      return hit;
    }
    const { colPtr, colUser, colValue, gramInv: M, nUsers: n } = this.model;
    const y = new Float64Array(n);
    for (let p = colPtr[i]!; p < colPtr[i + 1]!; p++) {
      const vb = colValue[p]!;
      const row = colUser[p]! * n;
      for (let a = 0; a < n; a++) y[a]! += vb * M[row + a]!;
    }
    this.computed.images++;
    this.#images.set(i, y);
    if (this.#images.size > this.#imagesKept) this.#images.delete(this.#images.keys().next().value!);
    return y;
  }

  /** Changes when the slots are given anew (`Attribution` then looks its slots up again). */
  get generation(): number {
    return this.#generation;
  }
  #generation = 0;

  /**
   * Keeps the slots (and the parts by slot) while they are not many more than the `live` liked
   * movies of the current feedback; otherwise starts them afresh. One engine serving other feedback
   * (another profile, a run of unlikes) would else grow every column with slots no one asks about.
   */
  fit(live: number): void {
    if (this.#slots.size <= 2 * live + 256) return;
    this.#slots.clear();
    this.#columns.clear();
    this.#columnsSize = 0;
    this.#generation++;
  }

  /** The slot of liked item i in every column (given on first use, kept until `fit` starts afresh). */
  slot(i: number): number {
    let slot = this.#slots.get(i);
    if (slot === undefined) {
      slot = this.#slots.size;
      this.#slots.set(i, slot);
    }
    return slot;
  }

  /**
   * The raw parts c_ij of item j by slot (NaN: not computed yet; fill with `part`), long enough for
   * every slot given so far; the least recently used columns are dropped beyond `parts` numbers.
   */
  column(j: number): Float64Array {
    let col = this.#columns.get(j);
    if (col) this.#columns.delete(j);
    if (!col || col.length < this.#slots.size) {
      const grown = new Float64Array(Math.max(16, 2 ** Math.ceil(Math.log2(this.#slots.size)))).fill(NaN);
      if (col) grown.set(col);
      this.#columnsSize += grown.length - (col?.length ?? 0);
      col = grown;
    }
    this.#columns.set(j, col);
    while (this.#columnsSize > this.#partsKept && this.#columns.size > 1) {
      const [oldest, dropped] = this.#columns.entries().next().value!;
      this.#columns.delete(oldest);
      this.#columnsSize -= dropped.length;
    }
    return col;
  }

  /** c_ij = Σ_p X_pj · y_i[user p] over the raters of j in stored order (no feedback value, no 1/λP_jj). */
  part(i: number, j: number): number {
    const y = this.image(i);
    const { colPtr, colUser, colValue } = this.model;
    let s = 0;
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) s += colValue[p]! * y[colUser[p]!]!;
    this.computed.parts++;
    return s;
  }

  /**
   * An upper bound of ‖x_i‖_M = √(x_iᵀ M x_i) as the computed model gives it: √(1 − λP_ii) plus a
   * margin m_i for the rounding in λP_ii, in the parts and in the bound itself. Each rounding is
   * below ~1e-13 · ‖x_i‖₁ · √max|M| (|M_ab| ≤ max diagonal: M is SPD); m_i is 1e-5 of that scale,
   * so (‖x_i‖_M + m_i)(‖x_j‖_M + m_j) also covers a part's own rounding (1e-10 of
   * ‖x_i‖₁‖x_j‖₁ max|M|), plus 1e-7 for the square root of 1 − λP_ii's last bit (√2.2e-16 ≈ 1.5e-8).
   */
  norm(i: number): number {
    if (!this.#norms) {
      const { colPtr, colValue, gramInv: M, nUsers: n, nItems, lambdaDiagP } = this.model;
      let mMax = 0;
      for (let a = 0; a < n; a++) mMax = Math.max(mMax, Math.abs(M[a * n + a]!));
      const scale = Math.sqrt(mMax);
      const norms = new Float64Array(nItems);
      for (let j = 0; j < nItems; j++) {
        let l1 = 0;
        for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) l1 += Math.abs(colValue[p]!);
        norms[j] = Math.sqrt(Math.max(0, 1 - lambdaDiagP[j]!)) + 1e-5 * l1 * scale + 1e-7;
      }
      this.#norms = norms;
    }
    return this.#norms[i]!;
  }

  /** The last top contributor found for item j (−1: none yet): where the next search starts. */
  lastTop(j: number): number {
    return this.#lastTop[j]!;
  }

  noteTop(j: number, i: number): void {
    this.#lastTop[j] = i;
  }
}

/**
 * Per-item attribution to a fixed set of liked interactions (one state of the feedback: the engine
 * makes a new one per change, sharing its model's `AttributionCache`).
 */
export class Attribution {
  readonly #model: EaseModel;
  readonly #liked: readonly Interaction[];
  readonly #cache: AttributionCache;
  #prepared: Prepared | null = null;
  /** `top(j)` results already computed (rows ask about the same items again). */
  readonly #tops = new Map<number, { item: number; contribution: number } | null>();
  /** Liked movies whose part was looked at, over all calls (for benchmarks and tests). */
  visited = 0;

  constructor(model: EaseModel, liked: readonly Interaction[], cache: AttributionCache = new AttributionCache(model)) {
    for (const r of liked) {
      if (!(Number.isInteger(r.item) && r.item >= 0 && r.item < model.nItems)) throw new CfError('ERR_CF_INPUT', `item ${r.item} outside 0..${model.nItems - 1}`);
    }
    if (cache.model !== model) throw new CfError('ERR_CF_INPUT', 'the attribution cache belongs to another model');
    this.#model = model;
    this.#liked = liked;
    this.#cache = cache;
  }

  /** Liked positions by bound, their keys, slots and positions by item (once per Attribution). */
  #prepare(): Prepared {
    if (this.#prepared?.generation === this.#cache.generation) return this.#prepared;
    const L = this.#liked.length;
    this.#cache.fit(L);
    const keys = new Float64Array(L);
    const position = new Map<number, number>();
    for (let t = 0; t < L; t++) {
      const { item, value } = this.#liked[t]!;
      keys[t] = Math.abs(value) * this.#cache.norm(item);
      if (!position.has(item)) position.set(item, t);
    }
    const order = Uint32Array.from({ length: L }, (_, t) => t).sort((a, b) => keys[b]! - keys[a]!);
    // Everything the search reads, laid out in visiting order.
    const item = new Int32Array(L);
    const value = new Float64Array(L);
    const slot = new Uint32Array(L);
    const key = new Float64Array(L);
    const rank = new Int32Array(L);
    order.forEach((t, k) => {
      item[k] = this.#liked[t]!.item;
      value[k] = this.#liked[t]!.value;
      slot[k] = this.#cache.slot(item[k]!);
      key[k] = keys[t]!;
      rank[t] = k;
    });
    this.#prepared = { item, value, slot, key, rank, position, generation: this.#cache.generation };
    return this.#prepared;
  }

  /**
   * The part of the liked movie visited k-th in item j, from `col` (j's column of raw parts) or
   * computed into it: the very operations of the full scan (value · c_ij · 1/λP_jj; 0 when it is j).
   */
  #part(k: number, j: number, scale: number, col: Float64Array, p: Prepared): number {
    const item = p.item[k]!;
    if (item === j) return 0;
    let c = col[p.slot[k]!]!;
    if (c !== c) {
      c = this.#cache.part(item, j);
      col[p.slot[k]!] = c;
    }
    return p.value[k]! * c * scale;
  }

  /** x_i · B_ij for every liked i (in the order given; 0 for i = j). */
  contributions(j: number): Float64Array {
    const L = this.#liked.length;
    const out = new Float64Array(L);
    if (this.#empty(j)) return out;
    const p = this.#prepare();
    const col = this.#cache.column(j);
    const scale = 1 / this.#model.lambdaDiagP[j]!;
    for (let t = 0; t < L; t++) out[t] = this.#part(p.rank[t]!, j, scale, col, p);
    return out;
  }

  #empty(j: number): boolean {
    return !this.#liked.length || this.#model.colPtr[j + 1] === this.#model.colPtr[j];
  }

  /** The liked interaction contributing most to item j's score, or null when none contributes positively. */
  top(j: number): { item: number; contribution: number } | null {
    const known = this.#tops.get(j);
    if (known !== undefined) return known;
    const out = this.#empty(j) ? null : this.#search(j, -1);
    this.#tops.set(j, out);
    return out;
  }

  /**
   * Whether `source` is `top(j)`'s item, deciding as soon as another liked movie beats it (a
   * "Because you liked X" row asks this of every candidate; most are someone else's).
   */
  isTop(j: number, source: number): boolean {
    const known = this.#tops.get(j);
    if (known !== undefined) return known?.item === source;
    if (this.#empty(j) || source === j) return this.top(j)?.item === source;
    const { position } = this.#prepare();
    // A movie liked twice (not the engine's case) has two parts: the full search decides.
    if (position.size < this.#liked.length) return this.top(j)?.item === source;
    const s = position.get(source);
    if (s === undefined) return false;
    const found = this.#search(j, this.#prepared!.rank[s]!);
    if (found?.item === source) this.#tops.set(j, found);
    return found?.item === source;
  }

  /**
   * The top contributor to j, visiting liked movies by bound, largest first, until no later one can
   * reach the best part found (parts are ≤ key · reach). With `source` ≥ 0 (a rank in that order),
   * it starts there and stops at the first movie that beats it: the answer is then only "not source".
   */
  #search(j: number, source: number): { item: number; contribution: number } | null {
    const p = this.#prepare();
    const { item, key } = p;
    const L = item.length;
    const col = this.#cache.column(j);
    const scale = 1 / this.#model.lambdaDiagP[j]!;
    // Every part is at most key · ‖x_j‖_M · scale; (1 + 1e-9) covers this product's rounding.
    const reach = this.#cache.norm(j) * scale * (1 + 1e-9);
    // First the source, then the last top contributor found for j: a high best early prunes more.
    const last = p.position.get(this.#cache.lastTop(j));
    const hint = last === undefined ? -1 : p.rank[last]!;
    let bestK = -1;
    let best = 0;
    let visited = 0;
    for (let step = -2; step < L; step++) {
      const k = step === -2 ? source : step === -1 ? hint : step;
      if (k < 0 || (step === -1 && k === source) || (step >= 0 && (k === source || k === hint))) continue;
      if (step >= 0 && bestK >= 0 && key[k]! * reach < best) break;
      visited++;
      const c = this.#part(k, j, scale, col, p);
      if (c > 0 && (bestK < 0 || c > best || (c === best && item[k]! < item[bestK]!))) {
        if (source >= 0 && bestK === source) {
          bestK = k; // the source is beaten: that is all a decision needs
          break;
        }
        bestK = k;
        best = c;
      }
      if (step === -2 && bestK < 0) break; // the source's part is not positive: it is not the top
    }
    this.visited += visited;
    if (bestK < 0) return null;
    this.#cache.noteTop(j, item[bestK]!);
    return { item: item[bestK]!, contribution: best };
  }
}

/** The liked movies in visiting order (by key, largest first), as the search reads them. */
interface Prepared {
  item: Int32Array;
  value: Float64Array;
  /** Slot in the cache's columns. */
  slot: Uint32Array;
  /** |value| · ‖x_i‖_M (with margin): the part in j is at most key · ‖x_j‖_M / λP_jj. */
  key: Float64Array;
  /** Rank in that order of each given position. */
  rank: Int32Array;
  /** First given position of each item. */
  position: Map<number, number>;
  /** The cache's slot generation these slots belong to. */
  generation: number;
}

/** One-off form of `Attribution.top`. */
export function topContributorOf(model: EaseModel, liked: readonly Interaction[], j: number): { item: number; contribution: number } | null {
  return new Attribution(model, liked).top(j);
}

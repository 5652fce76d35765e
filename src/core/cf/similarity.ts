/**
 * Item–item Pearson-baseline similarity with shrinkage (Surprise's `pearson_baseline`), computed
 * only over co-rated item pairs, keeping each item's top-K positively similar neighbours:
 *   s_ij = Σ_u w (r_ui − b_ui)(r_uj − b_uj) / √(Σ_u w (r_ui − b_ui)² · Σ_u w (r_uj − b_uj)²) · (n − 1) / (n − 1 + shrinkage)
 * with the sums over the users who rated both items, pair weight w = w_ui·w_uj and n = Σ w (the
 * co-rater count when all weights are 1). Pairs with n < minSupport or a zero denominator
 * (constant residuals) get 0. Only positive similarities are kept, because Surprise's KNNBaseline
 * prediction ignores the others.
 */
import type { Baselines } from './baseline';
import { CfError } from './errors';
import type { RatingMatrix } from './matrix';

/** Options of the neighbour computation. */
export interface NeighbourOptions {
  /** Shrinkage of the Pearson-baseline correlation towards 0 (Surprise: 100). */
  shrinkage: number;
  /** Neighbours kept per item (the most similar first). */
  maxNeighbours: number;
  /** Minimum co-rater count (Σ pair weights) for a pair to get a similarity (Surprise: 1). */
  minSupport: number;
}

/** Per-item neighbour lists in CSR form: `item`/`sim` from `ptr[i]` to `ptr[i+1]`, sim descending. */
export interface NeighbourLists {
  ptr: Uint32Array;
  item: Uint32Array;
  sim: Float32Array;
}

/** Residual r_ui − (μ + b_u + b_i) of every rating, in CSR order. */
export function residuals(m: RatingMatrix, b: Baselines): Float64Array {
  const e = new Float64Array(m.nnz);
  for (let u = 0; u < m.nUsers; u++) {
    const base = b.globalMean + b.userBias[u]!;
    for (let q = m.rowPtr[u]!; q < m.rowPtr[u + 1]!; q++) e[q] = m.rowRating[q]! - base - b.itemBias[m.rowItem[q]!]!;
  }
  return e;
}

/** Computes every item's top-`maxNeighbours` positive Pearson-baseline neighbours. */
export function itemNeighbours(m: RatingMatrix, b: Baselines, o: NeighbourOptions, onProgress?: (fraction: number) => void): NeighbourLists {
  if (!(o.shrinkage >= 0) || !Number.isInteger(o.maxNeighbours) || o.maxNeighbours < 1 || !(o.minSupport >= 0)) {
    throw new CfError('ERR_CF_OPTIONS', `neighbour options out of range: ${JSON.stringify(o)}`);
  }
  const pairs = positivePairs(m, residuals(m, b), o.shrinkage, o.minSupport, onProgress);
  return topNeighbours(m.nItems, pairs, o.maxNeighbours);
}

/** Positive similarities of item pairs i < j, as parallel arrays. */
interface Pairs {
  n: number;
  a: Uint32Array;
  b: Uint32Array;
  sim: Float32Array;
}

/**
 * Accumulates the co-rating sums of each pair i < j once: for each item i and each of its raters u,
 * only u's items after i are visited (rows are sorted by item), which halves the work.
 */
function positivePairs(m: RatingMatrix, e: Float64Array, shrinkage: number, minSupport: number, onProgress?: (fraction: number) => void): Pairs {
  const { nItems, rowPtr, rowItem, rowWeight: w, colPtr, colUser, colToRow } = m;
  // Interleaved accumulators [count, Σ e_i e_j, Σ e_i², Σ e_j²] per partner item j: one cache line each.
  const acc = new Float64Array(4 * nItems);
  const touched = new Uint32Array(nItems);
  let pa = new Uint32Array(1 << 16);
  let pb = new Uint32Array(pa.length);
  let ps = new Float32Array(pa.length);
  let np = 0;
  for (let i = 0; i < nItems; i++) {
    if (onProgress && (i & 511) === 0) onProgress(i / nItems);
    let nt = 0;
    for (let c = colPtr[i]!, cEnd = colPtr[i + 1]!; c < cEnd; c++) {
      const qi = colToRow[c]!;
      const ei = e[qi]!;
      const end = rowPtr[colUser[c]! + 1]!;
      if (w) {
        const wi = w[qi]!;
        for (let q = qi + 1; q < end; q++) {
          const a = 4 * rowItem[q]!;
          const ej = e[q]!;
          const pw = wi * w[q]!;
          if (acc[a] === 0) touched[nt++] = a;
          acc[a]! += pw;
          acc[a + 1]! += pw * ei * ej;
          acc[a + 2]! += pw * ei * ei;
          acc[a + 3]! += pw * ej * ej;
        }
      } else {
        const ei2 = ei * ei;
        for (let q = qi + 1; q < end; q++) {
          const a = 4 * rowItem[q]!;
          const ej = e[q]!;
          if (acc[a] === 0) touched[nt++] = a;
          acc[a]! += 1;
          acc[a + 1]! += ei * ej;
          acc[a + 2]! += ei2;
          acc[a + 3]! += ej * ej;
        }
      }
    }
    for (let t = 0; t < nt; t++) {
      const a = touched[t]!;
      const j = a >> 2;
      const n = acc[a]!;
      const p = acc[a + 1]!;
      const d = acc[a + 2]! * acc[a + 3]!;
      acc[a] = 0;
      acc[a + 1] = 0;
      acc[a + 2] = 0;
      acc[a + 3] = 0;
      // n ≤ 1 makes the shrinkage factor (n − 1)/(n − 1 + shrinkage) ≤ 0 (or 0/0): never positive.
      if (n <= 1 || n < minSupport || !(p > 0) || !(d > 0)) continue;
      const s = (p / Math.sqrt(d)) * ((n - 1) / (n - 1 + shrinkage));
      if (!(s > 0)) continue;
      if (np === pa.length) {
        pa = grow(pa, new Uint32Array(np * 2));
        pb = grow(pb, new Uint32Array(np * 2));
        ps = grow(ps, new Float32Array(np * 2));
      }
      pa[np] = i;
      pb[np] = j;
      ps[np] = s;
      np++;
    }
  }
  return { n: np, a: pa, b: pb, sim: ps };
}

function grow<T extends Uint32Array | Float32Array>(src: T, dst: T): T {
  dst.set(src);
  return dst;
}

/**
 * Scatters the symmetric pairs into per-item lists and keeps each item's best `maxNeighbours`,
 * sorted. Each entry is one packed Float64 key: the high bits hold (1 − s) quantised to
 * 2^-simBits, the low bits the partner item, so ascending keys mean similarity descending, then
 * item ascending, and plain numeric comparisons sort them. simBits = 52 − ⌈log2 nItems⌉ ≥ 29 for
 * up to 2^23 items: finer than the float32 the similarity is stored in.
 */
function topNeighbours(nItems: number, pairs: Pairs, maxNeighbours: number): NeighbourLists {
  const deg = new Uint32Array(nItems + 1);
  for (let p = 0; p < pairs.n; p++) {
    deg[pairs.a[p]! + 1]!++;
    deg[pairs.b[p]! + 1]!++;
  }
  for (let i = 0; i < nItems; i++) deg[i + 1]! += deg[i]!;
  const itemBits = Math.max(1, Math.ceil(Math.log2(nItems)));
  const itemScale = 2 ** itemBits;
  const simScale = 2 ** (52 - itemBits);
  const keys = new Float64Array(2 * pairs.n);
  const next = deg.slice(0, nItems);
  for (let p = 0; p < pairs.n; p++) {
    const a = pairs.a[p]!;
    const b = pairs.b[p]!;
    const high = Math.floor((1 - pairs.sim[p]!) * simScale) * itemScale;
    keys[next[a]!++] = high + b;
    keys[next[b]!++] = high + a;
  }
  const ptr = new Uint32Array(nItems + 1);
  for (let i = 0; i < nItems; i++) ptr[i + 1] = ptr[i]! + Math.min(maxNeighbours, deg[i + 1]! - deg[i]!);
  const item = new Uint32Array(ptr[nItems]!);
  const sim = new Float32Array(ptr[nItems]!);
  for (let i = 0; i < nItems; i++) {
    const lo = deg[i]!;
    const out = ptr[i]!;
    const n = ptr[i + 1]! - out;
    if (deg[i + 1]! - lo > n) selectSmallest(keys, lo, deg[i + 1]!, lo + n);
    sortRange(keys, lo, lo + n);
    for (let k = 0; k < n; k++) {
      const key = keys[lo + k]!;
      const j = key % itemScale;
      item[out + k] = j;
      sim[out + k] = 1 - (key - j) / itemScale / simScale;
    }
  }
  return { ptr, item, sim };
}

/** Sorts keys[lo, hi) ascending in place (quicksort, median of three, insertion sort below 16). */
export function sortRange(a: Float64Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const p = partition(a, lo, hi);
    // Recurse into the smaller side, loop on the larger: stack depth O(log n).
    if (p - lo < hi - p - 1) {
      sortRange(a, lo, p);
      lo = p + 1;
    } else {
      sortRange(a, p + 1, hi);
      hi = p;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** Rearranges keys[lo, hi) so that its `nth - lo` smallest come first (quickselect). */
function selectSmallest(a: Float64Array, lo: number, hi: number, nth: number): void {
  while (hi - lo > 1) {
    const p = partition(a, lo, hi);
    if (p === nth || p === nth - 1) return;
    if (p < nth) lo = p + 1;
    else hi = p;
  }
}

/** Lomuto partition of a[lo, hi) around the median of three; returns the pivot's final index. */
function partition(a: Float64Array, lo: number, hi: number): number {
  const mid = (lo + hi) >> 1;
  const last = hi - 1;
  if (a[mid]! < a[lo]!) swap(a, mid, lo);
  if (a[last]! < a[lo]!) swap(a, last, lo);
  if (a[mid]! < a[last]!) swap(a, mid, last);
  const pivot = a[last]!;
  let store = lo;
  for (let k = lo; k < last; k++) {
    if (a[k]! < pivot) swap(a, k, store++);
  }
  swap(a, store, last);
  return store;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

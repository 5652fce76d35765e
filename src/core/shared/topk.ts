/**
 * Bounded selection of the k best (score descending, then index ascending) without sorting
 * everything: one size-k min-heap, O(n log k). Used by collaborative filtering (neighbours,
 * rankings, popularity) and semantic search alike.
 */

/** A fixed-capacity min-heap keeping the `capacity` best (score, index) pairs seen. */
export class TopK {
  private readonly score: Float64Array;
  private readonly index: Uint32Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.score = new Float64Array(Math.max(1, capacity));
    this.index = new Uint32Array(Math.max(1, capacity));
  }

  /** Number of pairs held. */
  get length(): number {
    return this.size;
  }

  /** Empties the heap for reuse. */
  clear(): void {
    this.size = 0;
  }

  /** Offers a pair; it is kept when the heap is not full or it beats the worst pair held. */
  push(score: number, index: number): void {
    if (this.capacity <= 0) return;
    const hs = this.score;
    const hi = this.index;
    if (this.size < this.capacity) {
      let k = this.size++;
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (!before(hs[parent]!, hi[parent]!, score, index)) break;
        hs[k] = hs[parent]!;
        hi[k] = hi[parent]!;
        k = parent;
      }
      hs[k] = score;
      hi[k] = index;
    } else if (before(score, index, hs[0]!, hi[0]!)) {
      hs[0] = score;
      hi[0] = index;
      this.siftDown(this.size);
    }
  }

  /** Empties the heap into `(score, index)` arrays ordered best first; returns the count. */
  drain(outScore: Float64Array | Float32Array | number[], outIndex: Uint32Array | number[]): number {
    const n = this.size;
    const hs = this.score;
    const hi = this.index;
    for (let k = n; k > 0; k--) {
      outScore[k - 1] = hs[0]!;
      outIndex[k - 1] = hi[0]!;
      hs[0] = hs[k - 1]!;
      hi[0] = hi[k - 1]!;
      this.siftDown(k - 1);
    }
    this.size = 0;
    return n;
  }

  private siftDown(size: number): void {
    const hs = this.score;
    const hi = this.index;
    const s = hs[0]!;
    const j = hi[0]!;
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && before(hs[l]!, hi[l]!, hs[r]!, hi[r]!) ? r : l;
      if (!before(s, j, hs[c]!, hi[c]!)) break;
      hs[k] = hs[c]!;
      hi[k] = hi[c]!;
      k = c;
    }
    hs[k] = s;
    hi[k] = j;
  }
}

/** True when (s1, i1) ranks before (s2, i2): higher score, then lower index. */
export function before(s1: number, i1: number, s2: number, i2: number): boolean {
  return s1 > s2 || (s1 === s2 && i1 < i2);
}

/** Indices of the `k` best scores among those `eligible`, best first (ties: lower index first). */
export function topKIndices(scores: ArrayLike<number>, k: number, eligible?: (i: number) => boolean): number[] {
  const heap = new TopK(Math.min(k, scores.length));
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (Number.isNaN(s) || (eligible && !eligible(i))) continue;
    heap.push(s, i);
  }
  const outScore = new Float64Array(heap.length);
  const outIndex: number[] = new Array<number>(heap.length);
  heap.drain(outScore, outIndex);
  return outIndex;
}

/** The k best entries, best first: `indices[r]` has score `scores[r]` (typed arrays, cheap to transfer). */
export interface TopKResult {
  indices: Uint32Array;
  scores: Float32Array;
}

/**
 * The k best scores and their indices as typed arrays, best first; ties go to the lower index,
 * NaN scores and entries `keep` rejects are skipped. `k` must be a non-negative integer (checked by
 * the caller, which owns the error type).
 */
export function topKArrays(scores: ArrayLike<number>, k: number, keep?: (index: number) => boolean): TopKResult {
  const heap = new TopK(Math.min(k, scores.length));
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (Number.isNaN(s) || (keep && !keep(i))) continue;
    heap.push(s, i);
  }
  const out = { indices: new Uint32Array(heap.length), scores: new Float32Array(heap.length) };
  heap.drain(out.scores, out.indices);
  return out;
}

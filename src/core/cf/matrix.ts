/** Sparse rating matrix in both row (by user, CSR) and column (by item, CSC) layouts. */
import type { RatingsCOO } from '../catalogue/types';
import { CfError } from './errors';

/** One rating of one user, with an optional confidence weight (1 when absent). */
export interface WeightedRating {
  item: number;
  rating: number;
  weight?: number;
}

/**
 * Ratings as CSR (by user) and CSC (by item). Entries of a user are sorted by item, entries of an
 * item by user; `colToRow[p]` is the CSR position of CSC entry `p`, so per-rating arrays computed
 * in CSR order (residuals) can be read from the item side too. `rowWeight` is null when all are 1.
 */
export interface RatingMatrix {
  nUsers: number;
  nItems: number;
  nnz: number;
  rowPtr: Uint32Array;
  rowItem: Uint32Array;
  rowRating: Float32Array;
  rowWeight: Float32Array | null;
  colPtr: Uint32Array;
  colUser: Uint32Array;
  colToRow: Uint32Array;
  /** CSC position of CSR entry `q` (inverse of `colToRow`). */
  rowToCol: Uint32Array;
}

/** A RatingsCOO from [user, item, rating] triples (time 0): handy for small hand-made matrices. */
export function cooFromTriples(nUsers: number, nItems: number, triples: readonly (readonly [number, number, number])[]): RatingsCOO {
  return {
    nUsers,
    nItems,
    user: Uint32Array.from(triples, (t) => t[0]),
    item: Uint32Array.from(triples, (t) => t[1]),
    rating: Float32Array.from(triples, (t) => t[2]),
    time: new Uint32Array(triples.length),
  };
}

function check(cond: boolean, message: string): void {
  if (!cond) throw new CfError('ERR_CF_INPUT', message);
}

/**
 * Builds the matrix from community ratings plus, optionally, extra users appended after the
 * community ones (user index `coo.nUsers + e`), each with weighted ratings. Throws on indices out
 * of range, non-finite ratings, non-positive weights and duplicate (user, item) pairs.
 */
export function buildRatingMatrix(coo: RatingsCOO, extraUsers: readonly (readonly WeightedRating[])[] = []): RatingMatrix {
  const base = coo.rating.length;
  check(coo.user.length === base && coo.item.length === base, 'RatingsCOO arrays differ in length');
  const nUsers = coo.nUsers + extraUsers.length;
  const nItems = coo.nItems;
  let nnz = base;
  for (const ex of extraUsers) nnz += ex.length;
  const user = new Uint32Array(nnz);
  const item = new Uint32Array(nnz);
  const rating = new Float32Array(nnz);
  let weight: Float32Array | null = null;
  user.set(coo.user);
  item.set(coo.item);
  rating.set(coo.rating);
  let p = base;
  extraUsers.forEach((ex, e) => {
    for (const r of ex) {
      check(Number.isInteger(r.item) && r.item >= 0 && r.item < nItems, `extra user ${e}: item ${r.item} outside 0..${nItems - 1}`);
      if (r.weight !== undefined && r.weight !== 1) {
        if (!weight) weight = new Float32Array(nnz).fill(1);
        check(Number.isFinite(r.weight) && r.weight > 0, `extra user ${e}: weight ${r.weight} must be > 0`);
        weight[p] = r.weight;
      }
      user[p] = coo.nUsers + e;
      item[p] = r.item;
      rating[p] = r.rating;
      p++;
    }
  });
  for (let k = 0; k < nnz; k++) {
    check(user[k]! < nUsers, `rating ${k}: user ${user[k]} ≥ nUsers ${nUsers}`);
    check(item[k]! < nItems, `rating ${k}: item ${item[k]} outside 0..${nItems - 1}`);
    check(Number.isFinite(rating[k]!), `rating ${k}: rating is not a finite number`);
  }

  // Counting sort by user, then stable counting sort by item: gives user-major order with items ascending.
  const rowPtr = countPtr(user, nUsers);
  const colPtr = countPtr(item, nItems);
  const byItem = new Uint32Array(nnz);
  {
    const next = colPtr.slice(0, nItems);
    for (let k = 0; k < nnz; k++) byItem[next[item[k]!]!++] = k;
  }
  const order = new Uint32Array(nnz);
  {
    const next = rowPtr.slice(0, nUsers);
    for (let q = 0; q < nnz; q++) {
      const k = byItem[q]!;
      order[next[user[k]!]!++] = k;
    }
  }
  const rowItem = new Uint32Array(nnz);
  const rowRating = new Float32Array(nnz);
  const w = weight as Float32Array | null;
  const rowWeight = w ? new Float32Array(nnz) : null;
  for (let q = 0; q < nnz; q++) {
    const k = order[q]!;
    rowItem[q] = item[k]!;
    rowRating[q] = rating[k]!;
    if (rowWeight) rowWeight[q] = w![k]!;
  }
  for (let u = 0; u < nUsers; u++) {
    for (let q = rowPtr[u]! + 1; q < rowPtr[u + 1]!; q++) {
      check(rowItem[q] !== rowItem[q - 1], `user ${u} rated item ${rowItem[q]} twice`);
    }
  }
  // CSC from the CSR walk: users ascending within each item.
  const colUser = new Uint32Array(nnz);
  const colToRow = new Uint32Array(nnz);
  const rowToCol = new Uint32Array(nnz);
  const next = colPtr.slice(0, nItems);
  for (let u = 0; u < nUsers; u++) {
    for (let q = rowPtr[u]!; q < rowPtr[u + 1]!; q++) {
      const c = next[rowItem[q]!]!++;
      colUser[c] = u;
      colToRow[c] = q;
      rowToCol[q] = c;
    }
  }
  return { nUsers, nItems, nnz, rowPtr, rowItem, rowRating, rowWeight, colPtr, colUser, colToRow, rowToCol };
}

function countPtr(keys: Uint32Array, n: number): Uint32Array {
  const ptr = new Uint32Array(n + 1);
  for (let k = 0; k < keys.length; k++) ptr[keys[k]! + 1]!++;
  for (let i = 0; i < n; i++) ptr[i + 1]! += ptr[i]!;
  return ptr;
}

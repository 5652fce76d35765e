/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data") for the top-N lists,
 * computed exactly in USER space, so it trains on the device in well under a second.
 *
 * EASE's item–item weights are B = I − P · diagMat(1 / diag P) with P = (XᵀX + λI)⁻¹ (items × items,
 * zero diagonal), and a user with interaction row x scores s = x B. Over 9,742 items P is a 760 MB
 * dense inverse. But MovieLens has far fewer users (610) than items, and by the Woodbury identity
 *
 *     P = (XᵀX + λI)⁻¹ = (1/λ) · (I − Xᵀ M X),   M = (X Xᵀ + λI)⁻¹   (users × users, 610² ≈ 3 MB)
 *
 * so the model is just M, diag P and X itself (the community interactions, already loaded):
 *   P_jj        = (1 − x_jᵀ M x_j) / λ                  (x_j: column j of X, the raters of j)
 *   (x P)_j     = (x_j − t_j) / λ,   t = Xᵀ (M (X x))   (one 610-vector, one pass over X)
 *   s_j = (xB)_j = x_j − (x P)_j / P_jj = x_j − (x_j − t_j) / (λ P_jj)
 *   B_ij (i≠j)  = x_iᵀ M x_j / (λ P_jj)                  (how much interacting with i lifts j)
 * Exact, not an approximation: the unit tests compare it with the dense item-space formula.
 *
 * Input is real-valued (EASE is linear in x): the community's ratings become X by `communityValue`,
 * the user's likes, clicks and dislikes become x by `feedbackInput` (a dislike is negative, so it
 * pushes the items it lifts down), and recent interactions can weigh more (`recencyWeights`).
 */
import type { RatingsCOO } from '../catalogue/types';
import { CfError } from '../cf/errors';

/** Current layout of a trained model; bump when it changes so cached models are rebuilt. */
export const EASE_MODEL_VERSION = 1;

/** A trained EASE model (plain typed arrays: survives structured cloning to IndexedDB and workers). */
export interface EaseModel {
  kind: 'recostream-ease';
  version: number;
  lambda: number;
  nUsers: number;
  nItems: number;
  /** X by user (CSR): items and values from `rowPtr[u]` to `rowPtr[u+1]`. */
  rowPtr: Uint32Array;
  rowItem: Uint32Array;
  rowValue: Float32Array;
  /** X by item (CSC): users and values from `colPtr[j]` to `colPtr[j+1]`. */
  colPtr: Uint32Array;
  colUser: Uint32Array;
  colValue: Float32Array;
  /** M = (X Xᵀ + λI)⁻¹, `nUsers × nUsers`, row-major. */
  gramInv: Float64Array;
  /** λ · P_jj = 1 − x_jᵀ M x_j, in (0, 1]. */
  lambdaDiagP: Float64Array;
}

/** How a community rating becomes an entry of X (0 leaves it out). */
export type CommunityValue = (rating: number) => number;

/** Binary X: every rating is an interaction (the classic EASE input, and the benchmark's reference). */
export const BINARY: CommunityValue = () => 1;

/** Graded X: a rating of 3.5 or more is a full interaction, a lower one (watched, not liked) half of one. */
export const GRADED: CommunityValue = (r) => (r >= 3.5 ? 1 : 0.5);

/** One interaction of a user being scored: an item index and its value in x. */
export interface Interaction {
  item: number;
  value: number;
}

/**
 * Trains EASE on community ratings mapped by `value` (default binary), plus optional extra users
 * (e.g. the app user's own interactions for a personal retrain) appended after the community ones.
 */
export function trainEase(
  coo: RatingsCOO,
  options: { lambda?: number; value?: CommunityValue } = {},
  extraUsers: readonly (readonly Interaction[])[] = [],
): EaseModel {
  const lambda = options.lambda ?? 100;
  const value = options.value ?? BINARY;
  if (!(Number.isFinite(lambda) && lambda > 0)) throw new CfError('ERR_CF_OPTIONS', `EASE λ must be > 0, got ${lambda}`);
  const nItems = coo.nItems;
  const nUsers = coo.nUsers + extraUsers.length;
  // Triples (user, item, value), non-zero values only; a later duplicate of (user, item) wins.
  const us: number[] = [];
  const is: number[] = [];
  const vs: number[] = [];
  for (let k = 0; k < coo.rating.length; k++) {
    const v = value(coo.rating[k]!);
    if (!Number.isFinite(v)) throw new CfError('ERR_CF_INPUT', `rating ${k}: value ${v} is not finite`);
    if (v === 0) continue;
    if (coo.user[k]! >= coo.nUsers || coo.item[k]! >= nItems) throw new CfError('ERR_CF_INPUT', `rating ${k}: user or item index out of range`);
    us.push(coo.user[k]!);
    is.push(coo.item[k]!);
    vs.push(v);
  }
  extraUsers.forEach((ex, e) => {
    for (const r of ex) {
      checkInteraction(r, nItems);
      if (r.value === 0) continue;
      us.push(coo.nUsers + e);
      is.push(r.item);
      vs.push(r.value);
    }
  });
  const csr = compress(us, is, vs, nUsers);
  const csc = compress(is, us, vs, nItems);

  // K = X Xᵀ + λI, accumulated item by item over pairs of its raters (Σ_j n_j² operations).
  const n = nUsers;
  const K = new Float64Array(n * n);
  for (let j = 0; j < nItems; j++) {
    for (let p = csc.ptr[j]!; p < csc.ptr[j + 1]!; p++) {
      const a = csc.idx[p]!;
      const va = csc.val[p]!;
      const rowA = a * n;
      for (let q = p; q < csc.ptr[j + 1]!; q++) K[rowA + csc.idx[q]!]! += va * csc.val[q]!;
    }
  }
  for (let a = 0; a < n; a++) {
    K[a * n + a]! += lambda;
    for (let b = a + 1; b < n; b++) {
      const s = K[a * n + b]! + K[b * n + a]!;
      K[a * n + b] = s;
      K[b * n + a] = s;
    }
  }
  const M = invertSpd(K, n);

  const lambdaDiagP = new Float64Array(nItems);
  for (let j = 0; j < nItems; j++) {
    let quad = 0;
    for (let p = csc.ptr[j]!; p < csc.ptr[j + 1]!; p++) {
      const a = csc.idx[p]!;
      const va = csc.val[p]!;
      let s = 0;
      for (let q = csc.ptr[j]!; q < csc.ptr[j + 1]!; q++) s += M[a * n + csc.idx[q]!]! * csc.val[q]!;
      quad += va * s;
    }
    lambdaDiagP[j] = 1 - quad;
  }
  return {
    kind: 'recostream-ease',
    version: EASE_MODEL_VERSION,
    lambda,
    nUsers,
    nItems,
    rowPtr: csr.ptr,
    rowItem: csr.idx,
    rowValue: csr.val,
    colPtr: csc.ptr,
    colUser: csc.idx,
    colValue: csc.val,
    gramInv: M,
    lambdaDiagP,
  };
}

function checkInteraction(r: Interaction, nItems: number): void {
  if (!(Number.isInteger(r.item) && r.item >= 0 && r.item < nItems)) throw new CfError('ERR_CF_INPUT', `item ${r.item} outside 0..${nItems - 1}`);
  if (!Number.isFinite(r.value)) throw new CfError('ERR_CF_INPUT', `value of item ${r.item} is not finite`);
}

/** Groups (key, idx, val) triples by key into CSR form, idx ascending; a later duplicate wins. */
function compress(keys: number[], idx: number[], vals: number[], n: number): { ptr: Uint32Array; idx: Uint32Array; val: Float32Array } {
  const order = Array.from({ length: keys.length }, (_, k) => k).sort((a, b) => keys[a]! - keys[b]! || idx[a]! - idx[b]! || a - b);
  const keep: number[] = [];
  for (let t = 0; t < order.length; t++) {
    const k = order[t]!;
    const next = order[t + 1];
    if (next !== undefined && keys[next] === keys[k] && idx[next] === idx[k]) continue; // the later one wins
    keep.push(k);
  }
  const ptr = new Uint32Array(n + 1);
  const outIdx = new Uint32Array(keep.length);
  const outVal = new Float32Array(keep.length);
  keep.forEach((k, p) => {
    ptr[keys[k]! + 1]!++;
    outIdx[p] = idx[k]!;
    outVal[p] = vals[k]!;
  });
  for (let i = 0; i < n; i++) ptr[i + 1]! += ptr[i]!;
  return { ptr, idx: outIdx, val: outVal };
}

/** Inverse of a symmetric positive-definite matrix (row-major, n × n) by Cholesky; `a` is overwritten. */
export function invertSpd(a: Float64Array, n: number): Float64Array {
  // a = L Lᵀ, L stored in the lower triangle.
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j]!;
    for (let k = 0; k < j; k++) d -= a[rj + k]! * a[rj + k]!;
    if (!(d > 0)) throw new CfError('ERR_CF_MODEL', 'EASE Gram matrix is not positive definite');
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j]!;
      for (let k = 0; k < j; k++) s -= a[ri + k]! * a[rj + k]!;
      a[ri + j] = s / ljj;
    }
  }
  // W = L⁻¹ (lower triangular), by forward substitution column by column.
  const w = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    w[c * n + c] = 1 / a[c * n + c]!;
    for (let i = c + 1; i < n; i++) {
      const ri = i * n;
      let s = 0;
      for (let k = c; k < i; k++) s -= a[ri + k]! * w[k * n + c]!;
      w[ri + c] = s / a[ri + i]!;
    }
  }
  // A⁻¹ = Wᵀ W.
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = j; k < n; k++) s += w[k * n + i]! * w[k * n + j]!;
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

/** Scratch buffers reused across calls (one model at a time per thread). */
let scratchUsers = new Float64Array(0);
let scratchUsers2 = new Float64Array(0);
function userBuffers(n: number): [Float64Array, Float64Array] {
  if (scratchUsers.length !== n) {
    scratchUsers = new Float64Array(n);
    scratchUsers2 = new Float64Array(n);
  }
  scratchUsers.fill(0);
  scratchUsers2.fill(0);
  return [scratchUsers, scratchUsers2];
}

/** y = M · X · x for a sparse x (the user-space image of x); `out` has length nUsers. */
function userImage(model: EaseModel, x: readonly Interaction[], g: Float64Array, out: Float64Array): void {
  const { colPtr, colUser, colValue, gramInv: M, nUsers: n } = model;
  for (const { item, value } of x) {
    for (let p = colPtr[item]!; p < colPtr[item + 1]!; p++) g[colUser[p]!]! += value * colValue[p]!;
  }
  for (let a = 0; a < n; a++) {
    const ga = g[a]!;
    if (ga === 0) continue;
    const row = a * n;
    for (let b = 0; b < n; b++) out[b]! += ga * M[row + b]!; // M is symmetric: column a = row a
  }
}

/** tOut_j = Σ_a y_a X_aj for every item. */
function itemImage(model: EaseModel, y: Float64Array, out: Float64Array | Float32Array): void {
  const { rowPtr, rowItem, rowValue, nUsers } = model;
  for (let a = 0; a < nUsers; a++) {
    const ya = y[a]!;
    if (ya === 0) continue;
    for (let q = rowPtr[a]!; q < rowPtr[a + 1]!; q++) out[rowItem[q]!]! += ya * rowValue[q]!;
  }
}

/**
 * EASE scores s = x B of every item for a user with interactions `x` (any real values; an item
 * listed twice counts its last value). Items in x get the score the other items give them.
 */
export function easeScores(model: EaseModel, x: readonly Interaction[], out: Float64Array = new Float64Array(model.nItems)): Float64Array {
  const dedup = dedupe(x, model.nItems);
  const [g, y] = userBuffers(model.nUsers);
  userImage(model, dedup, g, y);
  out.fill(0);
  itemImage(model, y, out);
  // s_j = x_j − (x_j − t_j) / (λ P_jj); for x_j = 0 simply t_j / (λ P_jj).
  const d = model.lambdaDiagP;
  for (let j = 0; j < model.nItems; j++) out[j] = out[j]! / d[j]!;
  for (const { item, value } of dedup) out[item] = value - value / d[item]! + out[item]!;
  return out;
}

function dedupe(x: readonly Interaction[], nItems: number): Interaction[] {
  const last = new Map<number, number>();
  for (const r of x) {
    checkInteraction(r, nItems);
    last.set(r.item, r.value);
  }
  const out: Interaction[] = [];
  for (const [item, value] of last) if (value !== 0) out.push({ item, value });
  return out;
}

/**
 * Row i of B: how much one unit of interaction with item i lifts every item j (B_ii = 0). This is
 * the new model's "people who watch i go on to watch j" neighbourhood ("More like this").
 */
export function easeRow(model: EaseModel, i: number, out: Float64Array = new Float64Array(model.nItems)): Float64Array {
  if (!(Number.isInteger(i) && i >= 0 && i < model.nItems)) throw new CfError('ERR_CF_INPUT', `item ${i} outside 0..${model.nItems - 1}`);
  out.fill(0);
  if (model.colPtr[i + 1] === model.colPtr[i]) return out;
  const [g, y] = userBuffers(model.nUsers);
  userImage(model, [{ item: i, value: 1 }], g, y);
  itemImage(model, y, out);
  const d = model.lambdaDiagP;
  for (let j = 0; j < model.nItems; j++) out[j] = out[j]! / d[j]!;
  out[i] = 0;
  return out;
}

/**
 * Per-interaction contributions to item j's score: x_i · B_ij for every i in x (i ≠ j), in x's
 * order. They sum to j's score when j is not in x.
 */
export function easeContributions(model: EaseModel, x: readonly Interaction[], j: number): Float64Array {
  if (!(Number.isInteger(j) && j >= 0 && j < model.nItems)) throw new CfError('ERR_CF_INPUT', `item ${j} outside 0..${model.nItems - 1}`);
  const out = new Float64Array(x.length);
  const { colPtr, colUser, colValue, gramInv: M, nUsers: n } = model;
  if (colPtr[j + 1] === colPtr[j]) return out;
  // w = M x_j (x_j: raters of j), then x_iᵀ w for each i.
  const [w] = userBuffers(n);
  for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
    const b = colUser[p]!;
    const vb = colValue[p]!;
    const row = b * n;
    for (let a = 0; a < n; a++) w[a]! += vb * M[row + a]!;
  }
  const scale = 1 / model.lambdaDiagP[j]!;
  x.forEach(({ item, value }, t) => {
    if (item === j || value === 0) return;
    let s = 0;
    for (let p = colPtr[item]!; p < colPtr[item + 1]!; p++) s += colValue[p]! * w[colUser[p]!]!;
    out[t] = value * s * scale;
  });
  return out;
}

/** Throws CfError('ERR_CF_MODEL') unless `value` is an EASE model of the current version with consistent sizes. */
export function assertEaseModel(value: unknown): asserts value is EaseModel {
  const m = value as Partial<EaseModel> | null;
  if (!m || m.kind !== 'recostream-ease') throw new CfError('ERR_CF_MODEL', 'not a RecoStream EASE model');
  if (m.version !== EASE_MODEL_VERSION) throw new CfError('ERR_CF_MODEL', `EASE model version ${m.version} ≠ ${EASE_MODEL_VERSION}: retrain`);
  const nU = m.nUsers ?? -1;
  const nI = m.nItems ?? -1;
  const ok =
    m.rowPtr instanceof Uint32Array &&
    m.rowPtr.length === nU + 1 &&
    m.colPtr instanceof Uint32Array &&
    m.colPtr.length === nI + 1 &&
    m.rowItem instanceof Uint32Array &&
    m.rowValue instanceof Float32Array &&
    m.colUser instanceof Uint32Array &&
    m.colValue instanceof Float32Array &&
    m.gramInv instanceof Float64Array &&
    m.gramInv.length === nU * nU &&
    m.lambdaDiagP instanceof Float64Array &&
    m.lambdaDiagP.length === nI;
  if (!ok) throw new CfError('ERR_CF_MODEL', 'EASE model arrays are missing or have the wrong sizes');
}

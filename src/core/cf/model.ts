/**
 * Training of the CF model: baselines + item–item Pearson-baseline neighbour lists + the community
 * ratings the user–user term needs. The model is a plain object of typed arrays, so it survives
 * structured cloning (IndexedDB, postMessage to and from a Web Worker) unchanged.
 */
import type { RatingsCOO } from '../catalogue/types';
import { fitBaselines } from './baseline';
import { CfError } from './errors';
import { buildRatingMatrix, type WeightedRating } from './matrix';
import { resolveCfOptions, type CfOptions } from './options';
import { itemNeighbours, residuals, type NeighbourLists } from './similarity';

/** Current model layout; bump when the shape changes so cached models are rebuilt. */
export const CF_MODEL_VERSION = 1;

/** A trained model. Users 0..nUsers-1 are the community users followed by any extra users. */
export interface CfModel {
  kind: 'recostream-cf';
  version: number;
  options: CfOptions;
  nUsers: number;
  nItems: number;
  globalMean: number;
  userBias: Float32Array;
  itemBias: Float32Array;
  /** Ratings per item in the training data. */
  itemCount: Uint32Array;
  /** Top `maxNeighbours` positive Pearson-baseline neighbours per item, most similar first. */
  neighbours: NeighbourLists;
  /** Training ratings by user (CSR): `rowItem`, `rowRating`, `rowWeight` from `rowPtr[u]` to `rowPtr[u+1]`. */
  rowPtr: Uint32Array;
  rowItem: Uint32Array;
  rowRating: Float32Array;
  rowWeight: Float32Array | null;
  /** Training ratings by item (CSC) as residuals r_ui − b_ui, with their weights, for the user–user term. */
  colPtr: Uint32Array;
  colUser: Uint32Array;
  colResidual: Float32Array;
  colWeight: Float32Array | null;
}

/**
 * Trains on community ratings, optionally with extra users (e.g. the app user's feedback mapped
 * by `feedbackToRatings`) appended as users `coo.nUsers + e`.
 */
export function trainCf(
  coo: RatingsCOO,
  options: Partial<CfOptions> = {},
  extraUsers: readonly (readonly WeightedRating[])[] = [],
  onProgress?: (phase: 'baselines' | 'neighbours' | 'done', fraction: number) => void,
): CfModel {
  const o = resolveCfOptions(options);
  const m = buildRatingMatrix(coo, extraUsers);
  onProgress?.('baselines', 0);
  const b = fitBaselines(m, { regItem: o.regItem, regUser: o.regUser, epochs: o.baselineEpochs });
  const neighbours = itemNeighbours(m, b, { shrinkage: o.shrinkage, maxNeighbours: o.maxNeighbours, minSupport: o.minSupport }, (f) =>
    onProgress?.('neighbours', f),
  );
  const e = residuals(m, b);
  const colResidual = new Float32Array(m.nnz);
  const colWeight = m.rowWeight ? new Float32Array(m.nnz) : null;
  for (let c = 0; c < m.nnz; c++) {
    const q = m.colToRow[c]!;
    colResidual[c] = e[q]!;
    if (colWeight) colWeight[c] = m.rowWeight![q]!;
  }
  const itemCount = new Uint32Array(m.nItems);
  for (let i = 0; i < m.nItems; i++) itemCount[i] = m.colPtr[i + 1]! - m.colPtr[i]!;
  onProgress?.('done', 1);
  return {
    kind: 'recostream-cf',
    version: CF_MODEL_VERSION,
    options: o,
    nUsers: m.nUsers,
    nItems: m.nItems,
    globalMean: b.globalMean,
    userBias: b.userBias,
    itemBias: b.itemBias,
    itemCount,
    neighbours,
    rowPtr: m.rowPtr,
    rowItem: m.rowItem,
    rowRating: m.rowRating,
    rowWeight: m.rowWeight,
    colPtr: m.colPtr,
    colUser: m.colUser,
    colResidual,
    colWeight,
  };
}

/** Throws CfError('ERR_CF_MODEL') unless `value` looks like a model of the current version (e.g. one read from a cache). */
export function assertCfModel(value: unknown): asserts value is CfModel {
  const m = value as Partial<CfModel> | null;
  if (!m || m.kind !== 'recostream-cf') throw new CfError('ERR_CF_MODEL', 'not a RecoStream CF model');
  if (m.version !== CF_MODEL_VERSION) throw new CfError('ERR_CF_MODEL', `CF model version ${m.version} ≠ ${CF_MODEL_VERSION}: retrain`);
  const ok =
    m.itemBias instanceof Float32Array &&
    m.itemBias.length === m.nItems &&
    m.userBias instanceof Float32Array &&
    m.userBias.length === m.nUsers &&
    m.neighbours?.ptr instanceof Uint32Array &&
    m.neighbours.ptr.length === (m.nItems ?? -1) + 1 &&
    m.colPtr instanceof Uint32Array &&
    m.colPtr.length === (m.nItems ?? -1) + 1 &&
    m.rowPtr instanceof Uint32Array &&
    m.rowPtr.length === (m.nUsers ?? -1) + 1;
  if (!ok) throw new CfError('ERR_CF_MODEL', 'CF model arrays are missing or have the wrong sizes');
}

/** The training ratings of user `u` as weighted ratings (to fold a community user in, e.g. in benchmarks). */
export function userRatings(model: CfModel, u: number): WeightedRating[] {
  if (!(Number.isInteger(u) && u >= 0 && u < model.nUsers)) throw new CfError('ERR_CF_INPUT', `user ${u} outside 0..${model.nUsers - 1}`);
  const out: WeightedRating[] = [];
  for (let q = model.rowPtr[u]!; q < model.rowPtr[u + 1]!; q++) {
    const r: WeightedRating = { item: model.rowItem[q]!, rating: model.rowRating[q]! };
    if (model.rowWeight) r.weight = model.rowWeight[q]!;
    out.push(r);
  }
  return out;
}

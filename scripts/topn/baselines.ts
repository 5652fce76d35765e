/**
 * Simple, well-known top-N baselines for bench:topn, all on binary interactions (every rating = 1):
 *   popularity      number of training ratings
 *   ItemKNN cosine  s_uj = Σ_{i∈u, i∈N_k(j)} cos(i, j), N_k(j) the k items most similar to j
 *   RP3beta         s_uj = n_j^−β Σ_{i∈u} Σ_v (1/n_i)(1/n_v) x_vi x_vj  (α = 1; Paudel et al. 2017),
 *                   computed in user space (exact, no sparsification)
 */
import type { RatingsCOO } from '../../src/core/catalogue/types';
import { TopK } from '../../src/core/shared/topk';

interface Csr {
  ptr: Uint32Array;
  idx: Uint32Array;
}

function csr(keys: ArrayLike<number>, vals: ArrayLike<number>, n: number): Csr {
  const ptr = new Uint32Array(n + 1);
  for (let k = 0; k < keys.length; k++) ptr[keys[k]! + 1]!++;
  for (let i = 0; i < n; i++) ptr[i + 1]! += ptr[i]!;
  const next = ptr.slice(0, n);
  const idx = new Uint32Array(keys.length);
  for (let k = 0; k < keys.length; k++) idx[next[keys[k]!]!++] = vals[k]!;
  return { ptr, idx };
}

export function popularity(train: RatingsCOO): Float64Array {
  const c = new Float64Array(train.nItems);
  for (let k = 0; k < train.item.length; k++) c[train.item[k]!]!++;
  return c;
}

/** ItemKNN cosine on binary data with k neighbours per target item; returns a per-user scorer. */
export function itemKnnCosine(train: RatingsCOO, k = 200): (u: number) => Float64Array {
  const nI = train.nItems;
  const byUser = csr(train.user, train.item, train.nUsers);
  const byItem = csr(train.item, train.user, nI);
  const n = Float64Array.from({ length: nI }, (_, i) => byItem.ptr[i + 1]! - byItem.ptr[i]!);
  // For each target j, its k most similar items i; stored transposed (i → targets j) for scoring.
  const co = new Float64Array(nI);
  const touched: number[] = [];
  const heap = new TopK(k);
  const sc = new Float64Array(k);
  const ix = new Uint32Array(k);
  const lists: { i: number; s: number }[][] = Array.from({ length: nI }, () => []);
  for (let j = 0; j < nI; j++) {
    if (!n[j]) continue;
    for (let p = byItem.ptr[j]!; p < byItem.ptr[j + 1]!; p++) {
      const u = byItem.idx[p]!;
      for (let q = byUser.ptr[u]!; q < byUser.ptr[u + 1]!; q++) {
        const i = byUser.idx[q]!;
        if (co[i] === 0) touched.push(i);
        co[i]!++;
      }
    }
    heap.clear();
    for (const i of touched) {
      if (i !== j) heap.push(co[i]! / Math.sqrt(n[i]! * n[j]!), i);
      co[i] = 0;
    }
    touched.length = 0;
    const m = heap.drain(sc, ix);
    for (let t = 0; t < m; t++) lists[ix[t]!]!.push({ i: j, s: sc[t]! });
  }
  const out = new Float64Array(nI);
  return (u) => {
    out.fill(0);
    for (let q = byUser.ptr[u]!; q < byUser.ptr[u + 1]!; q++) for (const { i, s } of lists[byUser.idx[q]!]!) out[i]! += s;
    return out;
  };
}

/** RP3beta (α = 1) with popularity penalty β; returns a per-user scorer. */
export function rp3beta(train: RatingsCOO, beta = 0.5): (u: number) => Float64Array {
  const nI = train.nItems;
  const nU = train.nUsers;
  const byUser = csr(train.user, train.item, nU);
  const byItem = csr(train.item, train.user, nI);
  const nItem = Float64Array.from({ length: nI }, (_, i) => byItem.ptr[i + 1]! - byItem.ptr[i]!);
  const nUser = Float64Array.from({ length: nU }, (_, u) => byUser.ptr[u + 1]! - byUser.ptr[u]!);
  const g = new Float64Array(nU);
  const out = new Float64Array(nI);
  return (u) => {
    g.fill(0);
    for (let q = byUser.ptr[u]!; q < byUser.ptr[u + 1]!; q++) {
      const i = byUser.idx[q]!;
      for (let p = byItem.ptr[i]!; p < byItem.ptr[i + 1]!; p++) g[byItem.idx[p]!]! += 1 / nItem[i]!;
    }
    out.fill(0);
    for (let v = 0; v < nU; v++) {
      if (!g[v]) continue;
      const w = g[v]! / nUser[v]!;
      for (let q = byUser.ptr[v]!; q < byUser.ptr[v + 1]!; q++) out[byUser.idx[q]!]! += w;
    }
    for (let j = 0; j < nI; j++) if (nItem[j]) out[j] = out[j]! / Math.pow(nItem[j]!, beta);
    return out;
  };
}

/**
 * The crossed linear model's kernels. A candidate's vector is `[c (C) | a (A) | l (L)]`; its score is
 *   Σⱼₖ cⱼ aₖ Mⱼₖ + Σₗ lₗ mₗ
 * with M the C×A cross weights. Candidates of one decision share their context, so the cross part is
 * computed as a · (Mᵀc): O(C·A) once per context plus O(A + L) per candidate — 200 candidates cost
 * about as much as one dense product over all crosses. The posterior is diagonal, so the score's
 * variance has the same form: Σₖ aₖ² (Vᵀc²)ₖ + Σₗ lₗ² vₗ, and a posterior draw of Mᵀc is exact with
 * A independent normals per context (its entries involve disjoint weights).
 *
 * Before crossing, the context and action features are centred on fixed means (`state.center`,
 * fitted on community data with the prior; the two bias entries stay 1). A diagonal posterior
 * treats weights as independent; uncentred features are strongly correlated with the bias
 * (genre shares sum to 1, tastes lean positive), and centring removes most of that — on the
 * simulator it is worth about +2 % reward at the same data (scripts/bandit/README.md).
 */
import { BanditError } from './errors';
import { nextGaussian, type RngState } from './rng';
import type { BanditState, FeatureShape } from './types';

/** Length of a candidate's feature vector for a shape. */
export function inputLength(shape: FeatureShape): number {
  return shape.context + shape.action + shape.linear;
}

/** Number of weights for a shape: C·A crosses + L linear. */
export function weightCount(shape: FeatureShape): number {
  return shape.context * shape.action + shape.linear;
}

/** A copy of the feature vector with context and action parts centred on `state.center` (linear part as is). */
export function centred(state: BanditState, features: ArrayLike<number>, out?: Float64Array): Float64Array {
  const n = inputLength(state.shape);
  const x = out ?? new Float64Array(n);
  const m = state.shape.context + state.shape.action;
  for (let j = 0; j < n; j++) x[j] = j < m ? features[j]! - state.center[j]! : features[j]!;
  return x;
}

/** One context's projection of the posterior onto the action features. */
interface Projection {
  /** (Mᵀc)ₖ: the mean weight of action feature k in this context. */
  mean: Float64Array;
  /** (Vᵀc²)ₖ: its variance. */
  variance: Float64Array;
}

/** Candidates as a dense M×n matrix, grouped by identical context, with their projections. */
export interface Scored {
  m: number;
  n: number;
  x: Float64Array;
  /** Group index of each candidate. */
  group: Int32Array;
  projections: Projection[];
  scores: Float64Array;
  variances: Float64Array;
}

function project(state: BanditState, x: Float64Array, off: number): Projection {
  const { context: c, action: a } = state.shape;
  const mean = new Float64Array(a);
  const variance = new Float64Array(a);
  for (let j = 0; j < c; j++) {
    const cj = x[off + j]!;
    if (cj === 0) continue;
    const c2 = cj * cj;
    const row = j * a;
    for (let k = 0; k < a; k++) {
      mean[k]! += cj * state.mean[row + k]!;
      variance[k]! += c2 * state.variance[row + k]!;
    }
  }
  return { mean, variance };
}

function sameContext(x: Float64Array, i: number, j: number, n: number, c: number): boolean {
  for (let k = 0; k < c; k++) if (x[i * n + k] !== x[j * n + k]) return false;
  return true;
}

/** Posterior mean and variance of every candidate's score. `raw` is row-major M×n (n = input length), uncentred. */
export function scoreCandidates(state: BanditState, raw: Float64Array, m: number): Scored {
  const { context: c, action: a, linear: l } = state.shape;
  const n = c + a + l;
  const x = new Float64Array(raw.length);
  for (let i = 0; i < m; i++) centred(state, raw.subarray(i * n, (i + 1) * n), x.subarray(i * n, (i + 1) * n));
  const cross = c * a;
  const group = new Int32Array(m);
  const leaders: number[] = [];
  const projections: Projection[] = [];
  const scores = new Float64Array(m);
  const variances = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let g = leaders.length - 1;
    // Usually one context per decision: compare with the latest group first, then the others.
    while (g >= 0 && !sameContext(x, leaders[g]!, i, n, c)) g--;
    if (g < 0) {
      g = leaders.length;
      leaders.push(i);
      projections.push(project(state, x, i * n));
    }
    group[i] = g;
    const p = projections[g]!;
    const off = i * n;
    let s = 0;
    let v = 0;
    for (let k = 0; k < a; k++) {
      const ak = x[off + c + k]!;
      if (ak === 0) continue;
      s += ak * p.mean[k]!;
      v += ak * ak * p.variance[k]!;
    }
    for (let t = 0; t < l; t++) {
      const lt = x[off + c + a + t]!;
      if (lt === 0) continue;
      s += lt * state.mean[cross + t]!;
      v += lt * lt * state.variance[cross + t]!;
    }
    scores[i] = s;
    variances[i] = v;
  }
  return { m, n, x, group, projections, scores, variances };
}

/**
 * Scores of `samples` posterior draws θ̃ ~ N(mean, scale²·diag(variance)) for every candidate, row-major
 * samples×M. Exact for candidates sharing a context; different contexts get independent draws of
 * their projections. Costs `samples`·(A + L) normal draws and `samples`·M·(A + L) multiply-adds.
 */
export function sampleScores(state: BanditState, scored: Scored, scale: number, samples: number, rng: RngState): Float64Array {
  const { context: c, action: a, linear: l } = state.shape;
  const cross = c * a;
  const { x, n, m, group, projections } = scored;
  const out = new Float64Array(samples * m);
  const sd = projections.map((p) => p.variance.map((v) => scale * Math.sqrt(v)));
  const linSd = new Float64Array(l);
  for (let t = 0; t < l; t++) linSd[t] = scale * Math.sqrt(state.variance[cross + t]!);
  // One weight vector per context group: [sampled Mᵀc (A) | sampled linear weights (L)], so a
  // candidate's sampled score is one dot product with its [action | linear] slice.
  const w = projections.map(() => new Float64Array(a + l));
  for (let s = 0; s < samples; s++) {
    for (let t = 0; t < l; t++) {
      const v = state.mean[cross + t]! + linSd[t]! * nextGaussian(rng);
      for (const wg of w) wg[a + t] = v;
    }
    for (let g = 0; g < projections.length; g++) {
      const mean = projections[g]!.mean;
      const dev = sd[g]!;
      const wg = w[g]!;
      for (let k = 0; k < a; k++) wg[k] = mean[k]! + dev[k]! * nextGaussian(rng);
    }
    const row = s * m;
    const width = a + l;
    if (w.length === 1) {
      const w0 = w[0]!;
      for (let i = 0; i < m; i++) {
        const off = i * n + c;
        let v = 0;
        for (let k = 0; k < width; k++) v += x[off + k]! * w0[k]!;
        out[row + i] = v;
      }
    } else {
      for (let i = 0; i < m; i++) {
        const wg = w[group[i]!]!;
        const off = i * n + c;
        let v = 0;
        for (let k = 0; k < width; k++) v += x[off + k]! * wg[k]!;
        out[row + i] = v;
      }
    }
  }
  return out;
}

/**
 * The weights one centred feature vector touches, in weight order — each context × movie product,
 * then the linear features — with the input each one sees; zero inputs are left out (they change
 * nothing). The one walk over the crossed layout that `predict` and `observe` share.
 */
function activeInputs(state: BanditState, features: ArrayLike<number>): { index: Int32Array; x: Float64Array; count: number } {
  const { context: c, action: a, linear: l } = state.shape;
  const index = new Int32Array(c * a + l);
  const x = new Float64Array(c * a + l);
  let count = 0;
  for (let j = 0; j < c; j++) {
    const cj = features[j]!;
    if (cj === 0) continue;
    for (let k = 0; k < a; k++) {
      const xk = cj * features[c + k]!;
      if (xk === 0) continue;
      index[count] = j * a + k;
      x[count++] = xk;
    }
  }
  for (let t = 0; t < l; t++) {
    const xt = features[c + a + t]!;
    if (xt === 0) continue;
    index[count] = c * a + t;
    x[count++] = xt;
  }
  return { index, x, count };
}

/** Posterior mean score of one (uncentred) feature vector. */
export function predict(state: BanditState, raw: ArrayLike<number>): number {
  const { index, x, count } = activeInputs(state, centred(state, raw));
  let s = 0;
  for (let i = 0; i < count; i++) s += x[i]! * state.mean[index[i]!]!;
  return s;
}

/**
 * One assumed-density-filtering step: observe `reward` for `features` with noise variance σ²/w,
 * update the Gaussian posterior exactly (a rank-1 Kalman step) and keep its diagonal:
 *   s² = σ²/w + Σ x²v,  m += v·x·(r − μ)/s²,  v −= (v·x)²/s².
 * With a single weight this is the ridge regression update. O(C·A + L).
 */
export function observe(state: BanditState, raw: ArrayLike<number>, reward: number, weight: number): void {
  const { index, x, count } = activeInputs(state, centred(state, raw));
  const { mean, variance } = state;
  let mu = 0;
  let s2 = state.noise / weight;
  for (let i = 0; i < count; i++) {
    const w = index[i]!;
    const xi = x[i]!;
    mu += xi * mean[w]!;
    s2 += xi * xi * variance[w]!;
  }
  const e = (reward - mu) / s2;
  for (let i = 0; i < count; i++) {
    const w = index[i]!;
    const vx = variance[w]! * x[i]!;
    mean[w]! += vx * e;
    variance[w] = Math.max(variance[w]! - (vx * vx) / s2, 0);
  }
}

/** Throws ERR_BANDIT_INPUT unless `features` fits the state's shape and is finite. */
export function checkFeatures(state: BanditState, features: ArrayLike<number>, what: string): void {
  const n = inputLength(state.shape);
  if (features.length !== n) throw new BanditError('ERR_BANDIT_INPUT', `${what} has ${features.length} features, the bandit expects ${n}`);
  for (let j = 0; j < n; j++) {
    if (!Number.isFinite(features[j]!)) throw new BanditError('ERR_BANDIT_INPUT', `${what} feature ${j} is not finite`);
  }
}

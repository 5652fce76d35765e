/** Creating, copying, (de)serialising, validating and migrating the bandit state. */
import { BanditError } from './errors';
import { weightCount } from './model';
import { resolveStrategy } from './options';
import { rngFromSeed } from './rng';
import type { BanditOptions, BanditState, FeatureShape, ResolvedStrategy, StrategyConfig } from './types';

/**
 * Current state format; bump with a migration in `restoreBandit` when the shape changes.
 * Version 1 (until the crossed model) kept a dense ridge regression (`aInv`, `b`, `theta`) over 53
 * joint features; its weights mean nothing in the crossed feature map, so it is reset, not converted.
 */
export const BANDIT_STATE_VERSION = 2;

/** Largest supported number of weights (2 arrays of doubles: 16,384 → 256 KiB). */
export const MAX_WEIGHTS = 16384;

function checkShape(shape: FeatureShape): void {
  for (const k of ['context', 'action', 'linear'] as const) {
    const v = shape[k];
    if (!Number.isInteger(v) || v < 0 || v > 4096) throw new BanditError('ERR_BANDIT_OPTIONS', `shape.${k} must be an integer in [0, 4096], got ${v}`);
  }
  const d = weightCount(shape);
  if (d < 1 || d > MAX_WEIGHTS) throw new BanditError('ERR_BANDIT_OPTIONS', `the shape has ${d} weights, allowed 1 to ${MAX_WEIGHTS}`);
}

/** A fresh learner: weights ~ N(prior mean, prior variance) (default N(0, 1/ridge)), random stream seeded by `seed`. */
export function createBandit(options: BanditOptions): BanditState {
  const shape: FeatureShape = options.shape ? { ...options.shape } : { context: 0, action: 0, linear: options.dim ?? NaN };
  checkShape(shape);
  const dim = weightCount(shape);
  const ridge = options.ridge ?? 1;
  const noise = options.noise ?? 1;
  if (!(ridge > 0) || !Number.isFinite(ridge)) throw new BanditError('ERR_BANDIT_OPTIONS', `ridge must be > 0, got ${ridge}`);
  if (!(noise > 0) || !Number.isFinite(noise)) throw new BanditError('ERR_BANDIT_OPTIONS', `noise must be > 0, got ${noise}`);
  const strategy = resolveStrategy(options.strategy);
  const mean = new Float64Array(dim);
  const variance = new Float64Array(dim).fill(1 / ridge);
  const priorMean = options.prior?.mean ?? options.priorMean;
  if (priorMean) {
    if (priorMean.length !== dim) throw new BanditError('ERR_BANDIT_OPTIONS', `prior mean has ${priorMean.length} entries, the bandit has ${dim} weights`);
    for (let i = 0; i < dim; i++) {
      const m = priorMean[i]!;
      if (!Number.isFinite(m)) throw new BanditError('ERR_BANDIT_OPTIONS', `prior mean[${i}] is not finite`);
      mean[i] = m;
    }
  }
  if (options.prior) {
    const v = options.prior.variance;
    if (v.length !== dim) throw new BanditError('ERR_BANDIT_OPTIONS', `prior variance has ${v.length} entries, the bandit has ${dim} weights`);
    for (let i = 0; i < dim; i++) {
      if (!(v[i]! >= 0) || !Number.isFinite(v[i]!)) throw new BanditError('ERR_BANDIT_OPTIONS', `prior variance[${i}] must be a finite number ≥ 0`);
      variance[i] = v[i]!;
    }
  }
  const center = new Float64Array(shape.context + shape.action);
  const givenCenter = options.prior?.center ?? options.center;
  if (givenCenter) {
    if (givenCenter.length !== center.length) throw new BanditError('ERR_BANDIT_OPTIONS', `center has ${givenCenter.length} entries, the shape needs ${center.length}`);
    for (let i = 0; i < center.length; i++) {
      if (!Number.isFinite(givenCenter[i]!)) throw new BanditError('ERR_BANDIT_OPTIONS', `center[${i}] is not finite`);
      center[i] = givenCenter[i]!;
    }
    // The biases stay 1: they carry the main effects.
    if (shape.context > 0) center[0] = 0;
    if (shape.action > 0) center[shape.context] = 0;
  }
  return { version: 2, shape, dim, strategy, noise, center, mean, variance, rng: rngFromSeed(options.seed ?? 0), updates: 0, totalWeight: 0 };
}

/** A deep copy (independent arrays and random stream). */
export function cloneBandit(state: BanditState): BanditState {
  return {
    ...state,
    shape: { ...state.shape },
    strategy: { ...state.strategy },
    center: state.center.slice(),
    mean: state.mean.slice(),
    variance: state.variance.slice(),
    rng: { s: state.rng.s },
  };
}

/** Same learned model, another exploration strategy (e.g. switch ε-greedy → Thompson in settings). */
export function withStrategy(state: BanditState, strategy: StrategyConfig): BanditState {
  return { ...cloneBandit(state), strategy: resolveStrategy(strategy) };
}

/** JSON-safe form of the state (plain number arrays; float64 survives JSON exactly). */
export interface SerializedBandit {
  format: 'recostream-bandit';
  version: number;
  shape: FeatureShape;
  strategy: ResolvedStrategy;
  noise: number;
  center: number[];
  mean: number[];
  variance: number[];
  rng: number;
  updates: number;
  totalWeight: number;
}

/** Converts a state to its versioned JSON-safe form. */
export function serializeBandit(state: BanditState): SerializedBandit {
  return {
    format: 'recostream-bandit',
    version: BANDIT_STATE_VERSION,
    shape: { ...state.shape },
    strategy: { ...state.strategy },
    noise: state.noise,
    center: Array.from(state.center),
    mean: Array.from(state.mean),
    variance: Array.from(state.variance),
    rng: state.rng.s,
    updates: state.updates,
    totalWeight: state.totalWeight,
  };
}

/** Result of `validateBanditState`: the usable state, or the first field that is wrong and why. */
export type BanditValidation = { ok: true; state: BanditState } | { ok: false; field: string; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for a well-tagged state of an older format (version 1, before the crossed model): reset it, do not reject the owner's data. */
export function isLegacyBanditState(data: unknown): boolean {
  return isObject(data) && data.format === 'recostream-bandit' && typeof data.version === 'number' && data.version >= 1 && data.version < BANDIT_STATE_VERSION;
}

/**
 * Checks that `data` is a current-version `SerializedBandit` (or a live `BanditState`) with a consistent
 * shape, strategy, finite weights, non-negative variances and sane counters. Never throws: returns the
 * rebuilt state, or the first offending field with a message a person can act on.
 */
export function validateBanditState(data: unknown): BanditValidation {
  const fail = (field: string, message: string): BanditValidation => ({ ok: false, field, message });
  if (!isObject(data)) return fail('state', 'is not an object');
  const live = data.version === BANDIT_STATE_VERSION && data.mean instanceof Float64Array;
  if (!live && data.format !== 'recostream-bandit') return fail('format', 'is not "recostream-bandit": this is not a Discover model');
  if (data.version !== BANDIT_STATE_VERSION) {
    return fail('version', `is ${JSON.stringify(data.version)}; this app reads version ${BANDIT_STATE_VERSION}${isLegacyBanditState(data) ? ' (an older Discover model: it starts afresh)' : ''}`);
  }
  const shape = data.shape;
  if (!isObject(shape)) return fail('shape', 'is missing');
  const dims: Partial<FeatureShape> = {};
  for (const k of ['context', 'action', 'linear'] as const) {
    const v = shape[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 4096) return fail(`shape.${k}`, 'must be a whole number from 0 to 4096');
    dims[k] = v;
  }
  const sh = dims as FeatureShape;
  const dim = weightCount(sh);
  if (dim < 1 || dim > MAX_WEIGHTS) return fail('shape', `gives ${dim} weights; allowed 1 to ${MAX_WEIGHTS}`);
  let strategy: ResolvedStrategy;
  try {
    strategy = resolveStrategy(data.strategy as StrategyConfig);
  } catch (err) {
    return fail('strategy', err instanceof Error ? err.message : 'is invalid');
  }
  if (typeof data.noise !== 'number' || !(data.noise > 0) || !Number.isFinite(data.noise)) return fail('noise', 'must be a positive number');
  const arrays: Record<'center' | 'mean' | 'variance', Float64Array> = { center: new Float64Array(0), mean: new Float64Array(0), variance: new Float64Array(0) };
  for (const k of ['center', 'mean', 'variance'] as const) {
    const v = data[k];
    const len = k === 'center' ? sh.context + sh.action : dim;
    if (!Array.isArray(v) && !(v instanceof Float64Array)) return fail(k, 'must be a list of numbers');
    if (v.length !== len) return fail(k, `has ${v.length} entries; the shape needs ${len}`);
    const out = new Float64Array(len);
    for (let i = 0; i < len; i++) {
      const x = (v as ArrayLike<unknown>)[i];
      if (typeof x !== 'number' || !Number.isFinite(x)) return fail(`${k}[${i}]`, 'is not a finite number');
      if (k === 'variance' && x < 0) return fail(`${k}[${i}]`, 'is negative');
      out[i] = x;
    }
    arrays[k] = out;
  }
  const rng = live ? (data.rng as { s?: unknown } | null)?.s : data.rng;
  if (typeof rng !== 'number' || !Number.isInteger(rng) || rng < 0 || rng > 0xffffffff) return fail('rng', 'must be a whole number from 0 to 2³²−1');
  const { updates, totalWeight } = data;
  if (typeof updates !== 'number' || !Number.isInteger(updates) || updates < 0) return fail('updates', 'must be a whole number ≥ 0');
  if (typeof totalWeight !== 'number' || !Number.isFinite(totalWeight) || totalWeight < 0) return fail('totalWeight', 'must be a number ≥ 0');
  return {
    ok: true,
    state: { version: 2, shape: { ...sh }, dim, strategy, noise: data.noise, center: arrays.center, mean: arrays.mean, variance: arrays.variance, rng: { s: rng }, updates, totalWeight },
  };
}

/** Reads a `SerializedBandit` (e.g. from IndexedDB or JSON); throws `ERR_BANDIT_STATE` saying which field is wrong. */
export function deserializeBandit(data: unknown): BanditState {
  const r = validateBanditState(data);
  if (!r.ok) throw new BanditError('ERR_BANDIT_STATE', `stored bandit state is unusable: ${r.field} ${r.message}`);
  return r.state;
}

/** Why `restoreBandit` started afresh (null when the saved state was used). */
export type RestoreNote = null | { reason: 'legacy' | 'invalid' | 'shape'; message: string };

/**
 * The state to use for a user: the saved one when it is valid and has `shape`, else `fresh()`
 * (an older format is migrated by starting again from the prior; a damaged one is replaced). Never
 * throws for bad saved data, so Discover keeps working for every existing user.
 */
export function restoreBandit(saved: unknown, shape: FeatureShape, fresh: () => BanditState): { state: BanditState; note: RestoreNote } {
  if (saved === null || saved === undefined) return { state: fresh(), note: null };
  if (isLegacyBanditState(saved)) {
    return { state: fresh(), note: { reason: 'legacy', message: 'Discover has a new model: it starts again from what the community likes.' } };
  }
  const r = validateBanditState(saved);
  if (!r.ok) return { state: fresh(), note: { reason: 'invalid', message: `The saved Discover model was damaged (${r.field} ${r.message}) and was reset.` } };
  const s = r.state.shape;
  if (s.context !== shape.context || s.action !== shape.action || s.linear !== shape.linear) {
    return { state: fresh(), note: { reason: 'shape', message: 'Discover now describes movies differently: it starts again from what the community likes.' } };
  }
  return { state: r.state, note: null };
}

/**
 * Null when `value` is a strategy config `resolveStrategy` accepts with every knob a finite number
 * and no knob of another strategy, else what is wrong (for settings and states read from outside).
 */
export function validateStrategyConfig(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
  const o = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) if (k !== 'kind' && (typeof v !== 'number' || !Number.isFinite(v))) return `${k} must be a number`;
  let resolved: ResolvedStrategy;
  try {
    resolved = resolveStrategy(o as unknown as StrategyConfig);
  } catch (err) {
    return err instanceof Error ? err.message : 'not a strategy';
  }
  const extra = Object.keys(o).find((k) => !(k in resolved));
  return extra === undefined ? null : `${extra} does not belong to the ${resolved.kind} strategy`;
}

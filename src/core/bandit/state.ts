/** Creating, copying and (de)serialising the bandit state. */
import { BanditError } from './errors';
import { resolveStrategy } from './options';
import { rngFromSeed } from './rng';
import type { BanditOptions, BanditState, ResolvedStrategy, StrategyConfig } from './types';

/** Current state format; bump with a migration in `deserializeBandit` when the shape changes. */
export const BANDIT_STATE_VERSION = 1;

/** Largest supported joint dimension (A⁻¹ is d² doubles: 256 → 512 KiB). */
export const MAX_DIM = 256;

/** A fresh learner: A⁻¹ = I/λ, θ = priorMean (or 0), random stream seeded by `seed`. */
export function createBandit(options: BanditOptions): BanditState {
  const { dim } = options;
  const ridge = options.ridge ?? 1;
  if (!Number.isInteger(dim) || dim < 1 || dim > MAX_DIM) {
    throw new BanditError('ERR_BANDIT_OPTIONS', `dim must be an integer in [1, ${MAX_DIM}], got ${dim}`);
  }
  if (!(ridge > 0) || !Number.isFinite(ridge)) throw new BanditError('ERR_BANDIT_OPTIONS', `ridge must be > 0, got ${ridge}`);
  const strategy = resolveStrategy(options.strategy);
  const aInv = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) aInv[i * dim + i] = 1 / ridge;
  const b = new Float64Array(dim);
  const theta = new Float64Array(dim);
  if (options.priorMean) {
    if (options.priorMean.length !== dim) {
      throw new BanditError('ERR_BANDIT_OPTIONS', `priorMean has ${options.priorMean.length} entries, dim is ${dim}`);
    }
    for (let i = 0; i < dim; i++) {
      const m = options.priorMean[i]!;
      if (!Number.isFinite(m)) throw new BanditError('ERR_BANDIT_OPTIONS', `priorMean[${i}] is not finite`);
      theta[i] = m;
      b[i] = ridge * m;
    }
  }
  return { version: 1, dim, strategy, ridge, aInv, b, theta, rng: rngFromSeed(options.seed ?? 0), updates: 0, totalWeight: 0 };
}

/** A deep copy (independent arrays and random stream). */
export function cloneBandit(state: BanditState): BanditState {
  return {
    ...state,
    strategy: { ...state.strategy },
    aInv: state.aInv.slice(),
    b: state.b.slice(),
    theta: state.theta.slice(),
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
  dim: number;
  strategy: ResolvedStrategy;
  ridge: number;
  aInv: number[];
  b: number[];
  theta: number[];
  rng: number;
  updates: number;
  totalWeight: number;
}

/** Converts a state to its versioned JSON-safe form. */
export function serializeBandit(state: BanditState): SerializedBandit {
  return {
    format: 'recostream-bandit',
    version: BANDIT_STATE_VERSION,
    dim: state.dim,
    strategy: { ...state.strategy },
    ridge: state.ridge,
    aInv: Array.from(state.aInv),
    b: Array.from(state.b),
    theta: Array.from(state.theta),
    rng: state.rng.s,
    updates: state.updates,
    totalWeight: state.totalWeight,
  };
}

function bad(message: string, cause?: unknown): BanditError {
  return new BanditError('ERR_BANDIT_STATE', `stored bandit state is unusable: ${message}`, cause === undefined ? undefined : { cause });
}

function finiteArray(value: unknown, length: number, name: string): Float64Array {
  if (!Array.isArray(value) && !(value instanceof Float64Array)) throw bad(`${name} is not an array`);
  if (value.length !== length) throw bad(`${name} has ${value.length} entries, expected ${length}`);
  const out = Float64Array.from(value as ArrayLike<number>);
  for (let i = 0; i < length; i++) if (!Number.isFinite(out[i])) throw bad(`${name}[${i}] is not a finite number`);
  return out;
}

/** Reads a `SerializedBandit` (e.g. from IndexedDB or JSON); throws `ERR_BANDIT_STATE` when it is not one. */
export function deserializeBandit(data: unknown): BanditState {
  const d = data as Partial<SerializedBandit> | null;
  if (!d || typeof d !== 'object' || d.format !== 'recostream-bandit') throw bad('not a RecoStream bandit state');
  if (d.version !== BANDIT_STATE_VERSION) throw bad(`version ${String(d.version)} is not supported (expected ${BANDIT_STATE_VERSION})`);
  const dim = d.dim;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1 || dim > MAX_DIM) throw bad(`dim ${String(dim)} is invalid`);
  let strategy: ResolvedStrategy;
  try {
    strategy = resolveStrategy(d.strategy as StrategyConfig);
  } catch (err) {
    throw bad('strategy is invalid', err);
  }
  if (typeof d.ridge !== 'number' || !(d.ridge > 0)) throw bad('ridge is invalid');
  if (typeof d.rng !== 'number' || !Number.isInteger(d.rng) || d.rng < 0 || d.rng > 0xffffffff) throw bad('rng is invalid');
  if (typeof d.updates !== 'number' || typeof d.totalWeight !== 'number') throw bad('counters are missing');
  return {
    version: 1,
    dim,
    strategy,
    ridge: d.ridge,
    aInv: finiteArray(d.aInv, dim * dim, 'aInv'),
    b: finiteArray(d.b, dim, 'b'),
    theta: finiteArray(d.theta, dim, 'theta'),
    rng: { s: d.rng },
    updates: d.updates,
    totalWeight: d.totalWeight,
  };
}

/**
 * The "export my data" file: its shape, and a strict reader that checks every field against the
 * schema (types, ranges, list lengths, movie ids of the catalogue, links between records, model
 * state through the validator of the core module that owns it) and refuses the whole file at the
 * first problem, naming the field. Unknown fields are refused too (nothing like a `userId` can
 * ride along). Adding a setting or a stored model means adding its validator here.
 */
import { inputLength, isLegacyBanditState, validateBanditState, validateStrategyConfig } from '../bandit';
import { HYBRID_FEATURES } from '../hybrid/weights';
import { validateHybridWeights, validateWeightsSnapshot } from '../hybrid/learn';
import { AuthError } from './errors';

export const EXPORT_FORMAT = 'recostream-export';
export const EXPORT_VERSION = 1;

export const FEEDBACK_KINDS = ['like', 'dislike', 'click'] as const;
export const FEEDBACK_SURFACES = ['home-row', 'search', 'semantic', 'movie-page', 'discover', 'feedback-page', 'insights'] as const;
export type ExportedFeedbackKind = (typeof FEEDBACK_KINDS)[number];
export type ExportedSurface = (typeof FEEDBACK_SURFACES)[number];

/** A feedback event without its owner (the importing profile becomes the owner). */
export interface ExportedFeedback {
  id?: number;
  movieId: number;
  kind: ExportedFeedbackKind;
  at: number;
  surface: ExportedSurface;
  list?: string;
  query?: string;
  position?: number;
  impressionId?: number;
}

/** An impression without its owner. */
export interface ExportedImpression {
  id?: number;
  at: number;
  surface: ExportedSurface;
  movieId: number;
  position: number;
  model: string;
  features: number[];
  propensity: number;
  query?: string;
}

export interface ExportedSetting {
  key: string;
  value: unknown;
}

export interface ExportedModelState {
  model: string;
  version: number;
  updatedAt: number;
  state: unknown;
}

/** Version 1 of the export file. Holds no password hash, salt, token or signing key. */
export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  profile: { username: string; createdAt: number; avatar: number };
  feedback: ExportedFeedback[];
  impressions: ExportedImpression[];
  settings: ExportedSetting[];
  modelState: ExportedModelState[];
}

/** Limits on what an import accepts. */
export interface ImportLimits {
  /** Size of the file in bytes (UTF-8), not characters. */
  maxBytes: number;
  maxRecords: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 50 * 1024 * 1024, maxRecords: 1_000_000 };

/** What the reader checks the file against. */
export interface ImportOptions {
  /** Ids of the catalogue's movies: every feedback event and impression must name one of them. */
  movieIds: ReadonlySet<number>;
  limits?: ImportLimits;
}

/** Longest list position accepted (rows and result lists are far shorter). */
export const MAX_POSITION = 10_000;
/** Longest logged feature vector (Discover logs 87 features, the ranker 6). */
export const MAX_FEATURES = 256;
/** Most entries of the reward history and the weights history (what the services keep). */
export const MAX_BANDIT_HISTORY = 2000;
export const MAX_WEIGHTS_HISTORY = 500;
/** Most impression ids a saved Discover slate can wait on. */
export const MAX_PENDING = 100;

const PREFIX = 'This file cannot be imported: ';

class Problem extends Error {}

type Obj = Readonly<Record<string, unknown>>;

/** `v` as an object with only `allowed` keys (and all of `required`). */
function obj(v: unknown, path: string, allowed?: readonly string[], required: readonly string[] = []): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Problem(`${path} must be an object`);
  const o = v as Obj;
  if (allowed) {
    const extra = Object.keys(o).find((k) => !allowed.includes(k));
    if (extra !== undefined) throw new Problem(`${path} has an unknown field "${extra}"`);
  }
  for (const k of required) if (!(k in o)) throw new Problem(`${path}.${k} is missing`);
  return o;
}
function arr(v: unknown, path: string, max: number): readonly unknown[] {
  if (!Array.isArray(v)) throw new Problem(`${path} must be a list`);
  if (v.length > max) throw new Problem(`${path} has more than ${max} entries`);
  return v;
}
function str(v: unknown, path: string, max = 1000, min = 0): string {
  if (typeof v !== 'string') throw new Problem(`${path} must be text`);
  if (v.length > max) throw new Problem(`${path} is longer than ${max} characters`);
  if (v.length < min) throw new Problem(min === 1 ? `${path} must not be empty` : `${path} is shorter than ${min} characters`);
  return v;
}
function num(v: unknown, path: string, opts: { int?: boolean; min?: number; max?: number; above?: number } = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Problem(`${path} must be a number`);
  if (opts.int === true && !Number.isInteger(v)) throw new Problem(`${path} must be a whole number`);
  if (opts.min !== undefined && v < opts.min) throw new Problem(`${path} must be at least ${opts.min}`);
  if (opts.above !== undefined && v <= opts.above) throw new Problem(`${path} must be more than ${opts.above}`);
  if (opts.max !== undefined && v > opts.max) throw new Problem(`${path} must be at most ${opts.max}`);
  return v;
}
function oneOf<T extends string>(v: unknown, options: readonly T[], path: string): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) throw new Problem(`${path} must be one of ${options.join(', ')}`);
  return v as T;
}
function optional<T>(o: Obj, key: string, read: (v: unknown) => T): T | undefined {
  if (!(key in o)) return undefined;
  if (o[key] === undefined) throw new Problem(`${key} must not be undefined`);
  return read(o[key]);
}
/** Copies the defined optional fields onto `target`, leaving absent ones absent (exactOptionalPropertyTypes-safe). */
function withOptional<T extends object>(target: T, extra: Record<string, unknown>): T {
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}
/** A problem reported by a core module's validator, placed at `path`. */
function check(problem: string | null, path: string): void {
  if (problem !== null) throw new Problem(`${path}: ${problem}`);
}

/** Epoch milliseconds from 1970 to the year 275760 (the Date range). */
const TIME = { min: 0, max: 8.64e15 } as const;
const ID = { int: true, min: 1, max: Number.MAX_SAFE_INTEGER } as const;
const POSITION = { int: true, min: 0, max: MAX_POSITION } as const;

function movieId(v: unknown, path: string, movies: ReadonlySet<number>): number {
  const id = num(v, path, ID);
  if (!movies.has(id)) throw new Problem(`${path} ${id} is not a movie of the catalogue`);
  return id;
}

const FEEDBACK_FIELDS = ['id', 'movieId', 'kind', 'at', 'surface', 'list', 'query', 'position', 'impressionId'] as const;
function readFeedback(v: unknown, path: string, movies: ReadonlySet<number>): ExportedFeedback {
  const o = obj(v, path, FEEDBACK_FIELDS, ['movieId', 'kind', 'at', 'surface']);
  const base: ExportedFeedback = {
    movieId: movieId(o.movieId, `${path}.movieId`, movies),
    kind: oneOf(o.kind, FEEDBACK_KINDS, `${path}.kind`),
    at: num(o.at, `${path}.at`, TIME),
    surface: oneOf(o.surface, FEEDBACK_SURFACES, `${path}.surface`),
  };
  return withOptional(base, {
    id: optional(o, 'id', (x) => num(x, `${path}.id`, ID)),
    list: optional(o, 'list', (x) => str(x, `${path}.list`, 500)),
    query: optional(o, 'query', (x) => str(x, `${path}.query`)),
    position: optional(o, 'position', (x) => num(x, `${path}.position`, POSITION)),
    impressionId: optional(o, 'impressionId', (x) => num(x, `${path}.impressionId`, ID)),
  });
}

/** Models that log impressions, and the length of their feature vectors (null: checked against the model state). */
const IMPRESSION_MODELS = { hybrid: HYBRID_FEATURES.length, bandit: null } as const;
type ImpressionModel = keyof typeof IMPRESSION_MODELS;

const IMPRESSION_FIELDS = ['id', 'at', 'surface', 'movieId', 'position', 'model', 'features', 'propensity', 'query'] as const;
function readImpression(v: unknown, path: string, movies: ReadonlySet<number>): ExportedImpression {
  const o = obj(v, path, IMPRESSION_FIELDS, ['at', 'surface', 'movieId', 'position', 'model', 'features', 'propensity']);
  const model = oneOf(o.model, Object.keys(IMPRESSION_MODELS) as ImpressionModel[], `${path}.model`);
  const want = IMPRESSION_MODELS[model];
  const features = arr(o.features, `${path}.features`, MAX_FEATURES).map((x, i) => num(x, `${path}.features[${i}]`));
  if (want !== null && features.length !== want) throw new Problem(`${path}.features must have ${want} entries (it has ${features.length})`);
  if (features.length === 0) throw new Problem(`${path}.features must not be empty`);
  // A propensity of 0 would divide by zero in the bandit's importance weight; the ranker's is always 1.
  const propensity = model === 'hybrid' ? num(o.propensity, `${path}.propensity`, { min: 1, max: 1 }) : num(o.propensity, `${path}.propensity`, { above: 0, max: 1 });
  const base: ExportedImpression = {
    at: num(o.at, `${path}.at`, TIME),
    surface: oneOf(o.surface, FEEDBACK_SURFACES, `${path}.surface`),
    movieId: movieId(o.movieId, `${path}.movieId`, movies),
    position: num(o.position, `${path}.position`, POSITION),
    model,
    features,
    propensity,
  };
  return withOptional(base, {
    id: optional(o, 'id', (x) => num(x, `${path}.id`, ID)),
    query: optional(o, 'query', (x) => str(x, `${path}.query`)),
  });
}

/** What the model-state validators may look at besides the state itself. */
interface FileContext {
  impressions: readonly ExportedImpression[];
}

/** Fields of a stored Discover model (core/bandit SerializedBandit), nothing more. */
const SERIALIZED_BANDIT_FIELDS = ['format', 'version', 'shape', 'strategy', 'noise', 'center', 'mean', 'variance', 'rng', 'updates', 'totalWeight'];

/** Setting keys the app stores per profile, each with its validator. */
const SETTINGS: Readonly<Record<string, (value: unknown, path: string) => void>> = {
  'bandit-strategy': (value, path) => check(validateStrategyConfig(value), path),
};

/** Model states the app stores per profile (besides derived ones, never exported), each with its validator. */
const MODELS: Readonly<Record<string, (state: unknown, path: string, file: FileContext) => void>> = {
  // services/bandit.ts BanditRecord: the bandit (core/bandit's validator) and the slate it waits on.
  bandit: (state, path, file) => {
    const o = obj(state, path, ['state', 'pending'], ['state', 'pending']);
    const bandit = new Map<number, { imp: ExportedImpression; i: number }>();
    file.impressions.forEach((imp, i) => {
      if (imp.model === 'bandit' && imp.id !== undefined) bandit.set(imp.id, { imp, i });
    });
    const pending = arr(o.pending, `${path}.pending`, MAX_PENDING).map((x, i) => {
      const id = num(x, `${path}.pending[${i}]`, ID);
      const found = bandit.get(id);
      if (found === undefined) throw new Problem(`${path}.pending[${i}] ${id} is not a Discover impression of the file`);
      return found;
    });
    // An older Discover format is kept: Discover starts it again from the community prior, as it
    // does for a stored one, and its impressions have nothing to teach the new model.
    if (isLegacyBanditState(o.state)) return;
    const s = obj(o.state, `${path}.state`, SERIALIZED_BANDIT_FIELDS);
    const v = validateBanditState(o.state);
    if (!v.ok) throw new Problem(`the Discover model in ${path}.state is not usable: ${v.field} ${v.message}`);
    check(validateStrategyConfig(s.strategy), `${path}.state.strategy`);
    // The impressions Discover will learn from must fit the model's input. Older Discover
    // impressions (logged before the model changed) may have another size: Discover ignores them.
    const n = inputLength(v.state.shape);
    for (const { imp, i } of pending) {
      if (imp.features.length !== n) throw new Problem(`impressions[${i}].features must have ${n} entries, the size of the Discover model (it has ${imp.features.length})`);
    }
  },
  // services/bandit.ts RewardPoint[].
  'bandit-history': (state, path) => {
    arr(state, path, MAX_BANDIT_HISTORY).forEach((x, i) => {
      const p = `${path}[${i}]`;
      const o = obj(x, p, ['at', 'reward', 'explored'], ['at', 'reward', 'explored']);
      num(o.at, `${p}.at`, TIME);
      num(o.reward, `${p}.reward`, { min: -1, max: 1 });
      if (typeof o.explored !== 'boolean') throw new Problem(`${p}.explored must be true or false`);
    });
  },
  'hybrid-weights': (state, path) => check(validateHybridWeights(state), path),
  'hybrid-history': (state, path) => {
    arr(state, path, MAX_WEIGHTS_HISTORY).forEach((x, i) => check(validateWeightsSnapshot(x), `${path}[${i}]`));
  },
};

/** Setting keys and model names an import accepts. */
export const IMPORTABLE_SETTINGS: readonly string[] = Object.keys(SETTINGS);
export const IMPORTABLE_MODELS: readonly string[] = Object.keys(MODELS);
/** Version of each model state record (what the services write). */
const MODEL_RECORD_VERSION = 1;

function unique<T>(items: readonly T[], keyOf: (t: T) => string, what: string): void {
  const seen = new Set<string>();
  for (const t of items) {
    const k = keyOf(t);
    if (seen.has(k)) throw new Problem(`${what} "${k}" appears twice`);
    seen.add(k);
  }
}

function readFile(root: unknown, options: ImportOptions, limits: ImportLimits): ExportFile {
  const o = obj(root, 'the file');
  if (o.format !== EXPORT_FORMAT) throw new Problem('it is not a RecoStream export (no "format": "recostream-export")');
  if (o.version !== EXPORT_VERSION) {
    throw new Problem(`it was written by a different version of RecoStream (file version ${JSON.stringify(o.version)}, this app reads ${EXPORT_VERSION})`);
  }
  const top = ['format', 'version', 'exportedAt', 'profile', 'feedback', 'impressions', 'settings', 'modelState'];
  obj(root, 'the file', top, top);
  const exportedAt = str(o.exportedAt, 'exportedAt', 64);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(exportedAt) || Number.isNaN(Date.parse(exportedAt))) {
    throw new Problem('exportedAt must be a date and time like 2024-01-31T12:00:00.000Z');
  }
  const p = obj(o.profile, 'profile', ['username', 'createdAt', 'avatar'], ['username', 'createdAt', 'avatar']);
  const movies = options.movieIds;
  const impressions = arr(o.impressions, 'impressions', limits.maxRecords).map((x, i) => readImpression(x, `impressions[${i}]`, movies));
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    profile: {
      username: str(p.username, 'profile.username', 64, 1),
      createdAt: num(p.createdAt, 'profile.createdAt', TIME),
      avatar: num(p.avatar, 'profile.avatar', { int: true, min: 0, max: 1000 }),
    },
    feedback: arr(o.feedback, 'feedback', limits.maxRecords).map((x, i) => readFeedback(x, `feedback[${i}]`, movies)),
    impressions,
    settings: arr(o.settings, 'settings', IMPORTABLE_SETTINGS.length).map((x, i) => {
      const s = obj(x, `settings[${i}]`, ['key', 'value'], ['key', 'value']);
      const key = oneOf(s.key, IMPORTABLE_SETTINGS, `settings[${i}].key`);
      SETTINGS[key]!(s.value, `settings[${i}].value`);
      return { key, value: s.value };
    }),
    modelState: arr(o.modelState, 'modelState', IMPORTABLE_MODELS.length).map((x, i) => {
      const m = obj(x, `modelState[${i}]`, ['model', 'version', 'updatedAt', 'state'], ['model', 'version', 'updatedAt', 'state']);
      const model = oneOf(m.model, IMPORTABLE_MODELS, `modelState[${i}].model`);
      const version = num(m.version, `modelState[${i}].version`, { int: true, min: MODEL_RECORD_VERSION, max: MODEL_RECORD_VERSION });
      MODELS[model]!(m.state, `modelState[${i}].state`, { impressions });
      return { model, version, updatedAt: num(m.updatedAt, `modelState[${i}].updatedAt`, TIME), state: m.state };
    }),
  };
  unique(file.settings, (s) => s.key, 'setting');
  unique(file.modelState, (m) => m.model, 'model');
  unique(file.feedback.filter((f) => f.id !== undefined), (f) => String(f.id), 'feedback id');
  unique(file.impressions.filter((f) => f.id !== undefined), (f) => String(f.id), 'impression id');
  // A movie has at most one current opinion (like or dislike), as the app keeps it.
  unique(file.feedback.filter((f) => f.kind !== 'click'), (f) => String(f.movieId), 'like or dislike of movie');
  const impressionIds = new Set(file.impressions.flatMap((i) => (i.id === undefined ? [] : [i.id])));
  file.feedback.forEach((f, i) => {
    if (f.impressionId !== undefined && !impressionIds.has(f.impressionId)) {
      throw new Problem(`feedback[${i}].impressionId ${f.impressionId} is not an impression of the file`);
    }
  });
  if (!file.modelState.some((m) => m.model === 'bandit') && file.impressions.some((i) => i.model === 'bandit')) {
    // Without the model there is no dimension to check the Discover features against: they must at least agree.
    const dims = new Set(file.impressions.filter((i) => i.model === 'bandit').map((i) => i.features.length));
    if (dims.size > 1) throw new Problem('impressions of Discover have features of different lengths');
  }
  return file;
}

/** UTF-8 length of `text` in bytes, counting no further than `stopAbove` + 4. */
export function utf8ByteLength(text: string, stopAbove = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAbove; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3; // BMP, and a lone surrogate (written as U+FFFD, 3 bytes)
  }
  return bytes;
}

/** The refusal for a file over `maxBytes` (also used before reading a File, from its size). */
export function tooLarge(maxBytes: number): AuthError {
  return new AuthError('ERR_IMPORT_INVALID', `${PREFIX}it is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`, { details: { rule: 'size' } });
}

/** Parses and validates an export file's text; throws AuthError ERR_IMPORT_INVALID saying what is wrong. */
export function parseExportFile(text: string, options: ImportOptions): ExportFile {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  if (utf8ByteLength(text, limits.maxBytes) > limits.maxBytes) throw tooLarge(limits.maxBytes);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (cause) {
    throw new AuthError('ERR_IMPORT_INVALID', `${PREFIX}it is not valid JSON.`, { cause, details: { rule: 'json' } });
  }
  try {
    return readFile(root, options, limits);
  } catch (err) {
    if (err instanceof Problem) throw new AuthError('ERR_IMPORT_INVALID', `${PREFIX}${err.message}.`, { details: { rule: 'schema' } });
    throw err;
  }
}

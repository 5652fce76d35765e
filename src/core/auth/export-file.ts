/**
 * The "export my data" file: its shape, and a strict reader that rebuilds every record from known
 * fields only (nothing like a `userId` can ride along) and explains the first problem it finds.
 */
import { isLegacyBanditState, validateBanditState } from '../bandit';
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
  maxBytes: number;
  maxRecords: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 50 * 1024 * 1024, maxRecords: 1_000_000 };

const PREFIX = 'This file cannot be imported: ';

class Problem extends Error {}

type Obj = Readonly<Record<string, unknown>>;

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Problem(`${path} must be an object`);
  return v as Obj;
}
function arr(v: unknown, path: string, limits: ImportLimits): readonly unknown[] {
  if (!Array.isArray(v)) throw new Problem(`${path} must be a list`);
  if (v.length > limits.maxRecords) throw new Problem(`${path} has more than ${limits.maxRecords} entries`);
  return v;
}
function str(v: unknown, path: string, max = 1000): string {
  if (typeof v !== 'string') throw new Problem(`${path} must be text`);
  if (v.length > max) throw new Problem(`${path} is longer than ${max} characters`);
  return v;
}
function num(v: unknown, path: string, opts: { int?: boolean; min?: number; max?: number } = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Problem(`${path} must be a number`);
  if (opts.int === true && !Number.isInteger(v)) throw new Problem(`${path} must be a whole number`);
  if (opts.min !== undefined && v < opts.min) throw new Problem(`${path} must be at least ${opts.min}`);
  if (opts.max !== undefined && v > opts.max) throw new Problem(`${path} must be at most ${opts.max}`);
  return v;
}
function oneOf<T extends string>(v: unknown, options: readonly T[], path: string): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) throw new Problem(`${path} must be one of ${options.join(', ')}`);
  return v as T;
}
function optional<T>(o: Obj, key: string, read: (v: unknown) => T): T | undefined {
  return o[key] === undefined ? undefined : read(o[key]);
}
/** Copies the defined optional fields onto `target`, leaving absent ones absent (exactOptionalPropertyTypes-safe). */
function withOptional<T extends object>(target: T, extra: Record<string, unknown>): T {
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

const TIME = { min: 0, max: 8.64e15 } as const;

function readFeedback(v: unknown, path: string): ExportedFeedback {
  const o = obj(v, path);
  const base: ExportedFeedback = {
    movieId: num(o.movieId, `${path}.movieId`, { int: true, min: 1 }),
    kind: oneOf(o.kind, FEEDBACK_KINDS, `${path}.kind`),
    at: num(o.at, `${path}.at`, TIME),
    surface: oneOf(o.surface, FEEDBACK_SURFACES, `${path}.surface`),
  };
  return withOptional(base, {
    id: optional(o, 'id', (x) => num(x, `${path}.id`, { int: true, min: 1 })),
    list: optional(o, 'list', (x) => str(x, `${path}.list`)),
    query: optional(o, 'query', (x) => str(x, `${path}.query`)),
    position: optional(o, 'position', (x) => num(x, `${path}.position`, { int: true, min: 0 })),
    impressionId: optional(o, 'impressionId', (x) => num(x, `${path}.impressionId`, { int: true, min: 1 })),
  });
}

function readImpression(v: unknown, path: string, limits: ImportLimits): ExportedImpression {
  const o = obj(v, path);
  const features = arr(o.features, `${path}.features`, limits).map((x, i) => num(x, `${path}.features[${i}]`));
  const base: ExportedImpression = {
    at: num(o.at, `${path}.at`, TIME),
    surface: oneOf(o.surface, FEEDBACK_SURFACES, `${path}.surface`),
    movieId: num(o.movieId, `${path}.movieId`, { int: true, min: 1 }),
    position: num(o.position, `${path}.position`, { int: true, min: 0 }),
    model: str(o.model, `${path}.model`, 200),
    features,
    propensity: num(o.propensity, `${path}.propensity`, { min: 0, max: 1 }),
  };
  return withOptional(base, {
    id: optional(o, 'id', (x) => num(x, `${path}.id`, { int: true, min: 1 })),
    query: optional(o, 'query', (x) => str(x, `${path}.query`)),
  });
}

/**
 * The Discover model ("bandit": `{ state, pending }`) must have the shape the bandit reads; an older
 * Discover format is kept (Discover starts it again from the community prior, as for stored states).
 */
function checkModelState(model: string, state: unknown, path: string): void {
  if (model !== 'bandit') return;
  const rec = obj(state, `${path}.state`);
  if (!Array.isArray(rec.pending) || !rec.pending.every((x) => Number.isInteger(x) && (x as number) >= 1)) {
    throw new Problem(`${path}.state.pending must be a list of impression ids`);
  }
  if (isLegacyBanditState(rec.state)) return;
  const v = validateBanditState(rec.state);
  if (!v.ok) throw new Problem(`the Discover model in ${path} is not usable: ${v.field} ${v.message}`);
}

function unique<T>(items: readonly T[], keyOf: (t: T) => string, what: string): void {
  const seen = new Set<string>();
  for (const t of items) {
    const k = keyOf(t);
    if (seen.has(k)) throw new Problem(`${what} "${k}" appears twice`);
    seen.add(k);
  }
}

function readFile(root: unknown, limits: ImportLimits): ExportFile {
  const o = obj(root, 'the file');
  if (o.format !== EXPORT_FORMAT) throw new Problem('it is not a RecoStream export (no "format": "recostream-export")');
  if (o.version !== EXPORT_VERSION) {
    throw new Problem(`it was written by a different version of RecoStream (file version ${JSON.stringify(o.version)}, this app reads ${EXPORT_VERSION})`);
  }
  const p = obj(o.profile, 'profile');
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: str(o.exportedAt, 'exportedAt', 64),
    profile: {
      username: str(p.username, 'profile.username', 64),
      createdAt: num(p.createdAt, 'profile.createdAt', TIME),
      avatar: num(p.avatar, 'profile.avatar', { int: true, min: 0, max: 1000 }),
    },
    feedback: arr(o.feedback, 'feedback', limits).map((x, i) => readFeedback(x, `feedback[${i}]`)),
    impressions: arr(o.impressions, 'impressions', limits).map((x, i) => readImpression(x, `impressions[${i}]`, limits)),
    settings: arr(o.settings, 'settings', limits).map((x, i) => {
      const s = obj(x, `settings[${i}]`);
      if (!('value' in s)) throw new Problem(`settings[${i}].value is missing`);
      return { key: str(s.key, `settings[${i}].key`, 200), value: s.value };
    }),
    modelState: arr(o.modelState, 'modelState', limits).map((x, i) => {
      const m = obj(x, `modelState[${i}]`);
      if (!('state' in m)) throw new Problem(`modelState[${i}].state is missing`);
      const model = str(m.model, `modelState[${i}].model`, 200);
      checkModelState(model, m.state, `modelState[${i}]`);
      return {
        model,
        version: num(m.version, `modelState[${i}].version`, { int: true, min: 0 }),
        updatedAt: num(m.updatedAt, `modelState[${i}].updatedAt`, TIME),
        state: m.state,
      };
    }),
  };
  unique(file.settings, (s) => s.key, 'setting');
  unique(file.modelState, (m) => m.model, 'model');
  unique(file.feedback.filter((f) => f.id !== undefined), (f) => String(f.id), 'feedback id');
  unique(file.impressions.filter((f) => f.id !== undefined), (f) => String(f.id), 'impression id');
  return file;
}

/** Parses and validates an export file's text; throws AuthError ERR_IMPORT_INVALID saying what is wrong. */
export function parseExportFile(text: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): ExportFile {
  if (text.length > limits.maxBytes) {
    throw new AuthError('ERR_IMPORT_INVALID', `${PREFIX}it is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB.`, { details: { rule: 'size' } });
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (cause) {
    throw new AuthError('ERR_IMPORT_INVALID', `${PREFIX}it is not valid JSON.`, { cause, details: { rule: 'json' } });
  }
  try {
    return readFile(root, limits);
  } catch (err) {
    if (err instanceof Problem) throw new AuthError('ERR_IMPORT_INVALID', `${PREFIX}${err.message}.`, { details: { rule: 'schema' } });
    throw err;
  }
}

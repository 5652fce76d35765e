/**
 * Online learning of the hybrid weights from feedback on impressions: one step of logistic
 * regression per labelled impression, with an L2 pull towards the prior weights (a Gaussian prior
 * centred on them, i.e. MAP estimation), so a handful of clicks cannot wreck the ranking.
 */
import { HYBRID_FEATURES, PRIOR_WEIGHTS, logit, sigmoid, type FeatureValues, type HybridWeights } from './weights';

/** What the user did with a shown item. */
export type ImpressionOutcome = 'like' | 'click' | 'dislike' | 'skipped';

/**
 * Label and importance of each outcome. A like is a clear positive; a click a weaker one (curiosity
 * is not approval); a dislike a clear negative; "skipped" (shown above an item the user chose, not
 * touched) a weak negative, as in skip-above click models.
 */
export const OUTCOME_LABEL: Record<ImpressionOutcome, { y: number; weight: number }> = {
  like: { y: 1, weight: 1 },
  click: { y: 1, weight: 0.4 },
  dislike: { y: 0, weight: 1 },
  skipped: { y: 0, weight: 0.15 },
};

export interface LearnOptions {
  /** Learning rate of the first update; decays as 1/sqrt(1 + updates / 20). */
  rate: number;
  /** Strength of the pull towards the prior weights. */
  l2: number;
  /** Weights are kept in [min, max] so explanations stay honest (no feature counts against a match). */
  min: number;
  max: number;
}

export const DEFAULT_LEARN: LearnOptions = { rate: 0.5, l2: 0.02, min: 0, max: 8 };

/** Returns new weights after learning from one labelled impression. */
export function learnFromImpression(
  weights: HybridWeights,
  x: FeatureValues,
  outcome: ImpressionOutcome,
  options: Partial<LearnOptions> = {},
  prior: HybridWeights = PRIOR_WEIGHTS,
): HybridWeights {
  const o = { ...DEFAULT_LEARN, ...options };
  const { y, weight } = OUTCOME_LABEL[outcome];
  const p = sigmoid(logit(weights, x));
  const eta = (o.rate * weight) / Math.sqrt(1 + weights.updates / 20);
  const g = y - p;
  const w = { ...weights.w };
  for (const f of HYBRID_FEATURES) {
    const next = w[f] + eta * (g * x[f] - o.l2 * (w[f] - prior.w[f]));
    w[f] = Math.min(o.max, Math.max(o.min, next));
  }
  const bias = weights.bias + eta * (g - o.l2 * (weights.bias - prior.bias));
  return { version: 1, bias, w, updates: weights.updates + 1 };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Null when `w` holds exactly the features, each a weight learning can produce, else what is wrong. */
function featureWeightsProblem(w: unknown, path: string): string | null {
  if (!isObject(w)) return `${path} must be an object`;
  const extra = Object.keys(w).find((k) => !(HYBRID_FEATURES as readonly string[]).includes(k));
  if (extra !== undefined) return `${path} has an unknown feature "${extra}"`;
  for (const f of HYBRID_FEATURES) {
    const x = w[f];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < DEFAULT_LEARN.min || x > DEFAULT_LEARN.max) {
      return `${path}.${f} must be a number in [${DEFAULT_LEARN.min}, ${DEFAULT_LEARN.max}]`;
    }
  }
  return null;
}

/** Largest |bias| accepted from storage or an import (learning moves it by < 1 per update from −2). */
export const MAX_ABS_BIAS = 1000;

/** Null when `value` is hybrid weights as learning stores them (checked on import), else what is wrong. */
export function validateHybridWeights(value: unknown): string | null {
  if (!isObject(value)) return 'must be an object';
  const extra = Object.keys(value).find((k) => !['version', 'bias', 'w', 'updates'].includes(k));
  if (extra !== undefined) return `unknown field "${extra}"`;
  if (value.version !== 1) return 'version must be 1';
  if (typeof value.bias !== 'number' || !Number.isFinite(value.bias) || Math.abs(value.bias) > MAX_ABS_BIAS) return `bias must be a number in [−${MAX_ABS_BIAS}, ${MAX_ABS_BIAS}]`;
  if (typeof value.updates !== 'number' || !Number.isInteger(value.updates) || value.updates < 0) return 'updates must be a whole number ≥ 0';
  return featureWeightsProblem(value.w, 'w');
}

/** Null when `value` is one snapshot of the weights history ({ at, bias, w }), else what is wrong. */
export function validateWeightsSnapshot(value: unknown): string | null {
  if (!isObject(value)) return 'must be an object';
  const extra = Object.keys(value).find((k) => !['at', 'bias', 'w'].includes(k));
  if (extra !== undefined) return `unknown field "${extra}"`;
  if (typeof value.at !== 'number' || !Number.isFinite(value.at) || value.at < 0) return 'at must be a time';
  if (typeof value.bias !== 'number' || !Number.isFinite(value.bias) || Math.abs(value.bias) > MAX_ABS_BIAS) return `bias must be a number in [−${MAX_ABS_BIAS}, ${MAX_ABS_BIAS}]`;
  return featureWeightsProblem(value.w, 'w');
}

/** Validates stored weights (from IndexedDB or an import); falls back to the priors when malformed. */
export function reviveWeights(value: unknown): HybridWeights {
  const v = value as Partial<HybridWeights> | null;
  if (!v || v.version !== 1 || typeof v.bias !== 'number' || !Number.isFinite(v.bias) || typeof v.w !== 'object' || v.w === null) {
    return { ...PRIOR_WEIGHTS, w: { ...PRIOR_WEIGHTS.w } };
  }
  const w = {} as FeatureValues;
  for (const f of HYBRID_FEATURES) {
    const x = (v.w as Partial<FeatureValues>)[f];
    w[f] = typeof x === 'number' && Number.isFinite(x) ? x : PRIOR_WEIGHTS.w[f];
  }
  return { version: 1, bias: v.bias, w, updates: typeof v.updates === 'number' ? v.updates : 0 };
}

/**
 * The models the recommendation worker trains and caches together: the rating model (CF KNN with
 * baselines, `src/core/cf`: predicted ratings, RMSE 0.8369 on bench:cf) and the top-N model (EASE,
 * `src/core/topn`: the ranked rows). Both train on the community ratings in about a second each;
 * "Retrain with my feedback" adds the user as one more community member to both.
 */
import type { RatingsCOO } from '../catalogue/types';
import { feedbackToRatings } from '../cf/feedback';
import type { ItemFeedbackEvent } from '../shared/feedback';
import { CfError } from '../cf/errors';
import { CodecError, decodeValue, encodeValue } from '../crypto/codec';
import { assertCfModel, CF_MODEL_VERSION, trainCf, type CfModel } from '../cf/model';
import { assertEaseModel, EASE_MODEL_VERSION, trainEase, type EaseModel } from '../topn/ease';
import { communityValue, feedbackToInteractions, TOPN_DEFAULTS } from '../topn/input';

export interface RecoModels {
  kind: 'recostream-models';
  cf: CfModel;
  ranking: EaseModel;
}

/** Prefix of the cache key (the ratings' fingerprint follows): changes when either model's layout does. */
export const RECO_MODELS_KEY = `cf-v${CF_MODEL_VERSION}-ease-v${EASE_MODEL_VERSION}-l${TOPN_DEFAULTS.lambda}-${TOPN_DEFAULTS.community}`;

/** Trains both models; the user's own events (if any) join the community as one extra user. */
export function trainRecoModels(
  ratings: RatingsCOO,
  own: readonly ItemFeedbackEvent[] = [],
  onProgress?: (phase: 'baselines' | 'neighbours' | 'ranking' | 'done', fraction: number) => void,
): RecoModels {
  const extraCf = own.length ? [feedbackToRatings(own)] : [];
  const cf = trainCf(ratings, {}, extraCf, (phase, fraction) => {
    if (phase !== 'done') onProgress?.(phase, fraction * 0.8);
  });
  onProgress?.('ranking', 0.8);
  // In the model's X the user is an ordinary member: what they liked or opened, unweighted by time
  // (recency belongs to the fold-in), likes 1, clicks ¼; dislikes stay out of X and act through the fold-in only.
  const mine = own.length ? [feedbackToInteractions(own, { ...TOPN_DEFAULTS, recency: { halfLife: 0, floor: 1 } }).filter((r) => r.value > 0)] : [];
  const ranking = trainEase(ratings, { lambda: TOPN_DEFAULTS.lambda, value: communityValue(TOPN_DEFAULTS.community) }, mine);
  onProgress?.('done', 1);
  return { kind: 'recostream-models', cf, ranking };
}

/** Throws CfError('ERR_CF_MODEL') unless `value` is a current pair of models for `nItems` items. */
export function assertRecoModels(value: unknown, nItems: number): asserts value is RecoModels {
  const m = value as Partial<RecoModels> | null;
  if (!m || m.kind !== 'recostream-models') throw new CfError('ERR_CF_MODEL', 'not a RecoStream model pair');
  assertCfModel(m.cf);
  assertEaseModel(m.ranking);
  if (m.cf.nItems !== nItems || m.ranking.nItems !== nItems) throw new CfError('ERR_CF_MODEL', `models cover ${m.cf.nItems}/${m.ranking.nItems} items, the catalogue ${nItems}: retrain`);
}

/**
 * The byte form of a model pair, for the community model's cache (the reco worker keeps it in Cache
 * Storage): the record codec's layout (JSON structure, typed arrays as a binary tail), so every
 * array comes back bit for bit (about 10 MB for the MovieLens data, written and read in tens of ms).
 */
export function encodeRecoModels(models: RecoModels): Uint8Array {
  return encodeValue(models);
}

/** Decodes `encodeRecoModels` bytes; throws CfError('ERR_CF_MODEL') unless they hold a current pair for `nItems` items. */
export function decodeRecoModels(bytes: Uint8Array, nItems: number): RecoModels {
  let value: unknown;
  try {
    value = decodeValue(bytes);
  } catch (err) {
    if (err instanceof CodecError) throw new CfError('ERR_CF_MODEL', `cached models are damaged: ${err.message}`);
    throw err;
  }
  assertRecoModels(value, nItems);
  return value;
}

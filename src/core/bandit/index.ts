/** The contextual bandit (VW `--cb_explore_adf` style) — the public entry of src/core/bandit. */
export { BanditError, type BanditErrorCode } from './errors';
export { STRATEGY_DEFAULTS, defaultStrategy, resolveStrategy, assertNever } from './options';
export {
  BANDIT_STATE_VERSION,
  createBandit,
  cloneBandit,
  withStrategy,
  serializeBandit,
  deserializeBandit,
  type SerializedBandit,
} from './state';
export { decide } from './decide';
export { learn, importanceWeight } from './learn';
export { REWARDS, rewardFor, type Reaction } from './reward';
export { explorationTag, EXPLORATION_MESSAGE, type ExplorationTag } from './explain';
export {
  DEFAULT_FEATURE_SPEC,
  jointDim,
  jointFeatures,
  featureNames,
  movieActionFeatures,
  userTaste,
  emptyTaste,
  timeOfUse,
  cyclicTime,
  jointCandidates,
  type FeatureSpec,
  type ActionFeatures,
  type UserTaste,
  type IntentBlocks,
  type TimeOfUse,
  type BanditContext,
  type CatalogueStats,
  type TasteEvent,
} from './features';
export { rngFromSeed, nextUniform, nextGaussian, nextInt, type RngState } from './rng';
export type {
  StrategyConfig,
  StrategyKind,
  ResolvedStrategy,
  BanditOptions,
  BanditState,
  BanditAction,
  ImpressionLog,
  SlotPick,
  Decision,
} from './types';

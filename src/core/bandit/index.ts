/** The contextual bandit (VW `--cb_explore_adf` style) — the public entry of src/core/bandit. */
export { BanditError, type BanditErrorCode } from './errors';
export { STRATEGY_DEFAULTS, DEFAULT_STRATEGY, defaultStrategy, resolveStrategy, assertNever } from './options';
export {
  BANDIT_STATE_VERSION,
  createBandit,
  cloneBandit,
  withStrategy,
  serializeBandit,
  deserializeBandit,
  validateBanditState,
  isLegacyBanditState,
  restoreBandit,
  validateStrategyConfig,
  type SerializedBandit,
  type BanditValidation,
  type RestoreNote,
} from './state';
export { inputLength, weightCount, predict } from './model';
export { fitPrior, featureCenter, type PriorExample, type PriorFitOptions } from './prior';
export { decide } from './decide';
export { learn, importanceWeight } from './learn';
export { REWARDS, rewardFor, type Reaction } from './reward';
export {
  explorationTag,
  explainPick,
  EXPLORATION_MESSAGE,
  MIN_CONTRIBUTION,
  type ExplorationTag,
  type ExplainLabels,
  type PickExplanation,
} from './explain';
export {
  DEFAULT_FEATURE_SPEC,
  jointDim,
  jointFeatures,
  featureShape,
  featureNames,
  contextNames,
  actionNames,
  blockOffsets,
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
  BanditPrior,
  FeatureShape,
  BanditAction,
  ImpressionLog,
  SlotPick,
  Decision,
} from './types';

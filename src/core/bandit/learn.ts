/**
 * Incremental learning from one logged impression and its reward: Bayesian linear regression of the
 * reward on the crossed features with a diagonal Gaussian posterior, one assumed-density-filtering
 * step per example (see `observe` in model.ts; O(C·A + L)).
 * ε-greedy and softmax weight each example by min(1/propensity, maxImportanceWeight) — VW's `mtr`
 * idea: the regression then sees every action as often as a uniform logger would, so its estimate
 * is not biased towards the actions the policy already likes. The cap bounds the variance.
 */
import { BanditError } from './errors';
import { checkFeatures, observe } from './model';
import { assertNever } from './options';
import type { BanditState, ImpressionLog, ResolvedStrategy } from './types';

/** Importance weight given to an example logged with `propensity` under `strategy`. */
export function importanceWeight(strategy: ResolvedStrategy, propensity: number): number {
  switch (strategy.kind) {
    case 'epsilon-greedy':
    case 'softmax':
      return Math.min(1 / propensity, strategy.maxImportanceWeight);
    case 'linucb':
    case 'thompson':
      return 1;
    default:
      return assertNever(strategy);
  }
}

/** Updates the state in place from a logged pick and the reward it earned (see `REWARDS`). */
export function learn(state: BanditState, log: Pick<ImpressionLog, 'features' | 'propensity'>, reward: number): void {
  checkFeatures(state, log.features, 'the logged impression');
  if (!(log.propensity > 0 && log.propensity <= 1)) {
    throw new BanditError('ERR_BANDIT_INPUT', `propensity must be in (0, 1], got ${log.propensity}`);
  }
  if (!Number.isFinite(reward)) throw new BanditError('ERR_BANDIT_INPUT', `reward must be finite, got ${reward}`);
  const w = importanceWeight(state.strategy, log.propensity);
  observe(state, log.features, reward, w);
  state.updates++;
  state.totalWeight += w;
}

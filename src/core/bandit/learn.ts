/**
 * Incremental learning from one logged impression and its reward: weighted ridge regression of the
 * reward on the joint features, A⁻¹ kept by a Sherman–Morrison rank-1 update (O(d²)).
 * ε-greedy and softmax weight each example by min(1/propensity, maxImportanceWeight) — VW's `mtr`
 * idea: the regression then sees every action as often as a uniform logger would, so its estimate
 * is not biased towards the actions the policy already likes. The cap bounds the variance.
 */
import { BanditError } from './errors';
import { shermanMorrison } from './linalg';
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
  const d = state.dim;
  const x = log.features;
  if (x.length !== d) throw new BanditError('ERR_BANDIT_INPUT', `logged features have ${x.length} entries, the bandit expects ${d}`);
  if (!(log.propensity > 0 && log.propensity <= 1)) {
    throw new BanditError('ERR_BANDIT_INPUT', `propensity must be in (0, 1], got ${log.propensity}`);
  }
  if (!Number.isFinite(reward)) throw new BanditError('ERR_BANDIT_INPUT', `reward must be finite, got ${reward}`);
  for (let j = 0; j < d; j++) {
    if (!Number.isFinite(x[j]!)) throw new BanditError('ERR_BANDIT_INPUT', `logged feature ${j} is not finite`);
  }
  const w = importanceWeight(state.strategy, log.propensity);
  const u = new Float64Array(d);
  shermanMorrison(state.aInv, x, w, d, u);
  for (let j = 0; j < d; j++) state.b[j]! += w * reward * x[j]!;
  for (let i = 0; i < d; i++) {
    let s = 0;
    const row = i * d;
    for (let j = 0; j < d; j++) s += state.aInv[row + j]! * state.b[j]!;
    state.theta[i] = s;
  }
  state.updates++;
  state.totalWeight += w;
}

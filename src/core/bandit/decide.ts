/** One decision: score the candidates, let the configured strategy fill the slate, log each pick. */
import { BanditError } from './errors';
import { assertNever } from './options';
import { epsilonGreedySlate } from './strategies/epsilon-greedy';
import { linUcbSlate } from './strategies/linucb';
import { argmaxFree, type SlateInput, type SlateOutput } from './strategies/shared';
import { softmaxSlate } from './strategies/softmax';
import { thompsonSlate } from './strategies/thompson';
import type { BanditAction, BanditState, Decision, ImpressionLog, SlotPick } from './types';

/** Copies the candidates' features into one row-major M×d matrix, checking length and finiteness. */
function featureMatrix(actions: readonly BanditAction[], d: number): Float64Array {
  const x = new Float64Array(actions.length * d);
  actions.forEach((a, i) => {
    const f = a.features;
    if (f.length !== d) {
      throw new BanditError('ERR_BANDIT_INPUT', `candidate ${a.id} has ${f.length} features, the bandit expects ${d}`);
    }
    for (let j = 0; j < d; j++) {
      const v = f[j]!;
      if (!Number.isFinite(v)) throw new BanditError('ERR_BANDIT_INPUT', `candidate ${a.id} feature ${j} is not finite`);
      x[i * d + j] = v;
    }
  });
  return x;
}

function runStrategy(input: SlateInput): SlateOutput {
  const s = input.state.strategy;
  switch (s.kind) {
    case 'epsilon-greedy':
      return epsilonGreedySlate(input, s.epsilon);
    case 'softmax':
      return softmaxSlate(input, s.temperature);
    case 'linucb':
      return linUcbSlate(input, s.alpha);
    case 'thompson':
      return thompsonSlate(input, s.scale, s.samples);
    default:
      return assertNever(s);
  }
}

/**
 * Ranks `slots` of the candidates (fewer if there are fewer candidates). Advances the state's random
 * stream; does not learn. Throws `ERR_BANDIT_INPUT` for no candidates, a bad slot count or bad features.
 */
export function decide(state: BanditState, actions: readonly BanditAction[], slots: number): Decision {
  const m = actions.length;
  const d = state.dim;
  if (m === 0) throw new BanditError('ERR_BANDIT_INPUT', 'no candidates to choose from');
  if (!Number.isInteger(slots) || slots < 1) throw new BanditError('ERR_BANDIT_INPUT', `slots must be a positive integer, got ${slots}`);
  const n = Math.min(slots, m);
  const x = featureMatrix(actions, d);
  const scores = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    const off = i * d;
    for (let j = 0; j < d; j++) s += x[off + j]! * state.theta[j]!;
    scores[i] = s;
  }
  const out = runStrategy({ state, x, m, scores, slots: n });

  const placed = new Uint8Array(m);
  const picks: SlotPick[] = [];
  const logs: ImpressionLog[] = [];
  out.order.forEach((index, position) => {
    const greedy = argmaxFree(scores, placed);
    placed[index] = 1;
    const action = actions[index]!;
    const propensity = out.slotProbabilities[position]![index]!;
    picks.push({ position, index, actionId: action.id, propensity, exploratory: scores[index]! < scores[greedy]! });
    logs.push({
      actionId: action.id,
      propensity,
      features: Array.from(x.subarray(index * d, (index + 1) * d)),
      position,
      strategy: state.strategy.kind,
    });
  });
  return {
    strategy: state.strategy.kind,
    picks,
    probabilities: out.slotProbabilities[0]!,
    slotProbabilities: out.slotProbabilities,
    scores,
    rankScores: out.rankScores,
    logs,
  };
}

/** One decision: score the candidates, let the configured strategy fill the slate, log each pick. */
import { BanditError } from './errors';
import { checkFeatures, inputLength, scoreCandidates } from './model';
import { assertNever } from './options';
import { epsilonGreedySlate } from './strategies/epsilon-greedy';
import { linUcbSlate } from './strategies/linucb';
import { argmaxFree, type SlateInput, type SlateOutput } from './strategies/shared';
import { softmaxSlate } from './strategies/softmax';
import { thompsonSlate } from './strategies/thompson';
import type { BanditAction, BanditState, Decision, ImpressionLog, SlotPick } from './types';

/** Copies the candidates' features into one row-major M×n matrix, checking length and finiteness. */
function featureMatrix(state: BanditState, actions: readonly BanditAction[]): Float64Array {
  const n = inputLength(state.shape);
  const x = new Float64Array(actions.length * n);
  actions.forEach((a, i) => {
    checkFeatures(state, a.features, `candidate ${a.id}`);
    for (let j = 0; j < n; j++) x[i * n + j] = a.features[j]!;
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
  if (m === 0) throw new BanditError('ERR_BANDIT_INPUT', 'no candidates to choose from');
  if (!Number.isInteger(slots) || slots < 1) throw new BanditError('ERR_BANDIT_INPUT', `slots must be a positive integer, got ${slots}`);
  const n = Math.min(slots, m);
  const x = featureMatrix(state, actions);
  const scored = scoreCandidates(state, x, m);
  const scores = scored.scores;
  const out = runStrategy({ state, scored, m, scores, slots: n });
  const width = scored.n;

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
      features: Array.from(x.subarray(index * width, (index + 1) * width)),
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
    variances: scored.variances,
    rankScores: out.rankScores,
    logs,
  };
}

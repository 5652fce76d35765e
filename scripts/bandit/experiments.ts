/** The bench's experiments: on-policy learning curves, replay and IPS off-policy estimates. */
import { cyclicTime, jointFeatures, userTaste, type BanditContext, type TasteEvent } from '../../src/core/bandit/features';
import { featureShape } from '../../src/core/bandit/features';
import { fitPrior, type PriorExample } from '../../src/core/bandit/prior';
import { nextInt, rngFromSeed } from '../../src/core/bandit/rng';
import type { BanditPrior } from '../../src/core/bandit/types';
import { drawRound, oracleReward, type Environment, type Round } from './environment';
import type { Policy } from './policies';

/** Cumulative reward and regret after each checkpoint round. */
export interface Curve {
  rounds: number[];
  reward: number[];
  regret: number[];
}

/** The i.i.d. rounds of one seed (shared by every policy, so comparisons use common random numbers). */
export function drawRounds(env: Environment, count: number, candidates: number, seed: number): Round[] {
  const rng = rngFromSeed(seed);
  return Array.from({ length: count }, () => drawRound(env, candidates, rng));
}

/** Runs a policy on-policy over `rounds`, learning after each, and records the curve every `every` rounds. */
export function runOnPolicy(policy: Policy, rounds: readonly Round[], slots: number, every: number): Curve {
  const curve: Curve = { rounds: [], reward: [], regret: [] };
  let reward = 0;
  let regret = 0;
  rounds.forEach((round, t) => {
    const choice = policy.choose(round, slots);
    const rewards = choice.order.map((i) => round.rewards[i]!);
    const got = rewards.reduce((s, r) => s + r, 0);
    reward += got;
    regret += oracleReward(round, slots) - got;
    policy.update(choice, rewards);
    if ((t + 1) % every === 0 || t === rounds.length - 1) {
      curve.rounds.push(t + 1);
      curve.reward.push(reward);
      curve.regret.push(regret);
    }
  });
  return curve;
}

/** A within-run estimate: the mean of n per-event values and its standard error sd/√n. */
export interface Estimate {
  value: number;
  se: number;
  n: number;
}

function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const v = n > 1 ? values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
  return { value: mean, se: Math.sqrt(v / n), n };
}

/** Mean first-slot reward of a policy over `rounds`, learning after each round unless frozen. */
export function onPolicyValue(policy: Policy, rounds: readonly Round[]): Estimate {
  return estimate(
    rounds.map((round) => {
      const choice = policy.choose(round, 1);
      const r = round.rewards[choice.order[0]!]!;
      policy.update(choice, [r]);
      return r;
    }),
  );
}

/** One event logged by the uniformly random logging policy (single slot). */
export interface LoggedEvent {
  round: Round;
  action: number;
  propensity: number;
  reward: number;
}

/** Logs `rounds` with a uniform single-slot policy. */
export function logUniform(rounds: readonly Round[], logger: Policy): LoggedEvent[] {
  return rounds.map((round) => {
    const c = logger.choose(round, 1);
    const action = c.order[0]!;
    return { round, action, propensity: c.propensities[0]!, reward: round.rewards[action]! };
  });
}

/**
 * Replay (Li, Chu, Langford & Wang 2011): stream the uniform log; whenever the learning policy picks
 * the logged action the event counts and the policy learns from it, otherwise it is skipped. Unbiased
 * for the policy's on-policy average reward over its first `target` rounds (n = events accepted).
 */
export function replay(policy: Policy, log: readonly LoggedEvent[], target: number): Estimate {
  const accepted: number[] = [];
  for (const e of log) {
    if (accepted.length >= target) break;
    const c = policy.choose(e.round, 1);
    if (c.order[0] !== e.action) continue;
    accepted.push(e.reward);
    policy.update(c, [e.reward]);
  }
  return estimate(accepted);
}

/** Inverse propensity scoring estimate of a frozen policy's first-slot value: mean of r·π(a|x)/p. */
export function ipsValue(policy: Policy, log: readonly LoggedEvent[]): Estimate {
  return estimate(log.map((e) => (e.reward * policy.choose(e.round, 1).firstSlot[e.action]!) / e.propensity));
}

/**
 * Per-user cold start, the app's own setting: every environment user gets a fresh learner and an
 * empty taste; each round shows a slate from M candidates drawn among the user's not-yet-shown
 * held-out movies, the taste is rebuilt from the reactions so far (as the app does from its feedback
 * log), and shown movies leave the pool. Returns the curve over the round index within a user,
 * summed over users.
 */
export function runColdStart(
  env: Environment,
  makePolicy: (user: number) => Policy,
  opts: { roundsPerUser: number; candidates: number; slots: number; seed: number },
): Curve {
  const rng = rngFromSeed(opts.seed);
  const reward = new Float64Array(opts.roundsPerUser);
  const regret = new Float64Array(opts.roundsPerUser);
  env.users.forEach((u, ui) => {
    const policy = makePolicy(ui);
    const pool = u.held.slice();
    const events: TasteEvent[] = [];
    for (let r = 0; r < opts.roundsPerUser && pool.length >= opts.slots; r++) {
      const m = Math.min(opts.candidates, pool.length);
      const idx = Array.from(pool.keys());
      for (let i = 0; i < m; i++) {
        const j = i + nextInt(rng, idx.length - i);
        [idx[i], idx[j]] = [idx[j]!, idx[i]!];
      }
      const cand = idx.slice(0, m).map((i) => pool[i]!);
      const when = new Date(pool[nextInt(rng, pool.length)]!.time * 1000);
      const ctx: BanditContext = {
        taste: userTaste(events, env.spec),
        intent: null,
        time: cyclicTime(when.getUTCHours() + when.getUTCMinutes() / 60, when.getUTCDay()),
      };
      const round: Round = {
        user: ui,
        items: cand.map((h) => h.item),
        rewards: cand.map((h) => h.reward),
        features: cand.map((h) => jointFeatures(env.spec, ctx, env.actions[h.item]!)),
        ctx,
        actions: cand.map((h) => env.actions[h.item]!),
      };
      const choice = policy.choose(round, opts.slots);
      const rewards = choice.order.map((i) => round.rewards[i]!);
      const got = rewards.reduce((s, x) => s + x, 0);
      reward[r]! += got;
      regret[r]! += oracleReward(round, opts.slots) - got;
      policy.update(choice, rewards);
      choice.order.forEach((i, k) => events.push({ action: env.actions[round.items[i]!]!, reward: rewards[k]! }));
      const shown = new Set(choice.order.map((i) => cand[i]!));
      for (let i = pool.length - 1; i >= 0; i--) if (shown.has(pool[i]!)) pool.splice(i, 1);
    }
  });
  const curve: Curve = { rounds: [], reward: [], regret: [] };
  let cr = 0;
  let cg = 0;
  for (let r = 0; r < opts.roundsPerUser; r++) {
    cr += reward[r]!;
    cg += regret[r]!;
    curve.rounds.push(r + 1);
    curve.reward.push(cr);
    curve.regret.push(cg);
  }
  return curve;
}

/**
 * A population prior for per-user learners, fitted with the app's own `fitPrior`: examples are
 * uniformly random slates shown to community users (unbiased data, no environment user involved);
 * `seed` draws the slates and orders the fit.
 */
export function populationPrior(env: Environment, rounds: number, candidates: number, slots: number, seed: number, spread?: number): BanditPrior {
  const community: Environment = { ...env, users: env.community };
  const rng = rngFromSeed(seed);
  const examples: PriorExample[] = [];
  for (let t = 0; t < rounds; t++) {
    const round = drawRound(community, candidates, rng);
    for (let k = 0; k < slots; k++) examples.push({ features: round.features[k]!, reward: round.rewards[k]! });
  }
  return fitPrior(featureShape(env.spec), examples, spread === undefined ? { seed } : { seed, spread });
}

/** The policies the bench compares, behind one small interface. */
import { createBandit } from '../../src/core/bandit/state';
import { decide } from '../../src/core/bandit/decide';
import { learn } from '../../src/core/bandit/learn';
import { nextInt, rngFromSeed } from '../../src/core/bandit/rng';
import { featureShape } from '../../src/core/bandit/features';
import type { BanditPrior, BanditState, StrategyConfig } from '../../src/core/bandit/types';
import type { Environment, Round } from './environment';

/** A slate choice: candidate indices in slot order, each slot's propensity, and the first-slot distribution. */
export interface Choice {
  order: number[];
  propensities: number[];
  /** π(a | x) for the first slot over all candidates. */
  firstSlot: Float64Array;
  /** Opaque per-slot records the policy learns from. */
  logs?: { features: number[]; propensity: number }[];
}

export interface Policy {
  name: string;
  choose(round: Round, slots: number): Choice;
  /** Learns from the rewards of the shown slots (no-op for fixed policies). */
  update(choice: Choice, rewards: number[]): void;
  /** Stops learning (for evaluating a frozen policy). */
  freeze(): void;
}

/** Uniformly random slate. */
export function uniformPolicy(seed: number): Policy {
  const rng = rngFromSeed(seed);
  return {
    name: 'uniform',
    choose(round, slots) {
      const m = round.items.length;
      const idx = Array.from({ length: m }, (_, i) => i);
      const propensities: number[] = [];
      for (let k = 0; k < slots; k++) {
        const j = k + nextInt(rng, m - k);
        [idx[k], idx[j]] = [idx[j]!, idx[k]!];
        propensities.push(1 / (m - k));
      }
      return { order: idx.slice(0, slots), propensities, firstSlot: new Float64Array(m).fill(1 / m) };
    },
    update() {},
    freeze() {},
  };
}

/** Most community ratings first (deterministic; ties by candidate order). */
export function popularityPolicy(env: Environment): Policy {
  return {
    name: 'popularity',
    choose(round, slots) {
      const m = round.items.length;
      const count = round.items.map((it) => env.communityCount[it]!);
      const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => count[b]! - count[a]! || a - b).slice(0, slots);
      const firstSlot = new Float64Array(m);
      firstSlot[order[0]!] = 1;
      return { order, propensities: order.map(() => 1), firstSlot };
    },
    update() {},
    freeze() {},
  };
}

/** The RecoStream bandit with a given strategy, learning from every shown slot. */
export function banditPolicy(
  name: string,
  env: Environment,
  strategy: StrategyConfig,
  seed: number,
  prior?: BanditPrior,
): Policy & { state: BanditState } {
  const shape = featureShape(env.spec);
  const state = createBandit(prior ? { shape, strategy, seed, prior } : { shape, strategy, seed });
  let frozen = false;
  return {
    name,
    state,
    choose(round, slots) {
      const d = decide(
        state,
        round.features.map((features, i) => ({ id: i, features })),
        slots,
      );
      return {
        order: d.picks.map((p) => p.index),
        propensities: d.picks.map((p) => p.propensity),
        firstSlot: d.probabilities,
        logs: d.logs,
      };
    },
    update(choice, rewards) {
      if (frozen) return;
      choice.logs!.forEach((log, k) => learn(state, log, rewards[k]!));
    },
    freeze() {
      frozen = true;
    },
  };
}

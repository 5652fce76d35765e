/**
 * Chooses the CF defaults by coordinate descent on 5-fold cross-validated RMSE over MovieLens
 * latest-small, with shuffle seed 1 so the folds differ from the benchmark's (seed 0).
 * Prediction-time options are varied on the trained models without retraining.
 * Usage: npx tsx scripts/cf/tune.ts [--seed 1] [--rounds 2]
 */
import { parseArgs } from 'node:util';
import type { RatingsCOO } from '../../src/core/catalogue/types';
import { trainCf, type CfModel } from '../../src/core/cf/model';
import { DEFAULT_CF_OPTIONS, type CfOptions } from '../../src/core/cf/options';
import { kFoldAssignment } from '../../src/core/eval/kfold';
import { rmse } from '../../src/core/eval/metrics';
import { MOVIELENS_DIR } from '../paths';
import { predictPairs } from './evaluate';
import { loadRatings, subsetCoo } from './load';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, rounds: { type: 'string', default: '2' } } });
const seed = Number(values.seed);
const { coo } = loadRatings(MOVIELENS_DIR);
const fold = kFoldAssignment(coo.rating.length, 5, seed);
const splits: { train: RatingsCOO; test: RatingsCOO }[] = [];
for (let f = 0; f < 5; f++) splits.push({ train: subsetCoo(coo, (k) => fold[k] !== f), test: subsetCoo(coo, (k) => fold[k] === f) });

/** Options that need a retrain when they change. */
const TRAIN_KEYS: readonly (keyof CfOptions)[] = ['regItem', 'regUser', 'shrinkage', 'maxNeighbours', 'minSupport'];
const GRID: Partial<Record<keyof CfOptions, number[]>> = {
  regItem: [1, 2, 3, 5, 8],
  regUser: [2, 3, 5, 8, 12],
  shrinkage: [50, 100, 150],
  maxNeighbours: [50, 100, 200],
  k: [20, 30, 40, 60],
  damping: [0.1, 0.2, 0.3, 0.5],
  itemWeight: [0.6, 0.7, 0.8, 0.9, 1],
  userWeight: [0, 0.3, 0.4, 0.5, 0.6, 0.7],
  userK: [20, 40, 60, 100],
  userShrinkage: [50, 100, 200],
  userDamping: [0.1, 0.3, 0.5, 1],
};

const modelCache = new Map<string, CfModel[]>();
function models(o: CfOptions): CfModel[] {
  const key = TRAIN_KEYS.map((k) => o[k]).join(',');
  let ms = modelCache.get(key);
  if (!ms) {
    ms = splits.map((s) => trainCf(s.train, o));
    modelCache.set(key, ms);
  }
  return ms;
}
function score(o: CfOptions): number {
  const ms = models(o);
  let total = 0;
  splits.forEach((s, f) => {
    const model = { ...ms[f]!, options: o };
    total += rmse(predictPairs(model, s.test.user, s.test.item), s.test.rating) / splits.length;
  });
  return total;
}

let best: CfOptions = { ...DEFAULT_CF_OPTIONS };
let bestScore = score(best);
console.log(`seed ${seed}; start (current defaults): RMSE ${bestScore.toFixed(4)}`);
for (let round = 0; round < Number(values.rounds); round++) {
  let improved = false;
  for (const [key, grid] of Object.entries(GRID) as [keyof CfOptions, number[]][]) {
    const line: string[] = [];
    for (const v of grid) {
      if (v === best[key]) {
        line.push(`${v}:${bestScore.toFixed(4)}*`);
        continue;
      }
      const o = { ...best, [key]: v };
      const s = score(o);
      line.push(`${v}:${s.toFixed(4)}`);
      if (s < bestScore - 1e-5) {
        best = o;
        bestScore = s;
        improved = true;
      }
    }
    console.log(`round ${round + 1} ${key.padEnd(14)} ${line.join('  ')}`);
  }
  if (!improved) break;
}
console.log(`best RMSE ${bestScore.toFixed(4)} with`, JSON.stringify(best));

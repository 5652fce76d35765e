import { describe, expect, it } from 'vitest';
import { EXPLORATION_MESSAGE, explainPick, MIN_CONTRIBUTION } from './explain';
import { blockOffsets, cyclicTime, featureShape, jointFeatures, type ActionFeatures, type BanditContext, type FeatureSpec } from './features';
import { createBandit } from './state';

const spec: FeatureSpec = { genres: 3, embedding: 0, mood: 2 };
const labels = { genres: ['Comedy', 'Sci-Fi', 'Drama'], moods: ['Funny', 'Exciting'] };
const shape = featureShape(spec);
const off = blockOffsets(spec);
const sciFi: ActionFeatures = { genres: [0, 1, 0], embedding: [], mood: [0, 1], popularity: 0.5, quality: 0.2 };
const comedy: ActionFeatures = { genres: [1, 0, 0], embedding: [], mood: [1, 0], popularity: 0.5, quality: 0.2 };
const evening = cyclicTime(20, 3); // a Wednesday at 8 pm
const ctx: BanditContext = { taste: { genres: [0, 0.8, 0], embedding: [], mood: [0, 0.6], strength: 0.5, mean: 0.2 }, intent: null, time: evening };

/** A model that learned "sci-fi fans like sci-fi" and "exciting films in the evening", and rates quality. */
function model() {
  const s = createBandit({ shape, strategy: { kind: 'epsilon-greedy', epsilon: 0 } });
  const w = (row: number, col: number, v: number) => (s.mean[row * shape.action + col] = v);
  w(off.context.tasteGenre + 1, off.action.genre + 1, 0.5); // taste:Sci-Fi × genre:Sci-Fi
  w(off.context.tasteMood + 1, off.action.mood + 1, 0.4); // taste:Exciting × mood:Exciting
  w(off.context.time, off.action.mood + 1, -0.5); // hourSin × Exciting: sin(2π·20/24) ≈ −0.87, so +0.43 at 8 pm
  w(0, off.action.quality, 1); // quality
  return s;
}

describe('explainPick', () => {
  it('names the interaction that drove a pick: taste, genre, mood and the time of day', () => {
    const e = explainPick(spec, model(), jointFeatures(spec, ctx, sciFi), false, labels);
    expect(e).toMatchObject({ kind: 'interaction', genre: 'sci-fi', mood: 'exciting', time: 'in the evening', taste: true });
    expect(e.text).toBe('You like exciting sci-fi in the evening');
    // taste:Sci-Fi 0.8 × 0.5 + taste:Exciting 0.6 × 0.4 + sin(8 pm) × −0.5
    if (e.kind === 'interaction') expect(e.contribution).toBeCloseTo(0.4 + 0.24 - 0.5 * Math.sin((2 * Math.PI * 20) / 24), 12);
  });

  it('leaves the time out when it did not count, and says "something different" for exploration', () => {
    const noon: BanditContext = { ...ctx, time: cyclicTime(0, 3) }; // sin(0 h) = 0: the time weight adds nothing
    expect(explainPick(spec, model(), jointFeatures(spec, noon, sciFi), false, labels).text).toBe('You like exciting sci-fi');
    expect(explainPick(spec, model(), jointFeatures(spec, ctx, sciFi), true, labels)).toEqual({ kind: 'explore', text: EXPLORATION_MESSAGE });
  });

  it('never says "you like" for a taste the user does not have', () => {
    const s = model();
    // A positive weight on taste:Comedy × Comedy, but this user's Comedy taste is −0.5 and centring
    // on an average taste of +0.3 would make it look like a contribution.
    s.mean[(off.context.tasteGenre + 0) * shape.action + off.action.genre + 0] = -0.5;
    s.center[off.context.tasteGenre + 0] = 0.3;
    const dislikes: BanditContext = { ...ctx, taste: { ...ctx.taste, genres: [-0.5, 0.8, 0] } };
    expect(explainPick(spec, s, jointFeatures(spec, dislikes, comedy), false, labels).kind).toBe('general');
  });

  it('falls back to a general reason when no interaction adds at least MIN_CONTRIBUTION', () => {
    const e = explainPick(spec, model(), jointFeatures(spec, ctx, comedy), false, labels);
    expect(e.kind).toBe('general');
    expect(MIN_CONTRIBUTION).toBeGreaterThan(0);
  });
});

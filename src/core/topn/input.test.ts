import { describe, expect, it } from 'vitest';
import { feedbackToInteractions, recencyWeight, TOPN_DEFAULTS, withRecency } from './input';

const NO_RECENCY = { halfLife: 0, floor: 1 };

describe('feedback → top-N model input', () => {
  it('maps like to +1, click to +¼ and dislike to −½; the latest verdict wins; clicks only without a verdict', () => {
    const x = feedbackToInteractions(
      [
        { item: 1, kind: 'like', at: 1 },
        { item: 2, kind: 'click', at: 2 },
        { item: 2, kind: 'click', at: 3 },
        { item: 3, kind: 'like', at: 4 },
        { item: 3, kind: 'dislike', at: 5 },
        { item: 4, kind: 'click', at: 6 },
        { item: 4, kind: 'like', at: 7 },
      ],
      { ...TOPN_DEFAULTS, recency: NO_RECENCY },
    );
    const byItem = new Map(x.map((r) => [r.item, r.value]));
    expect(byItem).toEqual(
      new Map([
        [1, 1],
        [2, 0.25],
        [3, -0.5],
        [4, 1],
      ]),
    );
  });

  it('weighs recent interactions more: floor + (1 − floor)·0.5^(n / halfLife) by position from the newest', () => {
    const r = { halfLife: 2, floor: 0.2 };
    expect(recencyWeight(0, r)).toBe(1);
    expect(recencyWeight(2, r)).toBeCloseTo(0.6, 12);
    expect(recencyWeight(1000, r)).toBeCloseTo(0.2, 12);
    const x = withRecency(
      [
        { item: 5, value: 1, at: 10 },
        { item: 9, value: 1, at: 30 },
        { item: 7, value: -0.5, at: 20 },
        { item: 8, value: 1, at: 30 }, // tie with 9: the higher item index counts as later
      ],
      r,
    );
    expect(x.map((e) => e.item)).toEqual([9, 8, 7, 5]);
    expect(x[1]!.value).toBeCloseTo(0.2 + 0.8 * Math.SQRT1_2, 12);
    expect(x[2]!.value).toBeCloseTo(-0.5 * 0.6, 12);
  });
});

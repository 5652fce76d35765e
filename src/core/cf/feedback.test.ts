import { describe, expect, it } from 'vitest';
import { feedbackToRatings } from './feedback';

describe('feedbackToRatings', () => {
  it('maps likes, dislikes and clicks', () => {
    expect(
      feedbackToRatings([
        { item: 7, kind: 'like', at: 1 },
        { item: 3, kind: 'dislike', at: 2 },
        { item: 5, kind: 'click', at: 3 },
      ]),
    ).toEqual([
      { item: 3, rating: 1.5 },
      { item: 5, rating: 4, weight: 0.25 },
      { item: 7, rating: 4.5 },
    ]);
  });
  it('lets the latest verdict win and verdicts override clicks', () => {
    expect(
      feedbackToRatings([
        { item: 1, kind: 'like', at: 10 },
        { item: 1, kind: 'dislike', at: 20 },
        { item: 2, kind: 'dislike', at: 30 },
        { item: 2, kind: 'like', at: 25 },
        { item: 4, kind: 'click', at: 1 },
        { item: 4, kind: 'click', at: 2 },
        { item: 4, kind: 'like', at: 0 },
      ]),
    ).toEqual([
      { item: 1, rating: 1.5 },
      { item: 2, rating: 1.5 },
      { item: 4, rating: 4.5 },
    ]);
  });
  it('accepts a custom mapping and an empty history', () => {
    expect(feedbackToRatings([{ item: 0, kind: 'click', at: 0 }], { click: 3.8, clickWeight: 0.5 })).toEqual([{ item: 0, rating: 3.8, weight: 0.5 }]);
    expect(feedbackToRatings([])).toEqual([]);
  });
});

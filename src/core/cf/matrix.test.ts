import { describe, expect, it } from 'vitest';
import { CfError } from './errors';
import { buildRatingMatrix, cooFromTriples as cooOf } from './matrix';

describe('buildRatingMatrix', () => {
  const coo = cooOf(3, 4, [
    [2, 1, 3],
    [0, 3, 4],
    [0, 1, 5],
    [1, 1, 2],
    [2, 0, 1],
  ]);

  it('lays ratings out by user (items ascending) and by item (users ascending)', () => {
    const m = buildRatingMatrix(coo);
    expect([...m.rowPtr]).toEqual([0, 2, 3, 5]);
    expect([...m.rowItem]).toEqual([1, 3, 1, 0, 1]);
    expect([...m.rowRating]).toEqual([5, 4, 2, 1, 3]);
    expect([...m.colPtr]).toEqual([0, 1, 4, 4, 5]);
    expect([...m.colUser]).toEqual([2, 0, 1, 2, 0]);
    // colToRow / rowToCol are inverse permutations pointing at the same rating.
    for (let c = 0; c < m.nnz; c++) expect(m.rowToCol[m.colToRow[c]!]).toBe(c);
    expect([...m.colToRow].map((q) => m.rowRating[q])).toEqual([1, 5, 2, 3, 4]);
    expect(m.rowWeight).toBeNull();
  });

  it('appends extra users after the community with their weights', () => {
    const m = buildRatingMatrix(coo, [[{ item: 2, rating: 4.5 }, { item: 0, rating: 4, weight: 0.25 }]]);
    expect(m.nUsers).toBe(4);
    expect([...m.rowItem.subarray(m.rowPtr[3]!, m.rowPtr[4]!)]).toEqual([0, 2]);
    expect([...m.rowWeight!.subarray(m.rowPtr[3]!, m.rowPtr[4]!)]).toEqual([0.25, 1]);
    expect([...m.rowWeight!.subarray(0, m.rowPtr[3]!)].every((w) => w === 1)).toBe(true);
  });

  it('rejects duplicates, bad indices and bad weights with CfError', () => {
    expect(() => buildRatingMatrix(cooOf(1, 2, [[0, 1, 3], [0, 1, 4]]))).toThrow(/rated item 1 twice/);
    expect(() => buildRatingMatrix(cooOf(1, 2, [[0, 2, 3]]))).toThrow(CfError);
    expect(() => buildRatingMatrix(cooOf(1, 2, [[1, 0, 3]]))).toThrow(/nUsers/);
    expect(() => buildRatingMatrix(cooOf(1, 2, [[0, 0, Number.NaN]]))).toThrow(/finite/);
    expect(() => buildRatingMatrix(cooOf(1, 2, []), [[{ item: 0, rating: 3, weight: 0 }]])).toThrow(/weight/);
    expect(() => buildRatingMatrix(cooOf(1, 2, []), [[{ item: 1.5, rating: 3 }]])).toThrow(/outside/);
  });

  it('handles an empty matrix', () => {
    const m = buildRatingMatrix(cooOf(2, 3, []));
    expect(m.nnz).toBe(0);
    expect([...m.rowPtr]).toEqual([0, 0, 0]);
    expect([...m.colPtr]).toEqual([0, 0, 0, 0]);
  });
});

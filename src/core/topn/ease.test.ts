import { describe, expect, it } from 'vitest';
import { cooFromTriples } from '../cf/matrix';
import { createRng } from '../random';
import { assertEaseModel, easeContributions, easeRow, easeScores, invertSpd, trainEase, type Interaction } from './ease';

/** Dense item-space EASE (the paper's formula) for checking: B = I − P diagMat(1/diag P), P = (XᵀX + λI)⁻¹. */
function denseB(X: number[][], nItems: number, lambda: number): number[][] {
  const G = new Float64Array(nItems * nItems);
  for (const row of X) for (let i = 0; i < nItems; i++) for (let j = 0; j < nItems; j++) G[i * nItems + j]! += row[i]! * row[j]!;
  for (let i = 0; i < nItems; i++) G[i * nItems + i]! += lambda;
  const P = invertSpd(G, nItems);
  return Array.from({ length: nItems }, (_, i) => Array.from({ length: nItems }, (_, j) => (i === j ? 0 : -P[i * nItems + j]! / P[j * nItems + j]!)));
}

describe('invertSpd', () => {
  it('inverts a 3×3 SPD matrix', () => {
    const a = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]);
    const inv = invertSpd(a.slice(), 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += a[i * 3 + k]! * inv[k * 3 + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });
  it('refuses a matrix that is not positive definite', () => {
    expect(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });
});

describe('EASE in user space (Woodbury) equals the dense item-space formula', () => {
  // 7 users × 9 items, random ratings; item 8 has no ratings.
  const rng = createRng(3);
  const triples: [number, number, number][] = [];
  for (let u = 0; u < 7; u++) for (let i = 0; i < 8; i++) if (rng() < 0.45) triples.push([u, i, 0.5 + Math.floor(rng() * 10) / 2]);
  const coo = cooFromTriples(7, 9, triples);
  const value = (r: number) => (r >= 3.5 ? 1 : 0.4);
  const lambda = 2.5;
  const model = trainEase(coo, { lambda, value });
  const X = Array.from({ length: 7 }, () => new Array<number>(9).fill(0));
  for (const [u, i, r] of triples) X[u]![i] = Math.fround(value(r)); // the model stores X in float32
  const B = denseB(X, 9, lambda);

  it('gives the same scores for a new user with real-valued (also negative) interactions', () => {
    const x: Interaction[] = [
      { item: 0, value: 1 },
      { item: 3, value: 0.7 },
      { item: 5, value: -0.5 },
    ];
    const s = easeScores(model, x);
    for (let j = 0; j < 9; j++) {
      const want = x.reduce((acc, r) => acc + r.value * B[r.item]![j]!, 0);
      expect(s[j]).toBeCloseTo(want, 10);
    }
    expect(s[8]).toBe(0); // no raters, no score
  });

  it('gives B rows and per-item contributions that sum to the score', () => {
    for (let i = 0; i < 9; i++) {
      const row = easeRow(model, i);
      for (let j = 0; j < 9; j++) expect(row[j]).toBeCloseTo(B[i]![j]!, 10);
    }
    const x: Interaction[] = [
      { item: 1, value: 1 },
      { item: 2, value: 1 },
      { item: 6, value: -0.5 },
    ];
    const s = easeScores(model, x);
    const c = easeContributions(model, x, 4);
    expect(c[0]).toBeCloseTo(B[1]![4]!, 10);
    expect(c[2]).toBeCloseTo(-0.5 * B[6]![4]!, 10);
    expect(c[0]! + c[1]! + c[2]!).toBeCloseTo(s[4]!, 10);
  });

  it('survives a structured clone and rejects other objects', () => {
    const copy = structuredClone(model);
    assertEaseModel(copy);
    expect(easeScores(copy, [{ item: 0, value: 1 }])[3]).toBeCloseTo(B[0]![3]!, 10);
    expect(() => assertEaseModel({ kind: 'recostream-ease', version: 0 })).toThrow(/version/);
    expect(() => assertEaseModel({ ...model, lambdaDiagP: new Float64Array(2) })).toThrow(/wrong sizes/);
  });

  it('rejects bad input with a clear message', () => {
    expect(() => easeScores(model, [{ item: 99, value: 1 }])).toThrow(/item 99 outside 0..8/);
    expect(() => trainEase(coo, { lambda: 0 })).toThrow(/λ must be > 0/);
  });
});

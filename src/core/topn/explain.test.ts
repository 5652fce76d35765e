import { describe, expect, it } from 'vitest';
import { cooFromTriples } from '../cf/matrix';
import { createRng } from '../random';
import { trainEase, type EaseModel, type Interaction } from './ease';
import { Attribution, AttributionCache, topContributorOf } from './explain';
import { referenceContributions, referenceTop } from './explain-reference';

/** A random model where some items share their raters exactly (equal parts: ties), some have none. */
function randomModel(seed: number, nUsers: number, nItems: number, lambda: number): EaseModel {
  const rng = createRng(seed);
  const triples: [number, number, number][] = [];
  for (let i = 0; i < nItems - 2; i++) {
    if (i % 7 === 3) {
      // A copy of the item before: the same raters, the same ratings.
      for (const [u, j, r] of triples.filter((x) => x[1] === i - 1)) if (j === i - 1) triples.push([u, i, r]);
      continue;
    }
    const density = i % 5 === 0 ? 0.6 : 0.12;
    for (let u = 0; u < nUsers; u++) if (rng() < density) triples.push([u, i, 0.5 + Math.floor(rng() * 10) / 2]);
  }
  return trainEase(cooFromTriples(nUsers, nItems, triples), { lambda, value: (r) => (r >= 3.5 ? 1 : 0.5) });
}

/** Liked interactions as the engine makes them: distinct items, values from the recency weights (many exactly 0.5). */
function randomLikes(rng: () => number, nItems: number, count: number): Interaction[] {
  const items = new Set<number>();
  while (items.size < count) items.add(Math.floor(rng() * nItems));
  return [...items].map((item, n) => ({ item, value: 0.5 + 0.5 * Math.pow(0.5, (n * 12) / 5) }));
}

describe('Attribution: the same answers as the full scan', () => {
  for (const [seed, nUsers, nItems, lambda] of [
    [1, 40, 80, 2],
    [2, 25, 120, 10],
    [3, 60, 50, 0.5],
  ] as const) {
    it(`top, isTop and contributions equal the reference on random profiles (model ${seed}: ${nUsers} users, ${nItems} items, λ ${lambda})`, () => {
      const model = randomModel(seed, nUsers, nItems, lambda);
      const rng = createRng(100 + seed);
      // One cache for the whole sequence, tiny, so that images and parts are dropped and recomputed.
      const small = new AttributionCache(model, { images: 3, parts: 40 });
      const large = new AttributionCache(model);
      let checked = 0;
      for (let profile = 0; profile < 25; profile++) {
        const liked = randomLikes(rng, nItems, 1 + Math.floor(rng() * 30));
        for (const cache of [small, large]) {
          const a = new Attribution(model, liked, cache);
          const b = new Attribution(model, liked, cache);
          for (let j = 0; j < nItems; j++) {
            const want = referenceTop(model, liked, j);
            // isTop first on `b` (its answers are cached and reused by top), top on `a`.
            for (const { item } of liked) expect(b.isTop(j, item), `isTop(${j}, ${item})`).toBe(want?.item === item);
            expect(a.top(j), `top(${j})`).toEqual(want);
            expect(b.top(j), `top(${j}) after isTop`).toEqual(want);
            expect(a.contributions(j)).toEqual(referenceContributions(model, liked, j));
            checked++;
          }
        }
      }
      expect(checked).toBe(2 * 25 * nItems);
      expect(small.held.images).toBeLessThanOrEqual(3);
    });
  }

  it('visits far fewer liked movies than the full scan on a model with many items', () => {
    const model = randomModel(7, 50, 400, 5);
    const liked = randomLikes(createRng(8), 400, 150);
    const a = new Attribution(model, liked);
    for (let j = 0; j < 400; j++) expect(a.top(j)).toEqual(referenceTop(model, liked, j));
    expect(a.visited).toBeLessThan(400 * 150);
  });

  it('one cache for many profiles (an engine serving others): slots start afresh, and an older attribution still answers right', () => {
    const model = randomModel(9, 40, 900, 4);
    const rng = createRng(10);
    const cache = new AttributionCache(model);
    const first = randomLikes(rng, 900, 20);
    const a0 = new Attribution(model, first, cache);
    for (let j = 0; j < 900; j += 7) expect(a0.top(j)).toEqual(referenceTop(model, first, j));
    const generation = cache.generation;
    for (let profile = 0; profile < 10; profile++) {
      const liked = randomLikes(rng, 900, 150);
      const a = new Attribution(model, liked, cache);
      for (let j = 0; j < 900; j += 5) expect(a.top(j), `profile ${profile}, top(${j})`).toEqual(referenceTop(model, liked, j));
    }
    expect(cache.generation).toBeGreaterThan(generation);
    // a0 was prepared in an older generation: it takes new slots and gives the same answers.
    for (let j = 1; j < 900; j += 7) expect(new Attribution(model, first, cache).top(j)).toEqual(a0.top(j));
    for (let j = 3; j < 900; j += 11) for (const { item } of first) expect(a0.isTop(j, item)).toBe(referenceTop(model, first, j)?.item === item);
  });

  it('with a movie liked twice, isTop agrees with top', () => {
    const model = randomModel(4, 30, 40, 3);
    const liked = [
      { item: 5, value: 0.6 },
      { item: 9, value: 1 },
      { item: 5, value: 1.2 },
    ];
    const a = new Attribution(model, liked);
    for (let j = 0; j < 40; j++) {
      const want = referenceTop(model, liked, j);
      expect(a.top(j)).toEqual(want);
      for (const s of [5, 9]) expect(new Attribution(model, liked).isTop(j, s)).toBe(want?.item === s);
    }
  });

  it('refuses items outside the model and a cache of another model', () => {
    const model = randomModel(5, 10, 20, 1);
    expect(() => new Attribution(model, [{ item: 20, value: 1 }])).toThrow(/outside/);
    expect(() => new Attribution(model, [], new AttributionCache(randomModel(6, 10, 20, 1)))).toThrow(/another model/);
    expect(() => new AttributionCache(model, { images: 0 })).toThrow(/positive integer/);
    expect(topContributorOf(model, [], 3)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { Genre, MovieIndexEntry, RatingsCOO } from '../catalogue/types';
import { createRng } from '../random';
import { assignTaste, buildTasteModel, summariseModel } from './model';

const GROUPS: Genre[] = ['Horror', 'Romance', 'Sci-Fi'];
// 12 movies, 4 per genre: ids 1–4 horror, 5–8 romance, 9–12 sci-fi.
const MOVIES: MovieIndexEntry[] = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, title: `Film ${i + 1}`, year: 2000, genres: [GROUPS[Math.floor(i / 4)]!], n: 30, mean: 3 }));

/** 30 members, 10 per group: they rate 3 random films of their genre 4.5–5 and 3 others 1–2.5. */
function community(seed: number): RatingsCOO {
  const rng = createRng(seed);
  const user: number[] = [];
  const item: number[] = [];
  const rating: number[] = [];
  for (let u = 0; u < 30; u++) {
    const g = u % 3;
    const own = [0, 1, 2, 3].map((j) => g * 4 + j).filter((_, j) => j !== Math.floor(rng() * 4));
    const other = [0, 1, 2].map(() => {
      const h = (g + 1 + Math.floor(rng() * 2)) % 3;
      return h * 4 + Math.floor(rng() * 4);
    });
    const add = (i: number, r: number) => {
      user.push(u);
      item.push(i);
      rating.push(r);
    };
    for (const i of own) add(i, 4.5 + Math.round(rng()) / 2);
    for (const i of new Set(other)) add(i, 1 + Math.round(rng() * 3) / 2);
  }
  return { nUsers: 30, nItems: 12, user: Uint16Array.from(user), item: Uint16Array.from(item), rating: Float32Array.from(rating), time: new Uint32Array(user.length) };
}

const OPTIONS = { selectK: { kMin: 2, kMax: 5, seed: 4, restarts: 2 } };

describe('buildTasteModel', () => {
  const data = { movies: MOVIES, ratings: community(1), moods: null };
  const model = buildTasteModel(data, OPTIONS);

  it('finds the three planted taste groups and names each after its genre', () => {
    expect(model.k).toBe(3);
    expect(model.sizes).toEqual([10, 10, 10]);
    for (let u = 0; u < 30; u++) expect(model.labels[u]).toBe(model.labels[u % 3]);
    const labelOf = (u: number) => model.clusters[model.labels[u]!]!.label;
    expect([labelOf(0), labelOf(1), labelOf(2)]).toEqual(['horror fans', 'romance fans', 'sci-fi fans']);
  });

  it('is deterministic: the same data and seed give identical labels and words', () => {
    const again = buildTasteModel({ movies: MOVIES, ratings: community(1), moods: null }, OPTIONS);
    expect([...again.labels]).toEqual([...model.labels]);
    expect(again.clusters).toEqual(model.clusters);
    expect(summariseModel(again)).toEqual(summariseModel(model));
  });

  it('places a local profile in the matching cluster and recommends what its members loved, unrated only', () => {
    const events = [
      { movieId: 9, kind: 'like' as const, at: 1 },
      { movieId: 10, kind: 'like' as const, at: 2 },
      { movieId: 1, kind: 'dislike' as const, at: 3 },
      { movieId: 11, kind: 'click' as const, at: 4 },
    ];
    const a = assignTaste(model, MOVIES, events);
    expect(a.status).toBe('assigned');
    if (a.status !== 'assigned') return;
    expect(a.label).toBe('sci-fi fans');
    expect(a.similarity).toBeGreaterThan(0.9);
    const ids = a.recommendations.map((r) => r.movieId);
    expect(ids).not.toContain(9);
    expect(ids).not.toContain(10);
    expect(ids).not.toContain(1);
    // Sci-fi films 11 and 12 are the ones the cluster rates highest (clicked ≠ rated, so 11 stays).
    expect(ids.slice(0, 2).sort()).toEqual([11, 12]);
    expect(a.recommendations[0]!.reasons).toEqual([{ kind: 'cluster', label: 'sci-fi fans' }]);
  });

  it('waits for a few movies before placing a profile', () => {
    expect(assignTaste(model, MOVIES, [{ movieId: 9, kind: 'like', at: 1 }])).toEqual({ status: 'too-little', movies: 1, needed: 3 });
  });
});

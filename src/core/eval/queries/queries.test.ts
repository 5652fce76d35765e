import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../query/parse';
import { MOOD_QUERIES, SEMANTIC_QUERIES } from './index';

describe('labelled query sets', () => {
  it('have the promised sizes', () => {
    expect(SEMANTIC_QUERIES.queries.length).toBeGreaterThanOrEqual(40);
    expect(MOOD_QUERIES.queries.length).toBeGreaterThanOrEqual(20);
    expect(JSON.stringify(SEMANTIC_QUERIES).length + JSON.stringify(MOOD_QUERIES).length).toBeLessThan(200_000);
  });
  it('are well formed: unique ids, sorted unique relevant ids, hold-out covering the source tags', () => {
    for (const set of [SEMANTIC_QUERIES, MOOD_QUERIES]) {
      expect(new Set(set.queries.map((q) => q.id)).size).toBe(set.queries.length);
      expect(set.tagsSha256).toMatch(/^[0-9a-f]{64}$/);
      for (const q of set.queries) {
        expect(q.relevant.length, q.id).toBeGreaterThanOrEqual(3);
        expect(q.relevant.every((id, i) => i === 0 || id > q.relevant[i - 1]!), q.id).toBe(true);
        for (const t of [...q.tags, ...(q.notTags ?? [])]) expect(q.holdOut, q.id).toContain(t);
      }
    }
  });
  it('mood queries all parse into at least one mood', () => {
    for (const q of MOOD_QUERIES.queries) expect(parseQuery(q.text).moods.length, q.text).toBeGreaterThan(0);
  });
  it('genre + mood queries parse into their genres', () => {
    for (const q of [...SEMANTIC_QUERIES.queries, ...MOOD_QUERIES.queries].filter((x) => x.genres?.length)) {
      const include = parseQuery(q.text).genres.include;
      for (const g of q.genres!) expect(include, q.text).toContain(g);
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { trainCf, type CfModel } from '../../src/core/cf/model';
import { RecoEngine } from '../../src/core/engine/engine';
import { priorWeights } from '../../src/core/hybrid/weights';
import { renderReasons } from '../../src/core/explain/reasons';
import { parseQuery } from '../../src/core/query/parse';
import { realData } from '../fixtures/real-data';

const STAR_WARS = 260;
const ALIEN = 1214;
const MATRIX = 2571;
const TOY_STORY = 1;

let model: CfModel;
beforeAll(() => {
  model = trainCf(realData().ratings);
}, 60_000); // about a second of CPU, but the test machine is shared

const engine = () => new RecoEngine({ catalogue: realData().catalogue, moods: null }, model);
const now = Date.UTC(2026, 10, 1);

describe('RecoEngine on MovieLens latest-small', () => {
  it('falls back to the quality ranking for a new user and says nothing personal', () => {
    const e = engine();
    expect(e.personalised).toBe(false);
    const picks = e.topPicks(priorWeights(), 10);
    expect(picks).toHaveLength(10);
    expect(picks.every((p) => p.features.cf === 0 && p.features.fresh === 0)).toBe(true);
    expect(picks.some((p) => p.reasons.some((r) => r.kind === 'liked-neighbour'))).toBe(false);
    // Widely seen, highly rated films lead.
    expect(picks.map((p) => p.movie.id)).toContain(318); // The Shawshank Redemption
  });

  it('turns three sci-fi likes into "Because you liked" rows of sci-fi neighbours', () => {
    const e = engine();
    e.setFeedback(
      [STAR_WARS, ALIEN, MATRIX].map((movieId, k) => ({ movieId, kind: 'like' as const, at: now - (3 - k) * 1000 })),
      now,
    );
    expect(e.personalised).toBe(true);
    const rows = e.becauseYouLiked(3, 10);
    expect(rows.map((r) => r.source.id)).toEqual([MATRIX, ALIEN, STAR_WARS]);
    for (const row of rows) {
      const scifi = row.items.filter((x) => x.movie.genres.includes('Sci-Fi')).length;
      expect(scifi, `${row.source.title}: ${row.items.map((x) => x.movie.title).join(', ')}`).toBeGreaterThanOrEqual(5);
      expect(row.items.map((x) => x.movie.id)).not.toContain(STAR_WARS);
    }
    const picks = e.topPicks(priorWeights(), 20);
    // About 10% of the catalogue is sci-fi; three sci-fi likes should pull a third of the top picks there.
    expect(picks.filter((p) => p.movie.genres.includes('Sci-Fi')).length).toBeGreaterThanOrEqual(7);
    const explained = picks.find((p) => p.reasons.some((r) => r.kind === 'liked-neighbour'))!;
    expect(renderReasons(explained.reasons)).toMatch(/^Because you liked (Star Wars|Alien|The Matrix)/);
  });

  it('leaves disliked movies out of search results and liked ones out of rows', () => {
    const e = engine();
    e.setFeedback(
      [
        { movieId: TOY_STORY, kind: 'dislike', at: now - 5 },
        { movieId: MATRIX, kind: 'like', at: now - 4 },
      ],
      now,
    );
    expect(e.search(parseQuery('toy story animation'), null, priorWeights(), 50).map((r) => r.movie.id)).not.toContain(TOY_STORY);
    expect(e.topPicks(priorWeights(), 50).map((r) => r.movie.id)).not.toContain(MATRIX);
    expect(e.moreLikeThis(MATRIX, 10).map((x) => x.movie.id)).not.toContain(TOY_STORY);
  });

  it('honours the genres of a query: "I want a feel-good sci-fi movie" returns sci-fi', () => {
    const top = engine().search(parseQuery('I want a feel-good sci-fi movie'), null, priorWeights(), 10);
    expect(top.filter((r) => r.movie.genres.includes('Sci-Fi')).length).toBe(10);
  });
});

describe('recommend({ userInput, k }) — the library API', () => {
  it('returns k results shaped like POST /recommend/ and rejects bad requests clearly', async () => {
    const { createRecommender, RecommendError } = await import('../../src/core/recommend');
    const recommend = createRecommender({ catalogue: realData().catalogue, vectors: null, moods: null, cf: model, embed: null, encoderId: null });
    const out = await recommend({ userInput: 'a funny animated movie for kids', k: 5 });
    expect(out).toHaveLength(5);
    for (const r of out) {
      expect(Object.keys(r).sort()).toEqual(['genres', 'movieId', 'reason', 'score', 'title', 'year']);
      expect(r.genres).toContain('Animation');
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThan(1);
    }
    await expect(recommend({ userInput: '   ', k: 5 })).rejects.toBeInstanceOf(RecommendError);
    await expect(recommend({ userInput: 'sci-fi', k: 0 })).rejects.toThrow('k must be a whole number from 1 to 100');
  });
});

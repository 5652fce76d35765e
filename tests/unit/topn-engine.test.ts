import { beforeAll, describe, expect, it } from 'vitest';
import { RecoEngine, topPicksWithoutModels, type FeedbackEvent } from '../../src/core/engine/engine';
import { assertRecoModels, decodeRecoModels, encodeRecoModels, trainRecoModels, type RecoModels } from '../../src/core/engine/models';
import { priorWeights } from '../../src/core/hybrid/weights';
import { createRng } from '../../src/core/random';
import { easeContributions, easeRow, easeScores } from '../../src/core/topn/ease';
import { Attribution, AttributionCache } from '../../src/core/topn/explain';
import { referenceImages, referenceTop } from '../../src/core/topn/explain-reference';
import { feedbackToInteractions } from '../../src/core/topn/input';
import { realData } from '../fixtures/real-data';

const STAR_WARS = 260;
const ALIEN = 1214;
const MATRIX = 2571;
const TOY_STORY = 1;
const LION_KING = 364;
const now = Date.UTC(2026, 10, 1);

let models: RecoModels;
beforeAll(() => {
  models = trainRecoModels(realData().ratings);
}, 60_000);

const engine = () => new RecoEngine({ catalogue: realData().catalogue, moods: null }, models.cf, models.ranking);
const idx = (movieId: number) => realData().catalogue.indexOf.get(movieId)!;
const likes = (ids: number[]): FeedbackEvent[] => ids.map((movieId, k) => ({ movieId, kind: 'like' as const, at: now - (ids.length - k) * 1000 }));

describe('the top-N model (EASE) behind the personal rows', () => {
  it('is trained on graded community interactions (≥ 3.5 stars: 1, lower: ½) and caches as one checked pair', () => {
    const { ranking } = models;
    const { ratings } = realData();
    expect(ranking.rowItem.length).toBe(ratings.rating.length);
    const low = ratings.rating.filter((r) => r < 3.5).length;
    expect(low).toBeGreaterThan(10_000);
    expect(ranking.rowValue.filter((v) => v === 0.5).length).toBe(low);
    expect(ranking.rowValue.filter((v) => v === 1).length).toBe(ratings.rating.length - low);
    // The value of one known rating: user 1 (index 0) gave Toy Story 4 stars.
    const u0 = ranking.rowItem.subarray(ranking.rowPtr[0]!, ranking.rowPtr[1]!);
    expect(ranking.rowValue[ranking.rowPtr[0]! + u0.indexOf(idx(TOY_STORY))]).toBe(1);
    assertRecoModels(structuredClone(models), realData().catalogue.movies.length);
    expect(() => assertRecoModels({ ...models, ranking: { ...models.ranking, version: 0 } }, realData().catalogue.movies.length)).toThrow(/version/);
    expect(() => assertRecoModels(models, 10)).toThrow(/retrain/);
  });

  it('ranks "Top picks" by EASE and names, for each "Because you liked", the liked movie that lifted the item most', () => {
    const e = engine();
    expect(e.rankingModel).toBe('ease');
    const events = likes([STAR_WARS, ALIEN, MATRIX, TOY_STORY]);
    e.setFeedback(events, now);
    const x = feedbackToInteractions(events.map((ev) => ({ item: idx(ev.movieId), kind: ev.kind, at: ev.at })));
    const picks = e.topPicks(priorWeights(), 20);
    const explained = picks.filter((p) => p.reasons.some((r) => r.kind === 'liked-neighbour'));
    expect(explained.length).toBeGreaterThanOrEqual(5);
    for (const p of explained) {
      const c = easeContributions(models.ranking, x, p.index);
      let best = 0;
      for (let t = 1; t < c.length; t++) if (c[t]! > c[best]!) best = t;
      const named = p.reasons.find((r) => r.kind === 'liked-neighbour')!;
      expect(named.kind === 'liked-neighbour' && named.movieId, p.movie.title).toBe(realData().catalogue.movies[x[best]!.item]!.id);
    }
    // The CF feature is the EASE score, scaled by the best unrated one.
    const s = easeScores(models.ranking, x);
    expect(e.cfScore(picks[0]!.index)).toBeCloseTo(s[picks[0]!.index]!, 5);
  });

  it('fills each "Because you liked X" row only with movies X lifts most, on topic', () => {
    const e = engine();
    e.setFeedback(likes([STAR_WARS, ALIEN, MATRIX]), now);
    const rows = e.becauseYouLiked(3, 20);
    expect(rows.map((r) => r.source.id)).toEqual([MATRIX, ALIEN, STAR_WARS]);
    for (const row of rows) {
      expect(row.items.length, row.source.title).toBeGreaterThanOrEqual(5);
      for (const it of row.items) {
        expect(e.because(it.index), `${it.movie.title} in ${row.source.title}`).toBe(idx(row.source.id));
        expect(it.movie.genres.some((g) => row.source.genres.includes(g)), `${it.movie.title} shares a genre with ${row.source.title}`).toBe(true);
      }
      const scifi = row.items.filter((x) => x.movie.genres.includes('Sci-Fi')).length;
      expect(scifi, `${row.source.title}: ${row.items.map((x) => x.movie.title).join(', ')}`).toBeGreaterThanOrEqual(row.items.length / 2);
    }
  });

  it('pushes the movies a disliked one would lift down', () => {
    const base = likes([STAR_WARS, MATRIX, LION_KING]);
    const liked = engine();
    liked.setFeedback(base, now);
    const disliked = engine();
    disliked.setFeedback([...base, { movieId: TOY_STORY, kind: 'dislike', at: now }], now);
    // Toy Story's strongest EASE neighbours (e.g. Toy Story 2) score lower after the dislike…
    const row = easeRow(models.ranking, idx(TOY_STORY));
    const top = [...row.keys()].sort((a, b) => row[b]! - row[a]!).slice(0, 10);
    for (const i of top) expect(disliked.cfScore(i), realData().catalogue.movies[i]!.title).toBeLessThan(liked.cfScore(i));
    // …and fall in "Top picks".
    const rank = (e: RecoEngine) => {
      const ids = e.topPicks(priorWeights(), 200).map((p) => p.index);
      return top.reduce((acc, i) => acc + (ids.includes(i) ? ids.indexOf(i) : 200), 0);
    };
    expect(rank(disliked)).toBeGreaterThan(rank(liked));
  });

  it('"More like this" lists the movie\'s strongest EASE neighbours that share a genre (Toy Story → Toy Story 2)', () => {
    const more = engine().moreLikeThis(TOY_STORY, 20);
    expect(more).toHaveLength(20);
    expect(more.some((m) => m.movie.title.startsWith('Toy Story 2'))).toBe(true);
    const toy = realData().catalogue.movies[idx(TOY_STORY)]!;
    for (const m of more) expect(m.movie.genres.some((g) => toy.genres.includes(g)), m.movie.title).toBe(true);
  });

  it('after a run of likes, the rows and "More like this" equal a fresh engine\'s (neighbour lists kept between likes)', () => {
    const kept = engine();
    const ids = [STAR_WARS, ALIEN, MATRIX, TOY_STORY, LION_KING, 318, 296, 593, 2959, 50];
    for (let n = 1; n <= ids.length; n++) {
      const events = likes(ids.slice(0, n));
      kept.setFeedback(events, now);
      const rows = kept.becauseYouLiked(3, 20);
      const more = kept.moreLikeThis(ids[n - 1]!, 12);
      const fresh = engine();
      fresh.setFeedback(events, now);
      expect(rows).toEqual(fresh.becauseYouLiked(3, 20));
      expect(more).toEqual(fresh.moreLikeThis(ids[n - 1]!, 12));
      expect(rows.map((r) => r.source.id)).toEqual(ids.slice(Math.max(0, n - 3), n).reverse());
    }
  });

  it('names the same "Because you liked" source as the full scan on random profiles of up to 2,000 likes (caches kept across changes)', () => {
    const { catalogue } = realData();
    const rng = createRng(18);
    const kept = engine();
    const cache = new AttributionCache(models.ranking);
    const rated = catalogue.movies.map((m, i) => [m, i] as const).filter(([m]) => m.n > 0);
    const pick = () => rated[Math.floor(rng() * rated.length)]![0].id;
    let events: FeedbackEvent[] = [];
    for (const size of [1, 40, 400, 10_000, 10_001]) {
      // Likes, dislikes and clicks as the app stores them; the last profile is the one before plus one like.
      if (size === 10_001) events = [...events, { movieId: STAR_WARS, kind: 'like', at: now }];
      else events = Array.from({ length: size }, (_, k) => ({ movieId: pick(), kind: k % 5 === 0 ? 'like' : k % 7 === 0 ? 'dislike' : 'click', at: now - (size - k) * 60_000 }));
      kept.setFeedback(events, now);
      const mapped = events.map((ev) => ({ item: idx(ev.movieId), kind: ev.kind, at: ev.at }));
      const verdict = new Map<number, { kind: string; at: number }>();
      for (const e of mapped) if (e.kind !== 'click' && (verdict.get(e.item)?.at ?? -Infinity) <= e.at) verdict.set(e.item, e);
      const liked = feedbackToInteractions(mapped).filter((r) => verdict.get(r.item)?.kind === 'like');
      const y = referenceImages(models.ranking, liked);
      const tops = new Map<number, number>();
      const want = (i: number) => tops.get(i) ?? tops.set(i, referenceTop(models.ranking, liked, i, y)?.item ?? -1).get(i)!;
      // What the rows ask: the strongest EASE neighbours of the latest likes, and whether that like lifts them most.
      const attribution = new Attribution(models.ranking, liked, cache);
      const sources = [...verdict].filter(([, v]) => v.kind === 'like').sort((a, b) => b[1].at - a[1].at).slice(0, 3).map(([i]) => i);
      let asked = 0;
      for (const x of sources) {
        const row = easeRow(models.ranking, x);
        const near = [...row.keys()].filter((i) => row[i]! > 0).sort((a, b) => row[b]! - row[a]!).slice(0, 200);
        for (const i of near) {
          expect(attribution.isTop(i, x), `${size} events: is ${x} the top of ${i}?`).toBe(want(i) === x);
          expect(kept.because(i), `${size} events: because(${i})`).toBe(want(i));
          asked++;
        }
      }
      expect(asked).toBeGreaterThanOrEqual(sources.length * 100);
      // The rows and the reasons on Top picks: the same as a fresh engine's, each named source the full scan's.
      const rows = kept.becauseYouLiked(3, 20);
      const fresh = engine();
      fresh.setFeedback(events, now);
      expect(rows).toEqual(fresh.becauseYouLiked(3, 20));
      for (const r of rows) for (const it of r.items) expect(want(it.index), it.movie.title).toBe(idx(r.source.id));
      const picks = kept.topPicks(priorWeights(), 20);
      expect(picks).toEqual(fresh.topPicks(priorWeights(), 20));
      for (const p of picks) {
        const named = p.reasons.find((r) => r.kind === 'liked-neighbour');
        if (named?.kind === 'liked-neighbour') expect(idx(named.movieId), p.movie.title).toBe(want(p.index));
      }
    }
  }, 120_000);

  it('a personal retrain adds the user to both models', () => {
    const own = likes([STAR_WARS]).map((ev) => ({ item: idx(ev.movieId), kind: ev.kind, at: ev.at }));
    const mine = trainRecoModels(realData().ratings, own);
    expect(mine.ranking.nUsers).toBe(models.ranking.nUsers + 1);
    expect(mine.cf.nUsers).toBe(models.cf.nUsers + 1);
  }, 60_000);
});

describe('Top picks before the models are trained (first visit)', () => {
  const data = () => ({ catalogue: realData().catalogue, moods: null });

  it('are exactly the trained engine\'s Top picks for a user without feedback (same movies, order, scores and reasons)', () => {
    const before = topPicksWithoutModels(data(), [], priorWeights(), 20)!;
    const e = engine();
    e.setFeedback([], now);
    const after = e.topPicks(priorWeights(), 20);
    expect(before.length).toBe(20);
    expect(before.map((p) => p.movie.id)).toEqual(after.map((p) => p.movie.id));
    expect(before.map((p) => p.score)).toEqual(after.map((p) => p.score));
    expect(before.map((p) => p.reasons)).toEqual(after.map((p) => p.reasons));
    // Feedback on a movie outside the catalogue changes nothing either.
    expect(topPicksWithoutModels(data(), [{ movieId: -5, kind: 'like', at: now }], priorWeights(), 20)!.map((p) => p.movie.id)).toEqual(after.map((p) => p.movie.id));
  });

  it('are refused (null) once the user has feedback the models fold in: a like, a dislike or a click', () => {
    for (const kind of ['like', 'dislike', 'click'] as const) {
      expect(topPicksWithoutModels(data(), [{ movieId: STAR_WARS, kind, at: now }], priorWeights(), 20), kind).toBeNull();
    }
    // …and with a like the trained engine's picks do differ (so waiting for the models matters).
    const e = engine();
    e.setFeedback(likes([STAR_WARS, ALIEN]), now);
    const personal = e.topPicks(priorWeights(), 20).map((p) => p.movie.id);
    expect(personal).not.toEqual(topPicksWithoutModels(data(), [], priorWeights(), 20)!.map((p) => p.movie.id));
  });
});

describe('the community models\' byte form (the reco worker\'s cache)', () => {
  it('decodes to the same arrays, bit for bit, and an engine on them ranks exactly as one on the trained models', () => {
    const n = realData().catalogue.movies.length;
    const bytes = encodeRecoModels(models);
    expect(bytes.length).toBeGreaterThan(5e6);
    const back = decodeRecoModels(bytes, n);
    // Same structure and every array bit for bit: the decoded pair encodes to the same bytes.
    expect(Buffer.from(encodeRecoModels(back)).equals(Buffer.from(bytes))).toBe(true);
    expect(back.ranking.gramInv).toBeInstanceOf(Float64Array);
    expect(Buffer.from(back.ranking.gramInv.buffer).equals(Buffer.from(models.ranking.gramInv.buffer))).toBe(true);
    expect(Buffer.from(back.cf.neighbours.sim.buffer).equals(Buffer.from(models.cf.neighbours.sim.buffer))).toBe(true);
    expect({ ...back.cf.options, nUsers: back.cf.nUsers, mean: back.cf.globalMean }).toEqual({ ...models.cf.options, nUsers: models.cf.nUsers, mean: models.cf.globalMean });
    const trained = engine();
    const cached = new RecoEngine({ catalogue: realData().catalogue, moods: null }, back.cf, back.ranking);
    for (const e of [trained, cached]) e.setFeedback(likes([STAR_WARS, ALIEN, MATRIX]), now);
    const picks = (e: RecoEngine) => e.topPicks(priorWeights(), 20).map((p) => [p.movie.id, p.score, p.reasons]);
    expect(picks(cached)).toEqual(picks(trained));
    expect(picks(cached)[0]![1]).toBeGreaterThan(0);
    expect(cached.becauseYouLiked(3, 20)).toEqual(trained.becauseYouLiked(3, 20));
    expect(cached.moreLikeThis(TOY_STORY, 10)).toEqual(trained.moreLikeThis(TOY_STORY, 10));
  });

  it('refuses bytes that are damaged, cut short or for another catalogue (the worker then retrains)', () => {
    const n = realData().catalogue.movies.length;
    const bytes = encodeRecoModels(models);
    expect(() => decodeRecoModels(bytes.subarray(0, bytes.length - 8), n)).toThrow(/damaged/);
    const wrong = bytes.slice();
    wrong[0] = 0;
    expect(() => decodeRecoModels(wrong, n)).toThrow(/damaged/);
    expect(() => decodeRecoModels(bytes, n + 1)).toThrow(/retrain/);
    expect(() => decodeRecoModels(encodeRecoModels({ ...models, cf: { ...models.cf, version: 0 } }), n)).toThrow(/version/);
  });
});

/**
 * Content-only entries (extended catalogue) in the engine: collaborative filtering ignores them,
 * rating-based rows leave them out, search and "More like this" reach them by content.
 * The catalogue is the real MovieLens one plus a few content-only films appended as an extended
 * build appends them (same id range, after the rated movies, ratings widened).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCatalogue, type Catalogue } from '../../src/core/catalogue/catalogue';
import { extendedId, isContentOnly, widenRatings } from '../../src/core/catalogue/extended';
import { popular, topRated } from '../../src/core/catalogue/rows';
import { searchTitles } from '../../src/core/catalogue/search';
import type { Genre, MovieIndexEntry } from '../../src/core/catalogue/types';
import { RecoEngine, topPicksWithoutModels, type FeedbackEvent } from '../../src/core/engine/engine';
import { trainRecoModels, type RecoModels } from '../../src/core/engine/models';
import { priorWeights } from '../../src/core/hybrid/weights';
import { parseQuery } from '../../src/core/query/parse';
import { realData } from '../fixtures/real-data';

const STAR_WARS = 260;
const ALIEN = 1214;
const MATRIX = 2571;
const now = Date.UTC(2026, 10, 1);

const content = (href: string, title: string, year: number, genres: Genre[]): MovieIndexEntry => ({ id: extendedId(href), title, year, genres, n: 0, mean: 0, contentOnly: true });
const SOUL = content('Soul_(2020_film)', 'Soul', 2020, ['Animation', 'Children', 'Comedy']);
const TENET = content('Tenet_(film)', 'Tenet', 2020, ['Action', 'Sci-Fi', 'Thriller']);
const DUNE = content('Dune_(2021_film)', 'Dune', 2021, ['Adventure', 'Sci-Fi']);
const FREE_GUY = content('Free_Guy', 'Free Guy', 2021, ['Action', 'Comedy', 'Sci-Fi']);
const NOMADLAND = content('Nomadland', 'Nomadland', 2020, ['Drama']);
/** More 2021 films, so a 2021 year range has enough films to be kept (below CONSTRAINT_MIN it is relaxed). */
const DRAMAS_2021 = Array.from({ length: 10 }, (_, k) => content(`Drama_${k}_(2021_film)`, `Quiet Drama ${k}`, 2021, ['Drama']));
const EXTRA = [SOUL, TENET, DUNE, FREE_GUY, NOMADLAND, ...DRAMAS_2021];

let catalogue: Catalogue;
let models: RecoModels;
beforeAll(() => {
  catalogue = createCatalogue([...realData().catalogue.movies, ...EXTRA]);
  models = trainRecoModels(widenRatings(realData().ratings, catalogue.movies.length));
}, 120_000);

const engine = () => new RecoEngine({ catalogue, moods: null }, models.cf, models.ranking);
const idx = (id: number) => catalogue.indexOf.get(id)!;
const likes = (ids: number[]): FeedbackEvent[] => ids.map((movieId, k) => ({ movieId, kind: 'like' as const, at: now - (ids.length - k) * 1000 }));
const intent = (q: string) => parseQuery(q, { latestYear: catalogue.latestYear, context: { catalogue } });

describe('content-only entries and collaborative filtering', () => {
  it('the models span them with no community data: no neighbours, no EASE interactions', () => {
    expect(models.cf.nItems).toBe(catalogue.movies.length);
    expect(models.ranking.nItems).toBe(catalogue.movies.length);
    const { ptr } = models.cf.neighbours;
    for (const m of EXTRA) expect(ptr[idx(m.id) + 1]! - ptr[idx(m.id)]!, m.title).toBe(0);
    const items = new Set(models.ranking.rowItem);
    for (const m of EXTRA) expect(items.has(idx(m.id))).toBe(false);
  });

  it('feedback on them changes no CF score, and they score 0', () => {
    const plain = engine();
    plain.setFeedback(likes([STAR_WARS, ALIEN, MATRIX]), now);
    const mixed = engine();
    mixed.setFeedback([...likes([STAR_WARS, ALIEN, MATRIX]), ...likes([TENET.id, DUNE.id]), { movieId: SOUL.id, kind: 'dislike', at: now }], now);
    let moved = 0;
    for (let i = 0; i < catalogue.movies.length; i++) if (plain.cfScore(i) !== mixed.cfScore(i)) moved++;
    expect(moved).toBe(0);
    for (const m of EXTRA) expect(mixed.cfScore(idx(m.id))).toBe(0);
    expect(plain.cfScore(idx(1196))).toBeGreaterThan(0); // Empire Strikes Back: the likes do reach CF
    // …but the feedback is the user's: liked and disliked content-only films count as rated.
    expect([...mixed.rated()]).toEqual(expect.arrayContaining([TENET.id, DUNE.id, SOUL.id]));
  });
});

describe('rows that need ratings', () => {
  it('Popular and Top rated (overall and per genre) never show content-only entries', () => {
    for (const row of [popular(catalogue, { limit: 100 }), topRated(catalogue, { limit: 200 }), topRated(catalogue, { genre: 'Sci-Fi', limit: 500 })]) {
      expect(row.length).toBeGreaterThan(50);
      expect(row.filter(isContentOnly)).toEqual([]);
    }
    // Even a catalogue where a content-only film would otherwise rank first.
    const tiny = createCatalogue([realData().catalogue.movies[0]!, { ...DUNE, mean: 5, n: 0 }]);
    expect(topRated(tiny).map((m) => m.id)).toEqual([realData().catalogue.movies[0]!.id]);
  });

  it('Top picks and "Because you liked" leave them out, even when the user liked one (no empty row for it)', () => {
    const e = engine();
    e.setFeedback([...likes([STAR_WARS, MATRIX]), ...likes([TENET.id])], now);
    const picks = e.topPicks(priorWeights(), 200);
    expect(picks.length).toBe(200);
    expect(picks.filter((p) => isContentOnly(p.movie))).toEqual([]);
    const rows = e.becauseYouLiked(3, 20);
    expect(rows.map((r) => r.source.id).sort()).toEqual([STAR_WARS, MATRIX].sort());
    for (const r of rows) expect(r.items.filter((x) => isContentOnly(x.movie))).toEqual([]);
  });
});

describe('content-only entries by content', () => {
  it('are found by year (no MovieLens film is from 2020–2021), genre and title', () => {
    const e = engine();
    const items = e.search(intent('sci-fi movies from 2021'), null, priorWeights(), 10);
    expect(items.length).toBe(10);
    expect(items.every((x) => x.movie.year === 2021)).toBe(true);
    expect(items.slice(0, 2).map((x) => x.movie.title).sort()).toEqual(['Dune', 'Free Guy']);
    expect(searchTitles(catalogue, 'nomadlnd', 3)[0]?.movie.id).toBe(NOMADLAND.id);
  });

  it('"More like this" for a content-only film is by content: its genres, disliked ones left out', () => {
    const e = engine();
    const like = e.moreLikeThis(TENET.id, 20);
    expect(like.length).toBe(20);
    for (const x of like) expect(x.movie.genres.some((g) => TENET.genres.includes(g)), x.movie.title).toBe(true);
    expect(like.map((x) => x.movie.id)).not.toContain(TENET.id);
    const top = like[0]!.movie;
    e.setFeedback([{ movieId: top.id, kind: 'dislike', at: now }], now);
    expect(e.moreLikeThis(TENET.id, 20).map((x) => x.movie.id)).not.toContain(top.id);
  });

  it('a rated movie\'s "More like this" keeps its co-rated neighbours first and gives its last quarter to on-topic content-only films', () => {
    const e = engine();
    const list = e.moreLikeThis(MATRIX, 12);
    expect(list.length).toBe(12);
    // The Matrix is Action|Sci-Fi|Thriller: Tenet (the same genres, 1.0) and Free Guy (Action|Comedy|Sci-Fi,
    // 0.5) are on topic; Dune (Adventure|Sci-Fi, 0.25) is not. Three slots, two films: the rest stays co-rated.
    expect(list.slice(10).map((x) => x.movie.title)).toEqual(['Tenet', 'Free Guy']);
    expect(list.slice(0, 10).filter((x) => isContentOnly(x.movie))).toEqual([]);
    // Below 4 slots no quarter is given: the co-rated list, the same head.
    expect(e.moreLikeThis(MATRIX, 3).map((x) => x.movie.id)).toEqual(list.slice(0, 3).map((x) => x.movie.id));
    // Toy Story's list ends with Soul (Animation|Children|Comedy), and with no drama.
    const toy = e.moreLikeThis(1, 12);
    expect(toy.slice(9).map((x) => x.movie.id)).toContain(SOUL.id);
    expect(toy.map((x) => x.movie.id)).not.toContain(NOMADLAND.id);
  });

  it('"like <title>" resolves a content-only title and ranks by content similarity', () => {
    const q = intent('movies like Tenet');
    expect(q.like?.movieId).toBe(TENET.id);
    const items = engine().search(q, null, priorWeights(), 10);
    expect(items.length).toBe(10);
    expect(items.map((x) => x.movie.id)).not.toContain(TENET.id);
    for (const x of items) expect(x.movie.genres.some((g) => TENET.genres.includes(g)), x.movie.title).toBe(true);
  });
});

describe('Top picks before the models are trained, on an extended catalogue', () => {
  it('leave content-only entries out, exactly as the trained engine does (every item ranked)', () => {
    const k = catalogue.movies.length;
    const before = topPicksWithoutModels({ catalogue, moods: null }, [], priorWeights(), k)!;
    const e = engine();
    e.setFeedback([], now);
    const after = e.topPicks(priorWeights(), k);
    expect(before.some((p) => p.movie.contentOnly)).toBe(false);
    expect(before.length).toBe(k - EXTRA.length);
    expect(before.map((p) => p.movie.id)).toEqual(after.map((p) => p.movie.id));
  });

  it('ranked from the MovieLens part alone (the page\'s index before the extended part arrives) are the trained engine\'s 20', () => {
    // The page ranks a profile's first Top picks from its own catalogue, which in an extended build
    // is the MovieLens index until catalogue-extended.json arrives; the worker's engine spans both.
    const base = createCatalogue(realData().catalogue.movies);
    const page = topPicksWithoutModels({ catalogue: base, moods: null }, [], priorWeights(), 20)!;
    const e = engine();
    e.setFeedback([], now);
    const worker = e.topPicks(priorWeights(), 20);
    expect(page.map((p) => [p.movie.id, p.index, p.score])).toEqual(worker.map((p) => [p.movie.id, p.index, p.score]));
    expect(page.map((p) => p.reasons)).toEqual(worker.map((p) => p.reasons));
    // Feedback on content-only films only (unknown to the MovieLens index) leaves them unpersonalised on both sides.
    const onContentOnly = likes([TENET.id, DUNE.id]);
    const pageWith = topPicksWithoutModels({ catalogue: base, moods: null }, onContentOnly, priorWeights(), 20)!;
    const withFeedback = engine();
    withFeedback.setFeedback(onContentOnly, now);
    expect(withFeedback.personalised).toBe(false);
    expect(pageWith.map((p) => p.movie.id)).toEqual(withFeedback.topPicks(priorWeights(), 20).map((p) => p.movie.id));
  });
});

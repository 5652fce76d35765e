/**
 * The app's path after a like, timed in Node on the real catalogue: RecoEngine.setFeedback (fold-in
 * of likes, dislikes and clicks into the top-N model) and then the rows the home page asks for
 * ("Top picks" 20 + three "Because you liked" rows of 20) — the like → updated rows compute.
 * Simulated users: 200 MovieLens users, seeded; each likes up to 50 of their ≥ 4-star films,
 * dislikes up to 10 of their ≤ 2-star films and clicks 10 more (newest last), then likes one more.
 */
import { createCatalogue } from '../../src/core/catalogue/catalogue';
import { RecoEngine, type FeedbackEvent } from '../../src/core/engine/engine';
import { trainRecoModels } from '../../src/core/engine/models';
import { priorWeights } from '../../src/core/hybrid/weights';
import { createRng, shuffleInPlace } from '../../src/core/random';
import { buildCatalogue } from '../pipeline/build';
import { loadMovieLens } from '../pipeline/movielens';
import { loadWikipedia } from '../pipeline/wikipedia';
import { MOVIELENS_DIR, WIKIPEDIA_DIR } from '../paths';

/** Process CPU time in ms (the machine is shared: wall time would mostly measure other work). */
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

export async function benchEngine(): Promise<void> {
  const built = buildCatalogue(loadMovieLens(MOVIELENS_DIR), loadWikipedia(WIKIPEDIA_DIR));
  const catalogue = createCatalogue(built.index);
  const ratings = built.ratings;
  const c0 = process.cpuUsage();
  const models = trainRecoModels(ratings);
  const c = process.cpuUsage(c0);
  console.log(`  both models as the worker trains them (rating model + top-N model): CPU ${((c.user + c.system) / 1e6).toFixed(2)} s`);
  const weights = priorWeights();
  const rng = createRng(7);
  const users = shuffleInPlace(Array.from({ length: ratings.nUsers }, (_, u) => u), rng).slice(0, 200);
  const byUser = new Map<number, { item: number; rating: number }[]>();
  for (let k = 0; k < ratings.rating.length; k++) {
    const u = ratings.user[k]!;
    if (!byUser.has(u)) byUser.set(u, []);
    byUser.get(u)!.push({ item: ratings.item[k]!, rating: ratings.rating[k]! });
  }
  const fold: number[] = [];
  const rows: number[] = [];
  const now = Date.UTC(2026, 10, 1);
  const engine = new RecoEngine({ catalogue, moods: null }, models.cf, models.ranking);
  for (const u of users) {
    const mine = shuffleInPlace([...byUser.get(u)!], rng);
    const liked = mine.filter((r) => r.rating >= 4).slice(0, 51);
    const disliked = mine.filter((r) => r.rating <= 2).slice(0, 10);
    const clicked = mine.filter((r) => r.rating > 2 && r.rating < 4).slice(0, 10);
    const events: FeedbackEvent[] = [];
    let at = now - 1e6;
    for (const r of [...disliked, ...clicked, ...liked.slice(0, -1)]) {
      events.push({ movieId: catalogue.movies[r.item]!.id, kind: r.rating >= 4 ? 'like' : r.rating <= 2 ? 'dislike' : 'click', at: at++ });
    }
    engine.setFeedback(events, now);
    const last = liked[liked.length - 1];
    if (last) events.push({ movieId: catalogue.movies[last.item]!.id, kind: 'like', at });
    const t0 = cpuMs();
    engine.setFeedback(events, now);
    const t1 = cpuMs();
    engine.topPicks(weights, 20);
    engine.becauseYouLiked(3, 20);
    const t2 = cpuMs();
    fold.push(t1 - t0);
    rows.push(t2 - t0);
  }
  const pct = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(p * a.length))]!;
  const line = (a: number[]) => `median ${pct(a, 0.5).toFixed(1)} ms, p95 ${pct(a, 0.95).toFixed(1)} ms, max ${Math.max(...a).toFixed(1)} ms`;
  console.log(`  like → fold-in (RecoEngine.setFeedback, up to 71 events), CPU per user, ${fold.length} simulated users: ${line(fold)}`);
  console.log(`  like → updated rows (fold-in + Top picks 20 + 3 "Because you liked" rows of 20, with explanations), CPU: ${line(rows)}`);
}

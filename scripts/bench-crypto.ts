/**
 * Costs of encryption at rest (issue #17), in Node with its WebCrypto (OpenSSL) over fake-indexeddb:
 *  1. sign-in including the key: PBKDF2 600,000 for the hash and the key-encryption key side by
 *     side, then AES-KW unwrap + HKDF — against sign-in before encryption (the hash alone);
 *  2. encrypting and decrypting 10,000 feedback events (AES-GCM per record, fresh nonce, AAD),
 *     against encoding/decoding them without encryption;
 *  3. a like → updated rows, the app's path with 1,000 to 10,000 events stored: the write, the
 *     list update, the copy to the reco worker, fold-in and the home rows (the worker's own engine
 *     on the built data), CPU time — before (the list read back and sent whole) and now (the
 *     write's change applied in memory and sent alone), with encryption vs a plaintext store (the
 *     same Dexie writes without sealing). Needs public/data (npm run data);
 *  4. storage overhead per record (structured-clone bytes of the stored row, as IndexedDB keeps it).
 * Figures: mean ± standard error over runs (and medians), with the load average printed.
 *
 *   npm run bench:crypto [-- --runs 7 --events 10000]
 */
import 'fake-indexeddb/auto';
import { loadavg } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { Dexie } from 'dexie';
import { AuthService } from '../src/services/auth/auth-service';
import { inThreadHasher } from '../src/services/auth/hasher';
import { pbkdf2Sha256 } from '../src/services/auth/pbkdf2';
import { RecoStreamDB } from '../src/services/db/database';
import type { FeedbackRecord } from '../src/services/db/schema';
import { FeedbackService } from '../src/services/feedback';
import { createCatalogue } from '../src/core/catalogue/catalogue';
import { widenRatings } from '../src/core/catalogue/extended';
import { RecoEngine } from '../src/core/engine/engine';
import { trainRecoModels } from '../src/core/engine/models';
import { priorWeights } from '../src/core/hybrid/weights';
import { applyFeedbackChange, feedbackChange, type StoredFeedbackEvent } from '../src/core/shared/feedback-log';
import { loadCatalogueIndex, loadContent, loadMoods, loadRatings } from '../src/services/data';
import { serveData } from './lib/serve-data';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 7);
const EVENTS = arg('events', 10_000);

const stats = (xs: number[]) => {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const sorted = [...xs].sort((a, b) => a - b);
  return { mean, se: sd / Math.sqrt(n), median: sorted[Math.floor(n / 2)]! };
};
const fmt = (xs: number[], unit = 'ms', digits = 1) => {
  const s = stats(xs);
  return `${s.mean.toFixed(digits)} ± ${s.se.toFixed(digits)} ${unit} (median ${s.median.toFixed(digits)}, n=${xs.length})`;
};
/** CPU milliseconds (user + system) of this process spent in `fn`, and wall milliseconds. */
async function timed(fn: () => Promise<unknown>): Promise<{ cpu: number; wall: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall };
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`bench:crypto — Node ${process.version}, load average at start ${load()} (2 cores shared: figures are noisy)`);

let dbCount = 0;
const freshDb = () => new RecoStreamDB(`bench-crypto-${++dbCount}`);
const PW = 'correct horse battery staple';
const SURFACES = ['home-row', 'search', 'movie-page', 'discover'] as const;
const event = (i: number): Omit<FeedbackRecord, 'id' | 'userId'> => ({
  movieId: 1 + ((i * 7919) % 190_000),
  kind: i % 5 === 0 ? 'like' : i % 7 === 0 ? 'dislike' : 'click',
  at: 1_700_000_000_000 + i * 60_000,
  surface: SURFACES[i % 4]!,
  list: i % 3 === 0 ? 'Because you liked The Matrix' : 'Popular on RecoStream',
  ...(i % 4 === 1 ? { query: 'a feel-good sci-fi movie from the 80s' } : {}),
  position: i % 20,
});

// ---- 1. sign-in -----------------------------------------------------------------------------
{
  const db = freshDb();
  const auth = new AuthService(db, { hasher: inThreadHasher });
  await auth.signUp('Ada', PW);
  const signIn: number[] = [];
  const hashOnly: number[] = [];
  const unwrapOnly: number[] = [];
  const salt = crypto.getRandomValues(new Uint8Array(16));
  for (let r = 0; r < RUNS; r++) {
    hashOnly.push((await timed(() => pbkdf2Sha256(PW, salt, 600_000))).wall);
    const fresh = new AuthService(db, { hasher: inThreadHasher });
    signIn.push((await timed(() => fresh.login('Ada', PW))).wall);
  }
  // Unwrap + HKDF alone, with the key-encryption key already derived.
  const { deriveKek, unwrapKeys } = await import('../src/services/db/vault');
  const rec = (await db.dataKeys.toArray())[0]!;
  const kek = await deriveKek(inThreadHasher, PW, rec.salt, rec.iterations);
  for (let r = 0; r < 200; r++) unwrapOnly.push((await timed(() => unwrapKeys(kek, rec.wrapped))).wall);
  console.log('\n1. Sign-in (wall time; PBKDF2 runs on libuv threads, like the crypto worker in the browser)');
  console.log(`   before encryption (one PBKDF2 600k, the hash):           ${fmt(hashOnly)}`);
  console.log(`   with encryption (hash + KEK side by side, unwrap, HKDF):  ${fmt(signIn)}  [includes lockout transactions and token issue]`);
  console.log(`   of which AES-KW unwrap + 2 × HKDF alone:                   ${fmt(unwrapOnly, 'ms', 3)}`);
  db.close();
  await Dexie.delete(db.name);
}

// ---- 2. encrypt / decrypt 10,000 events -----------------------------------------------------
{
  const db = freshDb();
  const auth = new AuthService(db, { hasher: inThreadHasher, iterations: 1000 });
  const s = await auth.signUp('Ada', PW);
  const userId = (await auth.verify(s)).userId;
  const events = Array.from({ length: EVENTS }, (_, i) => ({ ...event(i), id: i + 1 }));
  const enc: number[] = [];
  const dec: number[] = [];
  const encCpu: number[] = [];
  const decCpu: number[] = [];
  const plainEnc: number[] = [];
  const plainDec: number[] = [];
  let sealed: Awaited<ReturnType<typeof auth.vault.seal>>[] = [];
  for (let r = 0; r < RUNS; r++) {
    const e = await timed(async () => {
      sealed = await Promise.all(events.map((ev) => auth.vault.seal('feedback', userId, ev)));
    });
    enc.push(e.wall);
    encCpu.push(e.cpu);
    const d = await timed(() => Promise.all(sealed.map((row) => auth.vault.open('feedback', userId, row))));
    dec.push(d.wall);
    decCpu.push(d.cpu);
    let bytes: Buffer[] = [];
    plainEnc.push(
      (
        await timed(async () => {
          bytes = events.map((ev) => serialize(ev));
        })
      ).wall,
    );
    plainDec.push((await timed(async () => void bytes.map((b) => deserialize(b)))).wall);
  }
  console.log(`\n2. ${EVENTS.toLocaleString('en')} feedback events (all records in parallel, as a list read does)`);
  console.log(`   encrypt: wall ${fmt(enc)}, CPU ${fmt(encCpu)}  → ${(stats(enc).mean / EVENTS * 1000).toFixed(1)} µs/event`);
  console.log(`   decrypt: wall ${fmt(dec)}, CPU ${fmt(decCpu)}  → ${(stats(dec).mean / EVENTS * 1000).toFixed(1)} µs/event`);
  console.log(`   baseline without encryption: structured-clone serialise ${fmt(plainEnc)}, deserialise ${fmt(plainDec)}`);

  // ---- 4. storage overhead --------------------------------------------------------------------
  const plainBytes = events.reduce((a, ev) => a + serialize({ ...ev, userId }).length, 0);
  const sealedBytes = sealed.reduce((a, row) => a + serialize(row).length, 0);
  console.log(`\n4. Storage (V8 structured-clone bytes, what IndexedDB stores per value; indexes excluded)`);
  console.log(`   ${EVENTS.toLocaleString('en')} events plaintext ${(plainBytes / 1024).toFixed(0)} KiB, encrypted ${(sealedBytes / 1024).toFixed(0)} KiB: +${(((sealedBytes - plainBytes) / plainBytes) * 100).toFixed(0)}%, +${((sealedBytes - plainBytes) / EVENTS).toFixed(0)} B/event (12 B nonce, 16 B tag, envelope and codec header, opinion index)`);
  db.close();
  await Dexie.delete(db.name);
}

// ---- 3. like → updated rows ----------------------------------------------------------------
{
  // The recommendation worker's part, run here as the worker runs it: the built data (public/data,
  // served over HTTP as the page serves it), both models trained, the engine folding the events in.
  const server = await serveData();
  const movies = await loadCatalogueIndex();
  const [ratings, moods, content] = await Promise.all([loadRatings(), loadMoods(movies.length), loadContent(movies.length)]);
  await server.close();
  const catalogue = createCatalogue(movies);
  const models = trainRecoModels(widenRatings(ratings, movies.length));
  const weights = priorWeights();
  const ROWS = { picks: 20, rows: 3, perRow: 20 };
  /** The worker's homeRows, and the copy its answer makes crossing to the page. */
  const homeRows = (engine: RecoEngine) => structuredClone({ topPicks: engine.topPicks(weights, ROWS.picks), because: engine.becauseYouLiked(ROWS.rows, ROWS.perRow) });
  const popularIds = [...catalogue.movies].sort((a, b) => (b.n ?? 0) - (a.n ?? 0)).map((m) => m.id);
  const wire = (e: StoredFeedbackEvent) => ({ id: e.id, movieId: e.movieId, kind: e.kind, at: e.at });
  const onCatalogue = (i: number): Omit<FeedbackRecord, 'id' | 'userId'> => ({ ...event(i), movieId: catalogue.movies[(i * 7919) % 9000]!.id });

  console.log('\n3. A like → updated rows, compute (CPU ms per like: the write, the list update, the copy to the worker, fold-in, Top picks 20 + 3 "Because you liked" rows of 20, the copy back)');
  console.log('   before: the list read back (every row read, envelopes checked) and sent whole to the worker; now: the write\'s change applied in memory and sent alone');
  const table: string[] = [];
  for (const stored of [1000, 2000, 5000, EVENTS]) {
    const db = freshDb();
    const auth = new AuthService(db, { hasher: inThreadHasher, iterations: 1000 });
    const s = await auth.signUp('Ada', PW);
    const userId = (await auth.verify(s)).userId;
    await auth.personal.addFeedback(userId, Array.from({ length: stored }, (_, i) => onCatalogue(i)));
    const fb = new FeedbackService(db, auth);
    const plain = new Dexie(`bench-plain-${stored}`);
    plain.version(1).stores({ feedback: '++id, userId, [userId+movieId], [userId+at]' });
    await plain.table('feedback').bulkAdd(Array.from({ length: stored }, (_, i) => ({ ...onCatalogue(i), userId })));
    // The page's first read after unlocking (every row decrypted once), and the worker's copy.
    let page = await fb.list(s);
    let pagePlain = (await plain.table('feedback').where('[userId+at]').between([userId, -Infinity], [userId, Infinity]).toArray()) as FeedbackRecord[];
    const engine = new RecoEngine({ catalogue, moods, content }, models.cf, models.ranking);
    engine.setFeedback(page, Date.now());
    let held: StoredFeedbackEvent[] = page.map(wire);
    let sent: readonly StoredFeedbackEvent[] = page;

    const series: Record<string, number[]> = { encBefore: [], encNow: [], plainBefore: [], plainNow: [], rows: [], encNowUpdate: [] };
    for (let r = 0; r < RUNS; r++) {
      // Each like is of another popular film (its "Because you liked" row is full), alternating the paths.
      const movie = (k: number) => popularIds[r * 4 + k]!;
      const ctx = { surface: 'home-row' as const, list: 'Popular on RecoStream', position: r };
      series.encBefore!.push(
        (
          await timed(async () => {
            await fb.setOpinion(s, movie(0), 'like', ctx);
            const all = await fb.list(s);
            const copy = structuredClone(all.map(wire));
            engine.setFeedback(copy, Date.now());
            homeRows(engine);
            page = all;
          })
        ).cpu,
      );
      held = page.map(wire);
      sent = page;
      series.encNow!.push(
        (
          await timed(async () => {
            const change = await fb.setOpinion(s, movie(1), 'like', ctx);
            const u0 = process.cpuUsage();
            page = applyFeedbackChange(page, change); // the page's list
            const delta = structuredClone({ removed: [...change.removed], added: change.added.map(wire) }); // the copy to the worker
            const diff = feedbackChange(sent, page)!; // what RecoClient computes to send it
            sent = page;
            held = applyFeedbackChange(held, delta); // the worker's copy
            const u = process.cpuUsage(u0);
            series.encNowUpdate!.push((u.user + u.system) / 1000);
            if (held.length !== page.length || diff.added.length !== 1) throw new Error('the change did not apply');
            engine.setFeedback(held, Date.now());
            homeRows(engine);
          })
        ).cpu,
      );
      const plainWrite = async (movieId: number) =>
        plain.transaction('rw', plain.table('feedback'), async () => {
          const old = (await plain.table('feedback').where('[userId+movieId]').equals([userId, movieId]).primaryKeys()) as number[];
          await plain.table('feedback').bulkDelete(old);
          const record = { userId, movieId, kind: 'like' as const, at: Date.now(), surface: 'home-row' as const };
          const id = (await plain.table('feedback').add(record)) as number;
          return { removed: old, added: [{ ...record, id }] };
        });
      series.plainBefore!.push(
        (
          await timed(async () => {
            await plainWrite(movie(2));
            pagePlain = (await plain.table('feedback').where('[userId+at]').between([userId, -Infinity], [userId, Infinity]).toArray()) as FeedbackRecord[];
            engine.setFeedback(structuredClone(pagePlain.map(wire)), Date.now());
            homeRows(engine);
          })
        ).cpu,
      );
      series.plainNow!.push(
        (
          await timed(async () => {
            const change = await plainWrite(movie(3));
            pagePlain = applyFeedbackChange(pagePlain, change);
            const delta = structuredClone({ removed: change.removed, added: change.added.map(wire) });
            const heldPlain = applyFeedbackChange(pagePlain.map(wire), delta);
            engine.setFeedback(heldPlain, Date.now());
            homeRows(engine);
          })
        ).cpu,
      );
      // Fold-in and the rows alone for the same feedback again (no new like: the explanations' caches
      // already hold its items, so this is the engine's floor, not a like's cost; see the "now" columns).
      series.rows!.push(
        (
          await timed(async () => {
            engine.setFeedback(held, Date.now());
            homeRows(engine);
          })
        ).cpu,
      );
    }
    const f = (k: string) => fmt(series[k]!);
    console.log(`   ${String(stored).padStart(6)} events stored:`);
    console.log(`     encrypted  before ${f('encBefore')}`);
    console.log(`     encrypted  now    ${f('encNow')}  (of which list update + change to the worker ${fmt(series.encNowUpdate!, 'ms', 2)})`);
    console.log(`     plaintext  before ${f('plainBefore')}`);
    console.log(`     plaintext  now    ${f('plainNow')}`);
    console.log(`     fold-in + rows alone, the same feedback again (the floor) ${f('rows')}`);
    const m = (k: string) => `${stats(series[k]!).mean.toFixed(1)} ± ${stats(series[k]!).se.toFixed(1)}`;
    table.push(`| ${stored.toLocaleString('en')} | ${m('encBefore')} | **${m('encNow')}** | ${m('plainBefore')} | ${m('plainNow')} | ${m('rows')} |`);
    db.close();
    plain.close();
    await Dexie.delete(db.name);
    await Dexie.delete(plain.name);
  }
  console.log('\n   | events stored | encrypted, before | encrypted, now | plaintext, before | plaintext, now | fold-in + rows alone |');
  console.log('   |---:|---:|---:|---:|---:|---:|');
  for (const line of table) console.log(`   ${line}`);
}
console.log(`\nload average at end ${load()}`);

/**
 * Costs of encryption at rest (issue #17), in Node with its WebCrypto (OpenSSL) over fake-indexeddb:
 *  1. sign-in including the key: PBKDF2 600,000 for the hash and the key-encryption key side by
 *     side, then AES-KW unwrap + HKDF — against sign-in before encryption (the hash alone);
 *  2. encrypting and decrypting 10,000 feedback events (AES-GCM per record, fresh nonce, AAD),
 *     against encoding/decoding them without encryption;
 *  3. a like → rows read back, the app's path (setOpinion + list) with N events stored: CPU time,
 *     with encryption vs a plaintext store (the same Dexie writes without sealing);
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

// ---- 3. like → rows read back ---------------------------------------------------------------
{
  console.log('\n3. A like → the events read back (FeedbackService.setOpinion + list, the state layer\'s write path), CPU time per like');
  for (const stored of [500, 2000, EVENTS]) {
    const db = freshDb();
    const auth = new AuthService(db, { hasher: inThreadHasher, iterations: 1000 });
    const s = await auth.signUp('Ada', PW);
    const userId = (await auth.verify(s)).userId;
    await auth.personal.addFeedback(userId, Array.from({ length: stored }, (_, i) => event(i)));
    const fb = new FeedbackService(db, auth);
    await fb.list(s); // the page has read the list once (live query): decrypted rows are cached in memory
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t = await timed(async () => {
        await fb.setOpinion(s, 999_000 + r, 'like', { surface: 'home-row', list: 'Popular on RecoStream', position: r });
        await fb.list(s);
      });
      cpu.push(t.cpu);
      wall.push(t.wall);
    }
    // Plaintext baseline: the same writes and reads straight to Dexie, no sealing (the version-1 path).
    const plain = new Dexie(`bench-plain-${stored}`);
    plain.version(1).stores({ feedback: '++id, userId, [userId+movieId], [userId+at]' });
    await plain.table('feedback').bulkAdd(Array.from({ length: stored }, (_, i) => ({ ...event(i), userId })));
    const pcpu: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t = await timed(async () => {
        await plain.transaction('rw', plain.table('feedback'), async () => {
          await plain.table('feedback').where('[userId+movieId]').equals([userId, 999_000 + r]).delete();
          await plain.table('feedback').add({ userId, movieId: 999_000 + r, kind: 'like', at: Date.now(), surface: 'home-row' });
        });
        await plain.table('feedback').where('[userId+at]').between([userId, -Infinity], [userId, Infinity]).toArray();
      });
      pcpu.push(t.cpu);
    }
    console.log(`   ${String(stored).padStart(6)} events stored: encrypted CPU ${fmt(cpu)}, wall ${fmt(wall)}; plaintext CPU ${fmt(pcpu)}`);
    db.close();
    plain.close();
    await Dexie.delete(db.name);
    await Dexie.delete(plain.name);
  }
}
console.log(`\nload average at end ${load()}`);

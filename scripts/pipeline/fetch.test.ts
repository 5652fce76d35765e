/**
 * The whole raw-data fetch path against a local HTTP server on 127.0.0.1 (never the internet):
 * copies of the real files from ../shared/data, zipped here with the same library that unpacks
 * them, and broken variants (404, 500, a body cut short, wrong bytes, a zip missing a file, a
 * connection dropped midway).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../paths';
import { consoleProgress, download, ensureRawData, RawDataError, type ProgressSink } from './fetch';
import { dataRoots, MOVIELENS, resolveSource, sourceUrls, WIKIPEDIA, type Env } from './sources';

const SHARED = dataRoots({}, ROOT).sharedDir;
const ML_REF = join(SHARED, MOVIELENS.folder);
const WIKI_REF = join(SHARED, WIKIPEDIA.folder);
const haveReference = existsSync(join(ML_REF, 'movies.csv')) && existsSync(join(WIKI_REF, 'movies-1900s.json'));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Files served, by path under a mode prefix. */
const files = new Map<string, Buffer>();
const requests: { path: string; range: string | undefined }[] = [];
const dropped = new Set<string>();
let server: Server;
let base = '';
let closedPort = 0;
const tmp: string[] = [];

function zipOf(names: string[], change?: (name: string, bytes: Buffer) => Buffer): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const n of names) {
    const bytes = readFileSync(join(ML_REF, n));
    entries[`ml-latest-small/${n}`] = change ? change(n, bytes) : bytes;
  }
  return Buffer.from(zipSync(entries, { level: 6 }));
}

/** Sends `body` (honouring a Range request when `ranges`), or only its first half before dropping the connection. */
function send(req: IncomingMessage, res: ServerResponse, body: Buffer, { ranges = true, cut = false } = {}) {
  const m = ranges ? /^bytes=(\d+)-$/.exec(req.headers.range ?? '') : null;
  const from = m ? Number(m[1]) : 0;
  if (m && from >= body.length) {
    res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
    return;
  }
  const slice = body.subarray(from);
  res.writeHead(m ? 206 : 200, {
    'Content-Length': String(slice.length),
    'Content-Type': 'application/octet-stream',
    ...(m && { 'Content-Range': `bytes ${from}-${body.length - 1}/${body.length}` }),
  });
  if (!cut) {
    res.end(slice);
    return;
  }
  res.write(slice.subarray(0, Math.floor(slice.length / 2)), () => setTimeout(() => res.socket?.destroy(), 20));
}

function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x');
  requests.push({ path: url.pathname, range: req.headers.range });
  const [, mode, ...rest] = url.pathname.split('/');
  const key = rest.join('/');
  if (mode === '404') return void res.writeHead(404, 'Not Found').end('no such file');
  if (mode === '500') return void res.writeHead(500, 'Internal Server Error').end('oops');
  const body = files.get(`${mode}/${key}`) ?? files.get(`ok/${key}`);
  if (!body) return void res.writeHead(404, 'Not Found').end();
  if (mode === 'trunc') return send(req, res, body, { ranges: false, cut: true });
  if (mode === 'drop') {
    const first = !dropped.has(key);
    dropped.add(key);
    return send(req, res, body, { cut: first });
  }
  return send(req, res, body);
}

beforeAll(async () => {
  if (!haveReference) return;
  const csvs = MOVIELENS.files.map((f) => f.name);
  files.set('ok/ml-latest-small.zip', zipOf([...csvs, 'README.txt']));
  files.set('zipmissing/ml-latest-small.zip', zipOf(csvs.filter((n) => n !== 'tags.csv')));
  files.set('zipwrong/ml-latest-small.zip', zipOf(csvs, (n, b) => (n === 'movies.csv' ? Buffer.from(b.toString('latin1').replace('Toy Story', 'Toy Storm'), 'latin1') : b)));
  files.set('notzip/ml-latest-small.zip', Buffer.from('<html>this is not a zip</html>'));
  for (const f of WIKIPEDIA.files) {
    const bytes = readFileSync(join(WIKI_REF, f.name));
    files.set(`ok/wikipedia-movie-data/${f.name}`, bytes);
    const wrong = Buffer.from(bytes);
    const i = Math.floor(wrong.length / 2);
    wrong[i] = wrong[i]! ^ 1;
    files.set(`wrong/wikipedia-movie-data/${f.name}`, wrong);
  }
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
});

afterAll(async () => {
  tmp.forEach((d) => rmSync(d, { recursive: true, force: true }));
  if (server) await new Promise((r) => server.close(r));
});

function sandbox(): { dir: string; raw: string; env: Env } {
  const dir = mkdtempSync(join(tmpdir(), 'recostream-fetch-'));
  tmp.push(dir);
  const raw = join(dir, 'raw');
  // No shared data in the sandbox: the download path is what is tested.
  return { dir, raw, env: { RECOSTREAM_SHARED_DIR: join(dir, 'no-shared-data'), RECOSTREAM_RAW_DIR: raw } };
}

const quiet = { progress: { start() {}, update() {}, end() {} } satisfies ProgressSink, log: () => {}, download: { attempts: 3, connectTimeoutMs: 5000, idleTimeoutMs: 5000 } };

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RawDataError);
  return (err as Error).message;
}

const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe.runIf(haveReference)('fetching the raw data over HTTP', () => {
  it('downloads both sources from a mirror, verifies and unpacks them, and uses the cache afterwards', async () => {
    const { raw, env } = sandbox();
    const lines: string[] = [];
    const seen: string[] = [];
    const progress: ProgressSink = { start: (n) => seen.push(n), update() {}, end() {} };
    const before = requests.length;
    const dirs = await ensureRawData({ ...quiet, env: { ...env, RECOSTREAM_DATA_URL: `${base}/ok/` }, root: ROOT, progress, log: (l) => lines.push(l) });
    expect(dirs).toEqual({ movielens: join(raw, MOVIELENS.folder), wikipedia: join(raw, WIKIPEDIA.folder) });
    for (const f of MOVIELENS.files) expect(sha(readFileSync(join(dirs.movielens, f.name)))).toBe(sha(readFileSync(join(ML_REF, f.name))));
    for (const f of WIKIPEDIA.files) expect(sha(readFileSync(join(dirs.wikipedia, f.name)))).toBe(sha(readFileSync(join(WIKI_REF, f.name))));
    // Only the pinned files are kept: no archive, no README from the zip, no partial files.
    expect(listing(dirs.movielens)).toEqual(MOVIELENS.files.map((f) => f.name).sort());
    expect(listing(dirs.wikipedia)).toEqual(WIKIPEDIA.files.map((f) => f.name).sort());
    expect(seen).toEqual(['ml-latest-small.zip', ...WIKIPEDIA.files.map((f) => f.name)]);
    expect(requests.length - before).toBe(14);
    // The licence terms are stated where the download happens.
    expect(lines.join('\n')).toContain('research and non-commercial use only');
    expect(lines.join('\n')).toContain('Harper and J. A. Konstan');
    expect(lines.join('\n')).toContain('CC BY-SA 4.0');

    // Second run: the verified cache is used, nothing is requested.
    const again = await ensureRawData({ ...quiet, env: { ...env, RECOSTREAM_DATA_URL: `http://127.0.0.1:${closedPort}` }, root: ROOT });
    expect(again).toEqual(dirs);
    expect(requests.length - before).toBe(14);

    // A cached file that was changed is detected and fetched again.
    writeFileSync(join(dirs.wikipedia, 'movies-1950s.json'), '[]');
    await ensureRawData({ ...quiet, env: { ...env, RECOSTREAM_DATA_URL: `${base}/ok` }, root: ROOT });
    expect(requests.slice(-1)[0]!.path).toBe('/ok/wikipedia-movie-data/movies-1950s.json');
    expect(sha(readFileSync(join(dirs.wikipedia, 'movies-1950s.json')))).toBe(WIKIPEDIA.files.find((f) => f.name === 'movies-1950s.json')!.sha256);
  });

  it('one variable per source overrides the mirror', async () => {
    const { env } = sandbox();
    const e = { ...env, RECOSTREAM_DATA_URL: `${base}/404`, RECOSTREAM_MOVIELENS_URL: `${base}/ok/ml-latest-small.zip`, RECOSTREAM_WIKIPEDIA_URL: `${base}/ok/wikipedia-movie-data` };
    expect(sourceUrls(WIKIPEDIA, e)[0]!.url).toBe(`${base}/ok/wikipedia-movie-data/movies-1900s.json`);
    expect(sourceUrls(MOVIELENS, {})[0]!.url).toBe('https://files.grouplens.org/datasets/movielens/ml-latest-small.zip');
    expect(sourceUrls(WIKIPEDIA, {})[12]!.url).toBe('https://raw.githubusercontent.com/prust/wikipedia-movie-data/91ae721d3672e8ef4f15b213c763a634250ef61a/movies-2020s.json');
    await expect(ensureRawData({ ...quiet, env: e, root: ROOT })).resolves.toBeDefined();
  });

  it('HTTP 404 and 500: one line naming the file, nothing kept', async () => {
    for (const [mode, text] of [
      ['404', 'movies-1900s.json: HTTP 404 Not Found from'],
      ['500', 'movies-1900s.json: HTTP 500 Internal Server Error from'],
    ] as const) {
      const { raw, env } = sandbox();
      const msg = await failure(ensureRawData({ ...quiet, env: { ...env, RECOSTREAM_MOVIELENS_DIR: ML_REF, RECOSTREAM_DATA_URL: `${base}/${mode}` }, root: ROOT }));
      expect(msg).toContain(`${text} ${base}/${mode}/wikipedia-movie-data/movies-1900s.json`);
      expect(msg).toContain('Wikipedia movie data: missing all of movies-1900s.json');
      expect(listing(join(raw, WIKIPEDIA.folder))).toEqual([]);
    }
  });

  it('wrong bytes: a checksum error naming the file; the download is discarded', async () => {
    const { raw, env } = sandbox();
    const msg = await failure(ensureRawData({ ...quiet, env: { ...env, RECOSTREAM_MOVIELENS_DIR: ML_REF, RECOSTREAM_WIKIPEDIA_URL: `${base}/wrong/wikipedia-movie-data/` }, root: ROOT }));
    expect(msg).toMatch(/^\s+movies-1990s\.json: checksum mismatch \(sha256 [0-9a-f]{12}…, expected facf24e32979…\) from http:\/\/127\.0\.0\.1:\d+\/wrong\/wikipedia-movie-data\/movies-1990s\.json; discarded$/m);
    expect(listing(join(raw, WIKIPEDIA.folder))).toEqual([]);
  });

  it('a body cut short every time: "incomplete", the partial file is never used but kept to resume', async () => {
    const { raw, env } = sandbox();
    const dir = join(raw, WIKIPEDIA.folder);
    const msg = await failure(ensureRawData({ ...quiet, env: { ...env, RECOSTREAM_MOVIELENS_DIR: ML_REF, RECOSTREAM_WIKIPEDIA_URL: `${base}/trunc/wikipedia-movie-data/` }, root: ROOT }));
    expect(msg).toMatch(/movies-1920s\.json: download incomplete after 3 attempts, the (connection dropped|body ended) after 1\.7 MB of 3\.5 MB/);
    expect(msg).toContain('movies-1920s.json.part is kept to resume on the next run');
    expect(listing(dir).every((n) => n.endsWith('.part'))).toBe(true);
    // The next run, against a server that honours Range, resumes the partial files.
    const before = requests.length;
    await ensureRawData({ ...quiet, env: { ...env, RECOSTREAM_MOVIELENS_DIR: ML_REF, RECOSTREAM_WIKIPEDIA_URL: `${base}/ok/wikipedia-movie-data/` }, root: ROOT });
    const resumed = requests.slice(before).find((r) => r.path.endsWith('movies-1920s.json'))!;
    expect(resumed.range).toBe(`bytes=${Math.floor(3463423 / 2)}-`);
    expect(listing(dir)).toEqual(WIKIPEDIA.files.map((f) => f.name).sort());
  });

  it('a connection dropped midway resumes with a Range request and the file verifies', async () => {
    const { dir } = sandbox();
    const dest = join(dir, 'movies-1980s.json');
    const pinned = WIKIPEDIA.files.find((f) => f.name === 'movies-1980s.json')!;
    const before = requests.length;
    const url = `${base}/drop/wikipedia-movie-data/movies-1980s.json`;
    await download(url, dest, { ...quiet.download, name: pinned.name, expectedBytes: pinned.bytes, sha256: pinned.sha256 });
    expect(requests.slice(before)).toEqual([
      { path: '/drop/wikipedia-movie-data/movies-1980s.json', range: undefined },
      { path: '/drop/wikipedia-movie-data/movies-1980s.json', range: `bytes=${Math.floor(pinned.bytes / 2)}-` },
    ]);
    expect(sha(readFileSync(dest))).toBe(pinned.sha256);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('a partial file longer than the real one, or a server that cannot resume, restarts cleanly', async () => {
    const { dir } = sandbox();
    const pinned = WIKIPEDIA.files.find((f) => f.name === 'movies-1900s.json')!;
    const dest = join(dir, pinned.name);
    writeFileSync(`${dest}.part`, Buffer.alloc(pinned.bytes, 0x20)); // as long as the file, wrong bytes: the server answers 416
    await download(`${base}/ok/wikipedia-movie-data/${pinned.name}`, dest, { ...quiet.download, name: pinned.name, expectedBytes: pinned.bytes, sha256: pinned.sha256 });
    expect(sha(readFileSync(dest))).toBe(pinned.sha256);
  });

  it('zips: a missing file, a changed file, or no zip at all is one clear line; nothing from it is used', async () => {
    for (const [mode, text] of [
      ['zipmissing', 'ml-latest-small.zip: the archive has no ml-latest-small/tags.csv'],
      ['zipwrong', 'ml-latest-small.zip: ml-latest-small/movies.csv does not match its pinned checksum'],
      ['notzip', 'ml-latest-small.zip: not a readable zip archive'],
    ] as const) {
      const { raw, env } = sandbox();
      const msg = await failure(ensureRawData({ ...quiet, env: { ...env, RECOSTREAM_WIKIPEDIA_DIR: WIKI_REF, RECOSTREAM_MOVIELENS_URL: `${base}/${mode}/ml-latest-small.zip` }, root: ROOT }));
      expect(msg.split('\n').filter((l) => l.includes(text))).toHaveLength(1);
      expect(msg).toContain('MovieLens latest-small: missing all of movies.csv, ratings.csv, tags.csv, links.csv');
      expect(listing(join(raw, MOVIELENS.folder))).toEqual([]);
    }
  });

  it('offline with no data anywhere: within seconds, one message naming what, where, the URLs and the variables', async () => {
    const { raw, env } = sandbox();
    // "Within seconds" without timing it (the machine may be loaded): with the clock's timers frozen,
    // the answer still comes, so it waits for no timeout, back-off or retry delay — only for the
    // refused connections themselves.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'setImmediate'] });
    let msg: string;
    try {
      msg = await failure(ensureRawData({ ...quiet, env: { ...env, RECOSTREAM_DATA_URL: `http://127.0.0.1:${closedPort}` }, root: ROOT }));
    } finally {
      vi.useRealTimers();
    }
    expect(msg).toContain('the raw data sets are not on this machine and could not be downloaded (no connection).');
    expect(msg).toContain('MovieLens latest-small: missing all of movies.csv, ratings.csv, tags.csv, links.csv');
    expect(msg).toContain(`looked in ${join(env.RECOSTREAM_SHARED_DIR!, MOVIELENS.folder)} (RECOSTREAM_SHARED_DIR): not found`);
    expect(msg).toContain(`looked in ${join(raw, MOVIELENS.folder)} (download cache): empty`);
    expect(msg).toContain(`ml-latest-small.zip: cannot connect (connect ECONNREFUSED 127.0.0.1:${closedPort})`);
    expect(msg).toContain(`http://127.0.0.1:${closedPort}/ml-latest-small.zip`);
    expect(msg).toContain(`http://127.0.0.1:${closedPort}/wikipedia-movie-data/movies-1900s.json`);
    expect(msg).toContain('(12 more files from the same place not tried)');
    for (const v of ['RECOSTREAM_DATA_DIR', 'RECOSTREAM_MOVIELENS_DIR', 'RECOSTREAM_WIKIPEDIA_DIR', 'RECOSTREAM_DATA_URL', 'RECOSTREAM_MOVIELENS_URL', 'RECOSTREAM_WIKIPEDIA_URL']) {
      expect(msg).toContain(v);
    }
    expect(msg).not.toMatch(/\n\s+at /);
  });

  it('`npm run data` offline: exit 1, the message without a stack trace, nothing written to the output folder', () => {
    const { dir, env } = sandbox();
    const out = join(dir, 'out');
    // How soon it answers is shown above with frozen timers; here, what the command does.
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'data.ts'), '--if-stale'], {
      env: { ...process.env, RECOSTREAM_DATA_DIR: '', RECOSTREAM_MOVIELENS_DIR: '', RECOSTREAM_WIKIPEDIA_DIR: '', ...env, RECOSTREAM_OUT_DIR: out, RECOSTREAM_DATA_URL: `http://127.0.0.1:${closedPort}` },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('data: the raw data sets are not on this machine and could not be downloaded (no connection).');
    expect(run.stderr).toContain('data:   RECOSTREAM_DATA_URL');
    expect(run.stderr).toContain('data: nothing was written.');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(listing(out)).toEqual([]);
  });
});

describe.runIf(haveReference)('where the raw data is read from', () => {
  function layout() {
    const { dir, raw, env } = sandbox();
    const copy = (root: string, spec: typeof MOVIELENS, only?: string[]) => {
      const to = join(root, spec.folder);
      mkdirSync(to, { recursive: true });
      for (const f of spec.files) if (!only || only.includes(f.name)) writeFileSync(join(to, f.name), '');
      return to;
    };
    return { dir, raw, env, copy };
  }

  it('own folder variable, then RECOSTREAM_DATA_DIR, then ../shared/data, then the download cache', () => {
    const { dir, raw, env, copy } = layout();
    const data = join(dir, 'data');
    const shared = join(dir, 'shared');
    copy(shared, MOVIELENS);
    copy(shared, WIKIPEDIA);
    copy(data, MOVIELENS);
    copy(data, WIKIPEDIA, ['movies-1900s.json']); // incomplete: passed over, with the reason
    const e = { ...env, RECOSTREAM_SHARED_DIR: shared, RECOSTREAM_DATA_DIR: data };
    expect(resolveSource(MOVIELENS, e, ROOT)).toMatchObject({ dir: join(data, MOVIELENS.folder), kind: 'local', via: 'RECOSTREAM_DATA_DIR' });
    const wiki = resolveSource(WIKIPEDIA, e, ROOT);
    expect(wiki).toMatchObject({ dir: join(shared, WIKIPEDIA.folder), kind: 'local', via: 'RECOSTREAM_SHARED_DIR' });
    expect(wiki.passed[0]!.why).toBe('incomplete: no movies-1910s.json, movies-1920s.json, movies-1930s.json, movies-1940s.json, movies-1950s.json, movies-1960s.json, movies-1970s.json, movies-1980s.json, movies-1990s.json, movies-2000s.json, movies-2010s.json, movies-2020s.json');
    // The source's own variable is used as given, even when the folder lacks files (the build then names them).
    expect(resolveSource(WIKIPEDIA, { ...e, RECOSTREAM_WIKIPEDIA_DIR: join(dir, 'x') }, ROOT)).toMatchObject({ dir: join(dir, 'x'), kind: 'given' });
    // Nothing local: the download cache.
    expect(resolveSource(MOVIELENS, env, ROOT)).toMatchObject({ dir: join(raw, MOVIELENS.folder), kind: 'cache' });
    // The default shared folder is ../shared/data beside the project.
    expect(dataRoots({}, ROOT).sharedDir).toBe(join(ROOT, '..', 'shared', 'data'));
    expect(dataRoots({}, ROOT).rawDir).toBe(join(ROOT, 'data', 'raw'));
  });

  it('a complete local copy is used without any request', async () => {
    const { env } = sandbox();
    const before = requests.length;
    const dirs = await ensureRawData({ ...quiet, env: { ...env, RECOSTREAM_SHARED_DIR: SHARED, RECOSTREAM_DATA_URL: `http://127.0.0.1:${closedPort}` }, root: ROOT });
    expect(dirs).toEqual({ movielens: ML_REF, wikipedia: WIKI_REF });
    expect(requests.length).toBe(before);
  });
});

describe('download progress', () => {
  const sink = (isTTY: boolean) => {
    let text = '';
    const out = { isTTY, write: (s: string) => ((text += s), true) } as unknown as NodeJS.WriteStream;
    return { p: consoleProgress(out, isTTY), text: () => text };
  };

  it('rewrites one line on a terminal, ending with a newline', () => {
    const { p, text } = sink(true);
    p.start('movies-1990s.json', 2_213_647, 0);
    p.update(1_106_823);
    p.end();
    const line = (t: string) => `\r\x1b[2K  movies-1990s.json: ${t}`;
    expect(text()).toBe(line('0.0 MB of 2.2 MB (0%)') + line('1.1 MB of 2.2 MB (49%)') + line('1.1 MB of 2.2 MB (49%)\n'));
    expect(text()).not.toContain('\n  ');
  });

  it('prints plain lines (start, each quarter, end) when not a terminal', () => {
    const { p, text } = sink(false);
    p.start('movies-1920s.json', 3_463_423, 1_000_000);
    for (let b = 1_000_000; b <= 3_463_423; b += 100_000) p.update(b);
    p.update(3_463_423);
    p.end();
    expect(text().split('\n')).toEqual([
      '  movies-1920s.json: downloading 3.5 MB, resuming at 1.0 MB',
      '  movies-1920s.json: 1.8 MB of 3.5 MB (51%)',
      '  movies-1920s.json: 2.6 MB of 3.5 MB (75%)',
      '  movies-1920s.json: 3.5 MB of 3.5 MB (100%)',
      '',
    ]);
  });
});

/**
 * Makes the raw data sets available to the build: uses a local copy where there is one (see
 * sources.ts for the order), else downloads them into the git-ignored cache (data/raw/).
 *
 * Every downloaded byte goes to `<file>.part` first; the file gets its real name only after its
 * size and sha256 match the pinned values, so nothing half-written or unverified is ever read. An
 * interrupted download resumes with an HTTP Range request (or restarts when the server ignores it).
 * MovieLens comes as a zip, unpacked with fflate; the files inside are what is pinned.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { DATA_VARIABLES, resolveSource, SOURCES, sourceUrls, type Env, type Resolved, type SourceSpec } from './sources';

/** A download or unpacking problem; `message` is one line naming the file. */
export class FetchError extends Error {
  constructor(
    message: string,
    /** 'network': no connection at all (offline, refused, DNS); the rest of that source is not tried. */
    readonly kind: 'network' | 'http' | 'incomplete' | 'integrity',
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** All raw data could not be made available: a complete, multi-line, user-facing explanation. */
export class RawDataError extends Error {
  override name = 'RawDataError';
}

export interface ProgressSink {
  start(name: string, total: number | null, from: number): void;
  update(done: number): void;
  end(): void;
}

export const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** Per-file progress: one rewritten line on a terminal, a few plain lines otherwise. */
export function consoleProgress(out: NodeJS.WriteStream = process.stdout, isTTY = !!out.isTTY): ProgressSink {
  let name = '';
  let total: number | null = null;
  let last = 0;
  let lastQuarter = 0;
  let current = 0;
  const text = () => `  ${name}: ${mb(current)}${total ? ` of ${mb(total)} (${Math.floor((100 * current) / total)}%)` : ''}`;
  return {
    start(n, t, from) {
      name = n;
      total = t;
      current = from;
      last = 0;
      lastQuarter = t ? Math.floor((4 * from) / t) : 0;
      if (isTTY) out.write(`\r\x1b[2K${text()}`);
      else out.write(`  ${name}: downloading${t ? ` ${mb(t)}` : ''}${from ? `, resuming at ${mb(from)}` : ''}\n`);
    },
    update(done) {
      current = done;
      const now = Date.now();
      if (isTTY) {
        if (now - last < 100) return;
        last = now;
        out.write(`\r\x1b[2K${text()}`);
      } else if (total && total >= 1e6) {
        const quarter = Math.floor((4 * done) / total);
        if (quarter > lastQuarter && quarter < 4) out.write(`${text()}\n`);
        lastQuarter = quarter;
      }
    },
    end() {
      out.write(isTTY ? `\r\x1b[2K${text()}\n` : `${text()}\n`);
    },
  };
}

export const silentProgress: ProgressSink = { start() {}, update() {}, end() {} };

export interface DownloadOptions {
  /** File name for messages. */
  name: string;
  expectedBytes?: number;
  sha256?: string;
  progress?: ProgressSink;
  /** Attempts when the connection drops or the body ends early (each resumes where the last stopped). */
  attempts?: number;
  /** Time allowed to connect and receive the response headers. */
  connectTimeoutMs?: number;
  /** Time allowed without any byte arriving. */
  idleTimeoutMs?: number;
}

const hashFile = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/** Why a request failed, in words, from fetch's error chain. */
function describeNetworkError(err: unknown): { text: string; network: boolean } {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { text: 'no answer in time', network: true };
  const code = e.cause?.code ?? '';
  if (['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'].includes(code)) {
    return { text: `cannot connect (${e.cause?.message ?? code})`, network: true };
  }
  return { text: e.cause?.message ?? e.message ?? String(err), network: false };
}

/**
 * Downloads `url` to `dest` through `dest.part`, resuming a previous partial file. The final file
 * exists only if every check passed; a wrong size or checksum deletes the partial file.
 */
export async function download(url: string, dest: string, opts: DownloadOptions): Promise<void> {
  const { name, expectedBytes, sha256, progress = silentProgress, attempts = 3, connectTimeoutMs = 20_000, idleTimeoutMs = 30_000 } = opts;
  const part = `${dest}.part`;
  let lastProblem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let have = sizeOf(part);
    if (expectedBytes !== undefined && have > expectedBytes) {
      rmSync(part, { force: true });
      have = 0;
    }
    const controller = new AbortController();
    let timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), connectTimeoutMs);
    let res: Response;
    try {
      res = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, signal: controller.signal, redirect: 'follow' });
    } catch (err) {
      clearTimeout(timer);
      const why = describeNetworkError(err);
      // No connection at all on the first try: offline; retrying will not help.
      if (why.network && attempt === 1) throw new FetchError(`${name}: ${why.text} — ${url}`, 'network');
      lastProblem = why.text;
      continue;
    }
    if (res.status === 416) {
      // The partial file does not fit what the server has: start over.
      clearTimeout(timer);
      await res.body?.cancel();
      rmSync(part, { force: true });
      lastProblem = 'the server refused to resume (HTTP 416)';
      continue;
    }
    if (!res.ok) {
      clearTimeout(timer);
      await res.body?.cancel();
      throw new FetchError(`${name}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} from ${url}`, 'http');
    }
    let total: number | null;
    let append = false;
    if (res.status === 206) {
      const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
      if (!m || Number(m[1]) !== have) {
        // A range we did not ask for: restart from zero.
        clearTimeout(timer);
        await res.body?.cancel();
        rmSync(part, { force: true });
        lastProblem = 'the server answered with another byte range';
        continue;
      }
      append = true;
      total = m[2] === '*' ? null : Number(m[2]);
    } else {
      have = 0;
      const len = res.headers.get('content-length');
      total = len !== null && res.headers.get('content-encoding') === null ? Number(len) : null;
    }
    total ??= expectedBytes ?? null;
    mkdirSync(join(dest, '..'), { recursive: true });
    const fd = openSync(part, append ? 'a' : 'w');
    let done = have;
    progress.start(name, total, have);
    try {
      if (!res.body) throw new Error('empty response');
      const reader = res.body.getReader();
      for (;;) {
        clearTimeout(timer);
        timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), idleTimeoutMs);
        const { done: finished, value } = await reader.read();
        if (finished) break;
        writeSync(fd, value);
        done += value.byteLength;
        progress.update(done);
      }
    } catch (err) {
      lastProblem = `the connection dropped after ${mb(done)}${total ? ` of ${mb(total)}` : ''} (${describeNetworkError(err).text})`;
      continue;
    } finally {
      clearTimeout(timer);
      closeSync(fd);
      progress.end();
    }
    if (total !== null && done < total) {
      lastProblem = `the body ended after ${mb(done)} of ${mb(total)}`;
      continue;
    }
    if (expectedBytes !== undefined && done !== expectedBytes) {
      rmSync(part, { force: true });
      throw new FetchError(`${name}: wrong size, ${done} bytes instead of ${expectedBytes} from ${url}; discarded`, 'integrity');
    }
    if (sha256) {
      const got = hashFile(part);
      if (got !== sha256) {
        rmSync(part, { force: true });
        throw new FetchError(`${name}: checksum mismatch (sha256 ${got.slice(0, 12)}…, expected ${sha256.slice(0, 12)}…) from ${url}; discarded`, 'integrity');
      }
    }
    renameSync(part, dest);
    return;
  }
  throw new FetchError(
    `${name}: download incomplete after ${attempts} attempts, ${lastProblem} — ${url}; the partial file ${basename(part)} is kept to resume on the next run`,
    'incomplete',
  );
}

/** Files of a cache folder that are absent or do not match their pinned checksum (bad ones are deleted). */
export function verifyCache(spec: SourceSpec, dir: string): string[] {
  const bad: string[] = [];
  for (const f of spec.files) {
    const path = join(dir, f.name);
    if (!existsSync(path)) {
      bad.push(f.name);
    } else if (statSync(path).size !== f.bytes || hashFile(path) !== f.sha256) {
      rmSync(path, { force: true });
      bad.push(f.name);
    }
  }
  return bad;
}

/**
 * Unpacks the pinned files of a zip into `dir`: every file is checked first, then each is written
 * as .tmp and renamed, so a bad archive leaves nothing behind.
 */
export function unpackZip(spec: SourceSpec, zipPath: string, dir: string, prefix: string): void {
  const zipName = basename(zipPath);
  const wanted = new Map(spec.files.map((f) => [prefix + f.name, f]));
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(readFileSync(zipPath)), { filter: (e) => wanted.has(e.name) });
  } catch (err) {
    throw new FetchError(`${zipName}: not a readable zip archive (${(err as Error).message})`, 'integrity');
  }
  const absent = [...wanted.keys()].filter((k) => !entries[k]);
  if (absent.length) throw new FetchError(`${zipName}: the archive has no ${absent.join(', ')}`, 'integrity');
  for (const [entry, f] of wanted) {
    const got = createHash('sha256').update(entries[entry]!).digest('hex');
    if (got !== f.sha256) throw new FetchError(`${zipName}: ${entry} does not match its pinned checksum (sha256 ${got.slice(0, 12)}…, expected ${f.sha256.slice(0, 12)}…)`, 'integrity');
  }
  mkdirSync(dir, { recursive: true });
  for (const [entry, f] of wanted) writeFileSync(join(dir, `${f.name}.tmp`), entries[entry]!);
  for (const f of spec.files) renameSync(join(dir, `${f.name}.tmp`), join(dir, f.name));
}

interface Failure {
  resolved: Resolved;
  missing: string[];
  tried: string[];
  errors: FetchError[];
}

export interface EnsureOptions {
  env?: Env;
  root: string;
  progress?: ProgressSink;
  log?: (line: string) => void;
  download?: Partial<DownloadOptions>;
}

/** Fills the cache folder of one source from the network; returns the failure if it could not. */
async function fetchSource(r: Resolved, env: Env, opts: EnsureOptions, missing: string[]): Promise<Failure | null> {
  const { spec, dir } = r;
  const log = opts.log ?? ((l: string) => console.log(l));
  const urls = sourceUrls(spec, env);
  const failure: Failure = { resolved: r, missing, tried: [], errors: [] };
  log(`data: downloading ${spec.label} into ${dir}`);
  log(`data: licence: ${spec.licence}`);
  mkdirSync(dir, { recursive: true });
  const common = { progress: opts.progress ?? consoleProgress(), ...opts.download };
  if (spec.download.kind === 'zip') {
    const { name, url } = urls[0]!;
    const zipPath = join(dir, name);
    failure.tried.push(url);
    try {
      if (!existsSync(zipPath)) await download(url, zipPath, { ...common, name });
      unpackZip(spec, zipPath, dir, spec.download.prefix);
      rmSync(zipPath, { force: true }); // its verified contents are kept, not the archive
    } catch (err) {
      if (!(err instanceof FetchError)) throw err;
      rmSync(zipPath, { force: true }); // a complete but wrong archive is not kept
      failure.errors.push(err);
    }
  } else {
    const byName = new Map(spec.files.map((f) => [f.name, f]));
    for (const { name, url } of urls) {
      if (!missing.includes(name)) continue;
      const f = byName.get(name)!;
      failure.tried.push(url);
      try {
        await download(url, join(dir, name), { ...common, name, expectedBytes: f.bytes, sha256: f.sha256 });
      } catch (err) {
        if (!(err instanceof FetchError)) throw err;
        failure.errors.push(err);
        if (err.kind === 'network') break; // offline: do not try the other files one by one
      }
    }
  }
  const still = verifyCache(spec, dir);
  if (still.length === 0 && failure.errors.length === 0) return null;
  failure.missing = still;
  return failure;
}

/** The message for sources that are missing and could not be fetched: what, where it was looked for, URLs, variables. */
export function explainFailures(failures: readonly Failure[]): string {
  const offline = failures.every((f) => f.errors.length > 0 && f.errors.every((e) => e.kind === 'network'));
  const lines: string[] = [offline ? 'the raw data sets are not on this machine and could not be downloaded (no connection).' : 'some raw data could not be downloaded; nothing from a bad download was used.'];
  for (const { resolved: r, missing, tried, errors } of failures) {
    lines.push(`${r.spec.label}: missing ${missing.length === r.spec.files.length ? 'all of ' : ''}${missing.join(', ')}`);
    for (const p of r.passed) lines.push(`  looked in ${p.place.dir} (${p.place.via}): ${p.why}`);
    lines.push(`  looked in ${r.dir} (download cache): ${missing.length === r.spec.files.length ? 'empty' : 'incomplete'}`);
    for (const e of errors) lines.push(`  ${e.message}`);
    for (const u of tried.filter((u) => !errors.some((e) => e.message.includes(u)))) lines.push(`  tried ${u}`);
    const untried = r.spec.download.kind === 'files' ? missing.length - tried.length : 0;
    if (untried > 0) lines.push(`  (${untried} more file${untried > 1 ? 's' : ''} from the same place not tried)`);
  }
  lines.push(
    offline
      ? 'Connect to the internet and run again, or copy the data sets into one of those folders, or set:'
      : 'Run again to retry (an interrupted download resumes where it stopped), or use another copy:',
  );
  for (const [v, what] of DATA_VARIABLES) lines.push(`  ${v.padEnd(25)} ${what}`);
  return lines.join('\n');
}

/**
 * Resolves both sources and downloads what is missing. Returns the folder each is read from;
 * throws RawDataError with the whole explanation when something is still missing.
 */
export async function ensureRawData(opts: EnsureOptions): Promise<Record<SourceSpec['key'], string>> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((l: string) => console.log(l));
  const dirs = {} as Record<SourceSpec['key'], string>;
  const failures: Failure[] = [];
  for (const spec of SOURCES) {
    const r = resolveSource(spec, env, opts.root);
    dirs[spec.key] = r.dir;
    for (const p of r.passed) if (p.place.via.startsWith('RECOSTREAM_')) log(`data: ${p.place.via} has no usable ${spec.folder}/ (${p.why}), looking further`);
    if (r.kind !== 'cache') continue; // a given or complete local folder is read as it is
    const missing = verifyCache(spec, r.dir);
    if (missing.length === 0) continue;
    const failure = await fetchSource(r, env, opts, missing);
    if (failure) failures.push(failure);
  }
  if (failures.length) throw new RawDataError(explainFailures(failures));
  return dirs;
}

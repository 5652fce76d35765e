/**
 * Where model files come from. Loaders read files by name through a FileSource, so the same loader
 * runs in Node (files on disk, see `node/fs-source.ts`) and in the browser (app-served URLs).
 */
import { EmbedderError, type ProgressCallback } from './embedder';

/** Reads the files of one model by name. */
export interface FileSource {
  /** Where the files are, for error messages. */
  readonly location: string;
  /** Reads a whole file; `onBytes(loaded, total?)` reports this file's progress as bytes arrive. */
  read(name: string, onBytes?: (loaded: number, total: number | undefined) => void): Promise<Uint8Array>;
}

/**
 * A FileSource over HTTP(S) with `fetch`. `resolve` maps a file name to its URL, e.g.
 * `(name) => '/models/use-lite/' + name` or a table of bundler-emitted asset URLs.
 */
export function urlSource(resolve: (name: string) => string, location = 'app-served URLs'): FileSource {
  return {
    location,
    async read(name, onBytes) {
      const url = resolve(name);
      let res: Response;
      try {
        res = await fetch(url);
      } catch (cause) {
        throw new EmbedderError('LOAD_FAILED', `could not fetch model file ${name} from ${url}`, { cause });
      }
      if (res.status === 404) throw new EmbedderError('MODEL_NOT_FOUND', `model file ${name} not found at ${url}`);
      if (!res.ok) throw new EmbedderError('LOAD_FAILED', `fetching ${url} failed: HTTP ${res.status}`);
      const header = Number(res.headers.get('content-length'));
      // With Content-Encoding the header counts compressed bytes; it is then only a hint.
      const total = Number.isFinite(header) && header > 0 ? header : undefined;
      if (!res.body) {
        const bytes = new Uint8Array(await res.arrayBuffer());
        onBytes?.(bytes.byteLength, bytes.byteLength);
        return bytes;
      }
      const chunks: Uint8Array[] = [];
      let loaded = 0;
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        onBytes?.(loaded, total === undefined ? undefined : Math.max(total, loaded));
      }
      onBytes?.(loaded, loaded);
      return concatBytes(chunks, loaded);
    },
  };
}

/** Concatenates byte chunks into one array of `length` bytes. */
export function concatBytes(chunks: readonly Uint8Array[], length = chunks.reduce((n, c) => n + c.byteLength, 0)): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.byteLength === length) return chunks[0]!;
  const out = new Uint8Array(length);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/**
 * Sums per-file byte progress into one `{ loaded, total }` stream. A file's total is its reported
 * size, else the size announced with `expect`, else what has arrived so far.
 */
export class ByteProgress {
  private readonly files = new Map<string, { loaded: number; total: number | undefined; expected: number | undefined }>();
  constructor(private readonly onProgress?: ProgressCallback) {}

  /** Announces a file and (if known) its size before it is read. */
  expect(name: string, bytes?: number): void {
    const f = this.files.get(name);
    if (f) f.expected = bytes;
    else this.files.set(name, { loaded: 0, total: undefined, expected: bytes });
  }

  /** A per-file callback for `FileSource.read`. */
  track(name: string): (loaded: number, total: number | undefined) => void {
    this.expect(name, this.files.get(name)?.expected);
    return (loaded, total) => {
      const f = this.files.get(name)!;
      f.loaded = loaded;
      if (total !== undefined) f.total = total;
      this.emit();
    };
  }

  /** Current sums. */
  get value(): { loaded: number; total: number } {
    let loaded = 0;
    let total = 0;
    for (const f of this.files.values()) {
      loaded += f.loaded;
      total += Math.max(f.total ?? f.expected ?? 0, f.loaded);
    }
    return { loaded, total };
  }

  private emit(): void {
    this.onProgress?.(this.value);
  }
}

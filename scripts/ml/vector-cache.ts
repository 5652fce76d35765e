/**
 * Build-time cache of embeddings keyed by content: sha256(encoder id, text) → float32 vector.
 * One append-only file per encoder under data/cache/embeddings/, so a rebuild embeds only texts
 * that changed and an interrupted run keeps what it finished. Layout: "RSC1" u32, dim u32,
 * id byte length u32, id UTF-8, then records of [32-byte sha256][dim × f32 LE].
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { vectorsFileName } from '../../src/core/semantic/vectors-file';

const MAGIC = 0x31435352; // "RSC1"

/** Cache path of an encoder's vectors in `cacheDir`. */
export const cachePath = (cacheDir: string, encoderId: string) =>
  join(cacheDir, 'embeddings', vectorsFileName(encoderId).replace(/^vectors-/, '').replace(/\.bin$/, '.cache'));

export class VectorCache {
  private readonly map = new Map<string, Float32Array>();
  /** Records in the file, including superseded duplicates. */
  private records = 0;

  private constructor(
    readonly path: string,
    readonly encoderId: string,
    readonly dim: number,
  ) {}

  /** Opens (or starts) the cache; a file made for another encoder or dimension is discarded. */
  static open(path: string, encoderId: string, dim: number): VectorCache {
    const cache = new VectorCache(path, encoderId, dim);
    if (existsSync(path)) cache.load(readFileSync(path));
    if (cache.records === 0) cache.rewrite([]);
    return cache;
  }

  /** Cache key of a text for this encoder. */
  key(text: string): string {
    return createHash('sha256').update(this.encoderId).update('\0').update(text).digest('hex');
  }

  get(text: string): Float32Array | undefined {
    return this.map.get(this.key(text));
  }

  get size(): number {
    return this.map.size;
  }

  /** Stores vectors and appends them to the file at once. */
  add(entries: readonly (readonly [text: string, vector: Float32Array])[]): void {
    if (entries.length === 0) return;
    const rec = 32 + this.dim * 4;
    const buf = Buffer.alloc(entries.length * rec);
    entries.forEach(([text, v], i) => {
      if (v.length !== this.dim) throw new Error(`vector of dimension ${v.length} in a cache of dimension ${this.dim}`);
      const k = this.key(text);
      Buffer.from(k, 'hex').copy(buf, i * rec);
      Buffer.from(v.buffer, v.byteOffset, v.byteLength).copy(buf, i * rec + 32);
      this.map.set(k, Float32Array.from(v));
    });
    appendFileSync(this.path, buf);
    this.records += entries.length;
  }

  /** Rewrites the file with only the entries of `texts` when it holds many others (old texts, duplicates). */
  compact(texts: Iterable<string>): void {
    const keep = new Map<string, Float32Array>();
    for (const t of texts) {
      const k = this.key(t);
      const v = this.map.get(k);
      if (v) keep.set(k, v);
    }
    if (this.records <= keep.size * 1.25 + 16) return;
    this.map.clear();
    for (const [k, v] of keep) this.map.set(k, v);
    this.rewrite([...keep]);
  }

  private header(): Buffer {
    const id = Buffer.from(this.encoderId, 'utf8');
    const h = Buffer.alloc(12 + id.length);
    h.writeUInt32LE(MAGIC, 0);
    h.writeUInt32LE(this.dim, 4);
    h.writeUInt32LE(id.length, 8);
    id.copy(h, 12);
    return h;
  }

  private load(bytes: Buffer): void {
    const head = this.header();
    if (bytes.length < head.length || !bytes.subarray(0, head.length).equals(head)) return;
    const rec = 32 + this.dim * 4;
    // A torn final record (interrupted append) is ignored.
    for (let off = head.length; off + rec <= bytes.length; off += rec) {
      const k = bytes.subarray(off, off + 32).toString('hex');
      const v = new Float32Array(this.dim);
      Buffer.from(v.buffer).set(bytes.subarray(off + 32, off + rec));
      this.map.set(k, v);
      this.records++;
    }
  }

  private rewrite(entries: readonly (readonly [string, Float32Array])[]): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const rec = 32 + this.dim * 4;
    const head = this.header();
    const buf = Buffer.alloc(head.length + entries.length * rec);
    head.copy(buf, 0);
    entries.forEach(([k, v], i) => {
      Buffer.from(k, 'hex').copy(buf, head.length + i * rec);
      Buffer.from(v.buffer, v.byteOffset, v.byteLength).copy(buf, head.length + i * rec + 32);
    });
    writeFileSync(`${this.path}.tmp`, buf);
    renameSync(`${this.path}.tmp`, this.path);
    this.records = entries.length;
  }
}

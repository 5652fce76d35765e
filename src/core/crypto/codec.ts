/**
 * The byte form of a record's secret part before encryption: JSON for the structure, with typed
 * arrays (the per-user models are megabytes of them) moved to a binary tail instead of being
 * spelt out as numbers. Layout: "RSC1" | u32 JSON length (LE) | JSON (UTF-8) | zero padding to 8 |
 * the typed arrays' bytes, each starting at a multiple of 8.
 *
 * Supported values: null, booleans, finite and non-finite numbers, strings, arrays, plain objects
 * and typed arrays. `undefined` object fields are dropped (as JSON does). Anything else (Map, Date,
 * class instances) is refused with CodecError, never silently changed.
 */

export class CodecError extends Error {
  override name = 'CodecError';
}

const MAGIC = [0x52, 0x53, 0x43, 0x31]; // "RSC1"
const TAG = '\u0000rs';

const TYPED = {
  Float32Array,
  Float64Array,
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
} as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

const typedName = (v: unknown): TypedName | null => {
  for (const name of Object.keys(TYPED) as TypedName[]) if (v instanceof TYPED[name]) return name;
  return null;
};

const pad8 = (n: number) => (n + 7) & ~7;

/** Encodes `value` to bytes (see the module comment). */
export function encodeValue(value: unknown): Uint8Array {
  const chunks: Typed[] = [];
  let offset = 0;
  const walk = (v: unknown, path: string): unknown => {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : { [TAG]: 'num', v: String(v) };
    if (Array.isArray(v)) return v.map((x, i) => (x === undefined ? null : walk(x, `${path}[${i}]`)));
    const name = typedName(v);
    if (name) {
      const t = v as Typed;
      const at = offset;
      offset = pad8(offset + t.byteLength);
      chunks.push(t);
      return { [TAG]: name, o: at, n: t.length };
    }
    if (typeof v === 'object' && v !== undefined) {
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CodecError(`${path || 'value'}: cannot store a ${(v as object).constructor?.name ?? 'non-plain object'}`);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = walk(x, path ? `${path}.${k}` : k);
      return out;
    }
    throw new CodecError(`${path || 'value'}: cannot store a ${typeof v}`);
  };
  const json = new TextEncoder().encode(JSON.stringify(walk(value, '')));
  const head = pad8(8 + json.length);
  const out = new Uint8Array(head + offset);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  let at = head;
  for (const t of chunks) {
    out.set(new Uint8Array(t.buffer, t.byteOffset, t.byteLength), at);
    at = pad8(at + t.byteLength);
  }
  return out;
}

/** Decodes bytes made by encodeValue; throws CodecError on anything else. */
export function decodeValue(bytes: Uint8Array): unknown {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new CodecError('not an encoded record');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(4, true);
  if (8 + len > bytes.length) throw new CodecError('record cut short');
  let tree: unknown;
  try {
    tree = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + len)));
  } catch {
    throw new CodecError('record structure is not valid JSON');
  }
  const head = pad8(8 + len);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const tag = o[TAG];
    if (tag === 'num') return Number(o.v);
    if (typeof tag === 'string') {
      if (!(tag in TYPED)) throw new CodecError(`unknown array type ${tag}`);
      const Ctor = TYPED[tag as TypedName];
      const off = o.o;
      const n = o.n;
      if (!Number.isInteger(off) || !Number.isInteger(n) || (off as number) < 0 || (n as number) < 0) throw new CodecError('bad array reference');
      const start = head + (off as number);
      const size = (n as number) * Ctor.BYTES_PER_ELEMENT;
      if (start + size > bytes.length) throw new CodecError('array outside the record');
      // Copy into a fresh, aligned buffer: the result owns its memory.
      const copy = bytes.slice(start, start + size);
      return new Ctor(copy.buffer, 0, n as number);
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = walk(x);
    return out;
  };
  return walk(tree);
}

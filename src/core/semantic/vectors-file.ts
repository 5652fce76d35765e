/**
 * The catalogue vectors file (`vectors-<encoder>.bin`): int8 vectors with a per-vector scale.
 * Layout, little-endian: magic "RSV1" u32, format version u32, count u32, dim u32, id byte length u32,
 * encoder id UTF-8 padded to 4 bytes, scales f32[count], data i8[count·dim] (row-major).
 */
import { SemanticError } from './errors';
import { quantizeInt8 } from './quantize';

const MAGIC = 0x31565352; // "RSV1" read as a little-endian u32
const VERSION = 1;
const HEADER_WORDS = 5;

const pad4 = (n: number) => (n + 3) & ~3;

/** Catalogue vectors in memory: row i is `scales[i] · data[i·dim … (i+1)·dim)`. */
export interface VectorSet {
  /** Which encoder produced the vectors; vectors of different encoders are not comparable. */
  encoderId: string;
  count: number;
  dim: number;
  scales: Float32Array;
  data: Int8Array;
}

/** Quantises float vectors (all of length `dim`) into a VectorSet. */
export function quantizeVectors(encoderId: string, vectors: readonly ArrayLike<number>[], dim: number): VectorSet {
  if (!encoderId) throw new SemanticError('BAD_ARGUMENT', 'encoder id must not be empty');
  if (!Number.isInteger(dim) || dim <= 0) throw new SemanticError('BAD_ARGUMENT', `bad dimension ${dim}`);
  const count = vectors.length;
  const scales = new Float32Array(count);
  const data = new Int8Array(count * dim);
  vectors.forEach((v, i) => {
    if (v.length !== dim) throw new SemanticError('DIM_MISMATCH', `vector ${i} has dimension ${v.length}, expected ${dim}`);
    scales[i] = quantizeInt8(v, data.subarray(i * dim, (i + 1) * dim)).scale;
  });
  return { encoderId, count, dim, scales, data };
}

/** Serialises a VectorSet to the binary file format. */
export function encodeVectorsFile(set: VectorSet): Uint8Array {
  const id = new TextEncoder().encode(set.encoderId);
  const offScales = HEADER_WORDS * 4 + pad4(id.length);
  const offData = offScales + set.count * 4;
  const buf = new ArrayBuffer(offData + set.count * set.dim);
  new Uint32Array(buf, 0, HEADER_WORDS).set([MAGIC, VERSION, set.count, set.dim, id.length]);
  new Uint8Array(buf, HEADER_WORDS * 4, id.length).set(id);
  new Float32Array(buf, offScales, set.count).set(set.scales);
  new Int8Array(buf, offData, set.count * set.dim).set(set.data);
  return new Uint8Array(buf);
}

/** Parses a vectors file; throws `SemanticError('BAD_VECTORS_FILE')` on wrong magic, version or size. */
export function decodeVectorsFile(bytes: ArrayBuffer | Uint8Array): VectorSet {
  // Typed-array views need 4-byte alignment: copy unless we own an aligned buffer.
  const buf = bytes instanceof Uint8Array ? bytes.slice().buffer : bytes;
  const bad = (why: string) => new SemanticError('BAD_VECTORS_FILE', `not a RecoStream vectors file: ${why}`);
  if (buf.byteLength < HEADER_WORDS * 4) throw bad('truncated header');
  const [magic, version, count, dim, idLen] = new Uint32Array(buf, 0, HEADER_WORDS) as unknown as number[];
  if (magic !== MAGIC) throw bad('wrong magic');
  if (version !== VERSION) throw bad(`unsupported version ${version}`);
  const offScales = HEADER_WORDS * 4 + pad4(idLen!);
  const offData = offScales + count! * 4;
  if (buf.byteLength !== offData + count! * dim!) throw bad(`expected ${offData + count! * dim!} bytes, got ${buf.byteLength}`);
  const encoderId = new TextDecoder().decode(new Uint8Array(buf, HEADER_WORDS * 4, idLen));
  return {
    encoderId,
    count: count!,
    dim: dim!,
    scales: new Float32Array(buf, offScales, count),
    data: new Int8Array(buf, offData, count! * dim!),
  };
}

/** Throws `SemanticError('ENCODER_MISMATCH')` unless the set was made by `encoderId`. */
export function assertSameEncoder(set: Pick<VectorSet, 'encoderId'>, encoderId: string): void {
  if (set.encoderId !== encoderId) {
    throw new SemanticError(
      'ENCODER_MISMATCH',
      `catalogue vectors were made by "${set.encoderId}" but queries are embedded by "${encoderId}"; ` +
        'their vector spaces are not comparable. Rebuild the vectors (npm run data) or load the matching encoder.',
    );
  }
}

/** File name of the vectors of an encoder, safe in URLs and on every file system. */
export function vectorsFileName(encoderId: string): string {
  return `vectors-${encoderId.replace(/[^A-Za-z0-9._-]+/g, '-')}.bin`;
}

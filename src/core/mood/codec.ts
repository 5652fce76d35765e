/**
 * `moods.bin`: the per-movie mood profiles shipped with the catalogue (rows in catalogue order).
 *
 * Layout, little-endian:
 *   0  u32  magic "RSM1"
 *   4  u16  format version (1)
 *   6  u16  number of moods k
 *   8  u32  number of movies n
 *  12  u32  byte length L of the mood id list
 *  16  L    mood ids, UTF-8, comma-separated (column order), zero-padded to a multiple of 4
 *  16+pad4(L)  n·k bytes: round(score · 255), row-major (movie, then mood)
 */
import { MOOD_IDS, type MoodId } from './moods';
import type { MoodMatrix } from './profile';

const MAGIC = 0x314d5352; // "RSM1" little-endian
const VERSION = 1;
const HEADER = 16;
const pad4 = (n: number) => (n + 3) & ~3;

/** Why a `moods.bin` could not be read. */
export type MoodCodecErrorCode = 'ERR_MOODS_MAGIC' | 'ERR_MOODS_VERSION' | 'ERR_MOODS_TRUNCATED' | 'ERR_MOODS_IDS' | 'ERR_MOODS_COUNT';

/** A malformed or mismatched `moods.bin`; `code` is stable for callers to switch on. */
export class MoodCodecError extends Error {
  constructor(
    readonly code: MoodCodecErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MoodCodecError';
  }
}

/** Encodes a mood matrix (scores clamped to [0, 1], quantised to 1/255). */
export function encodeMoods(matrix: MoodMatrix): Uint8Array {
  const k = matrix.moods.length;
  if (matrix.scores.length !== matrix.nMovies * k) throw new RangeError('mood matrix has the wrong number of scores');
  if (k > 0xffff) throw new RangeError('too many moods');
  const ids = new TextEncoder().encode(matrix.moods.join(','));
  const dataOff = HEADER + pad4(ids.length);
  const bytes = new Uint8Array(dataOff + matrix.scores.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint16(4, VERSION, true);
  view.setUint16(6, k, true);
  view.setUint32(8, matrix.nMovies, true);
  view.setUint32(12, ids.length, true);
  bytes.set(ids, HEADER);
  for (let i = 0; i < matrix.scores.length; i++) {
    const s = matrix.scores[i]!;
    bytes[dataOff + i] = Math.round(Math.min(1, Math.max(0, Number.isNaN(s) ? 0 : s)) * 255);
  }
  return bytes;
}

/** What `decodeMoods` should check besides the format. */
export interface DecodeMoodsOptions {
  /** Expected number of movies (the catalogue length). */
  nMovies?: number;
  /** Expected mood columns; defaults to the current `MOOD_IDS`. Pass `null` to accept any. */
  moods?: readonly string[] | null;
}

/** Decodes `moods.bin` into scores in [0, 1]; throws `MoodCodecError` when it is malformed or stale. */
export function decodeMoods(input: ArrayBuffer | Uint8Array, options: DecodeMoodsOptions = {}): MoodMatrix {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength < HEADER) throw new MoodCodecError('ERR_MOODS_TRUNCATED', 'moods.bin is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new MoodCodecError('ERR_MOODS_MAGIC', 'moods.bin is not a RecoStream mood file');
  const version = view.getUint16(4, true);
  if (version !== VERSION) throw new MoodCodecError('ERR_MOODS_VERSION', `moods.bin has format version ${version}, expected ${VERSION}`);
  const k = view.getUint16(6, true);
  const n = view.getUint32(8, true);
  const idLen = view.getUint32(12, true);
  const dataOff = HEADER + pad4(idLen);
  if (bytes.byteLength !== dataOff + n * k) throw new MoodCodecError('ERR_MOODS_TRUNCATED', 'moods.bin is truncated');
  const text = new TextDecoder().decode(bytes.subarray(HEADER, HEADER + idLen));
  const moods = text === '' ? [] : text.split(',');
  if (moods.length !== k) throw new MoodCodecError('ERR_MOODS_IDS', 'moods.bin header lists the wrong number of moods');
  const expected = options.moods === undefined ? MOOD_IDS : options.moods;
  if (expected && expected.join(',') !== moods.join(',')) {
    throw new MoodCodecError('ERR_MOODS_IDS', `moods.bin has moods [${moods.join(', ')}], expected [${expected.join(', ')}]`);
  }
  if (options.nMovies !== undefined && options.nMovies !== n) {
    throw new MoodCodecError('ERR_MOODS_COUNT', `moods.bin has ${n} movies, the catalogue ${options.nMovies}`);
  }
  const scores = new Float32Array(n * k);
  for (let i = 0; i < scores.length; i++) scores[i] = bytes[dataOff + i]! / 255;
  return { moods: moods as MoodId[], nMovies: n, scores };
}

import { describe, expect, it } from 'vitest';
import { SemanticError } from './errors';
import { assertSameEncoder, decodeVectorsFile, encodeVectorsFile, quantizeVectors, vectorsFileName } from './vectors-file';

const catchError = (fn: () => unknown): SemanticError => {
  try {
    fn();
  } catch (err) {
    return err as SemanticError;
  }
  throw new Error('expected a throw');
};

describe('vectors file', () => {
  const set = quantizeVectors('enc-é@1', [[2.54, -1.0, 0.5], [0, 0, 0], [0.1, 0.2, -0.3]], 3);

  it('has the documented layout', () => {
    const bytes = encodeVectorsFile(set);
    // 5 header words + "enc-é@1" (8 UTF-8 bytes, already 4-aligned) + 3 scales + 9 int8.
    expect(bytes.byteLength).toBe(20 + 8 + 12 + 9);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RSV1');
    const words = new Uint32Array(bytes.buffer, 0, 5);
    expect(Array.from(words.subarray(1))).toEqual([1, 3, 3, 8]);
    expect(Array.from(new Int8Array(bytes.buffer, 40, 3))).toEqual([127, -50, 25]);
  });

  it('round-trips, also from an unaligned slice', () => {
    const bytes = encodeVectorsFile(set);
    const shifted = new Uint8Array(bytes.byteLength + 1);
    shifted.set(bytes, 1);
    for (const input of [bytes, shifted.subarray(1)]) {
      const back = decodeVectorsFile(input);
      expect(back.encoderId).toBe('enc-é@1');
      expect([back.count, back.dim]).toEqual([3, 3]);
      expect(Array.from(back.scales)).toEqual(Array.from(set.scales));
      expect(Array.from(back.data)).toEqual(Array.from(set.data));
    }
  });

  it('rejects foreign or truncated bytes', () => {
    const bytes = encodeVectorsFile(set);
    expect(catchError(() => decodeVectorsFile(bytes.subarray(0, bytes.length - 1))).code).toBe('BAD_VECTORS_FILE');
    const wrong = bytes.slice();
    wrong[0] = 0;
    expect(catchError(() => decodeVectorsFile(wrong)).message).toMatch(/magic/);
    expect(catchError(() => decodeVectorsFile(new Uint8Array(8))).code).toBe('BAD_VECTORS_FILE');
  });

  it('rejects vectors of the wrong dimension when quantising', () => {
    expect(catchError(() => quantizeVectors('e', [[1, 2]], 3)).code).toBe('DIM_MISMATCH');
  });

  it('refuses to mix encoders', () => {
    expect(() => assertSameEncoder(set, 'enc-é@1')).not.toThrow();
    const err = catchError(() => assertSameEncoder(set, 'other'));
    expect(err.code).toBe('ENCODER_MISMATCH');
    expect(err.message).toContain('"enc-é@1"');
  });

  it('names files safely', () => {
    expect(vectorsFileName('use-lite-512@energetic-ai-0.2.0')).toBe('vectors-use-lite-512-energetic-ai-0.2.0.bin');
    expect(vectorsFileName('sbert/Xenova/all-MiniLM-L6-v2')).toBe('vectors-sbert-Xenova-all-MiniLM-L6-v2.bin');
  });
});

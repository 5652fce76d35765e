import { describe, expect, it } from 'vitest';
import { timingSafeEqual } from './constant-time';

describe('timingSafeEqual', () => {
  it('is true only for identical bytes', () => {
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([0, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([]), new Uint8Array([]))).toBe(true);
  });

  it('is false for different lengths, even when one is a prefix of the other', () => {
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });

  it('tells 0x80 from 0x00 (no sign or bit-width slip)', () => {
    expect(timingSafeEqual(new Uint8Array([0x80]), new Uint8Array([0x00]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([0xff]), new Uint8Array([0xff]))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { groupDigits } from './digits';

describe('groupDigits', () => {
  it('writes counts as toLocaleString("en") does', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(7)).toBe('7');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1000)).toBe('1,000');
    expect(groupDigits(9742)).toBe('9,742');
    expect(groupDigits(100836)).toBe('100,836');
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(groupDigits(-45678)).toBe('-45,678');
    const values = [...Array.from({ length: 2000 }, (_, i) => i * 997 - 50_000), Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e15];
    for (const v of values) expect(groupDigits(v)).toBe(v.toLocaleString('en'));
  });

  it('leaves what is not a safe integer to the locale formatter', () => {
    expect(groupDigits(1234.5)).toBe('1,234.5');
    expect(groupDigits(Number.NaN)).toBe('NaN');
    expect(groupDigits(2 ** 60)).toBe((2 ** 60).toLocaleString('en'));
  });
});

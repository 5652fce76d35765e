import { describe, expect, it } from 'vitest';
import { checkUsername, normaliseUsername, usernameKey } from './username';

describe('usernames', () => {
  it('trims, collapses inner whitespace and NFC-normalises', () => {
    // "e" + COMBINING ACUTE (NFD) becomes the single code point U+00E9.
    expect(normaliseUsername('  Ame\u0301lie   Poulain ')).toBe('Am\u00e9lie Poulain');
  });

  it('gives one key for names that differ only by case or normal form', () => {
    expect(usernameKey('ADA')).toBe('ada');
    expect(usernameKey('Ame\u0301lie')).toBe(usernameKey('AM\u00c9LIE'));
    expect(usernameKey('Straße')).toBe(usernameKey('STRASSE'));
  });

  it('accepts letters in any script, digits, space and ._-', () => {
    expect(checkUsername('ada.lovelace_1815-x')).toEqual({ ok: true, username: 'ada.lovelace_1815-x', key: 'ada.lovelace_1815-x' });
    expect(checkUsername('Zoë K')).toMatchObject({ ok: true, username: 'Zoë K', key: 'zoë k' });
    expect(checkUsername('東京太郎')).toMatchObject({ ok: true });
  });

  it('counts length in characters: 3 to 32', () => {
    expect(checkUsername('ab')).toMatchObject({ ok: false, rule: 'too-short' });
    expect(checkUsername('  ab  ')).toMatchObject({ ok: false, rule: 'too-short' });
    expect(checkUsername('abc')).toMatchObject({ ok: true });
    expect(checkUsername('a'.repeat(32))).toMatchObject({ ok: true });
    const long = checkUsername('a'.repeat(33));
    expect(long).toMatchObject({ ok: false, rule: 'too-long' });
    expect(long.ok ? '' : long.message).toContain('33 characters');
    // Three astral letters are three characters, not six UTF-16 units.
    expect(checkUsername('𝒜𝒷𝒸')).toMatchObject({ ok: true });
  });

  it('names the offending character', () => {
    const r = checkUsername('ada@home');
    expect(r).toMatchObject({ ok: false, rule: 'character' });
    expect(r.ok ? '' : r.message).toMatch(/^"@" is not allowed/);
    const tab = checkUsername('ada\u200bx');
    expect(tab.ok ? '' : tab.message).toMatch(/^U\+200B is not allowed/);
  });

  it('rejects names that start or end with punctuation', () => {
    expect(checkUsername('.ada')).toMatchObject({ ok: false, rule: 'edges' });
    expect(checkUsername('ada-')).toMatchObject({ ok: false, rule: 'edges' });
  });
});

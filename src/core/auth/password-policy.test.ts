import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, COMMON_PASSWORDS_SOURCE } from './common-passwords';
import { PASSWORD_MAX, checkPassword, commonPasswordList, foldPassword, normalisePassword } from './password-policy';

const common = commonPasswordList(COMMON_PASSWORDS);
const check = (p: string, username?: string) => checkPassword(p, username === undefined ? { common } : { common, username });

describe('bundled common-password list', () => {
  it('holds the real zxcvbn list entries of 8+ characters, folded and unique', () => {
    const lines = COMMON_PASSWORDS.split('\n');
    expect(lines.length).toBe(COMMON_PASSWORDS_SOURCE.kept);
    expect(lines.length).toBeGreaterThanOrEqual(1000);
    expect(common.size).toBe(lines.length);
    expect(lines.slice(0, 3)).toEqual(['password', '12345678', '123456789']);
    expect(lines.every((l) => Array.from(l).length >= 8 && l === foldPassword(l))).toBe(true);
  });
});

describe('checkPassword', () => {
  it('needs 8 characters, counted as characters not UTF-16 units', () => {
    expect(check('short12')).toMatchObject({ ok: false, rule: 'too-short' });
    const r = check('short12');
    expect(r.ok ? '' : r.message).toContain('you have 7');
    // Seven emoji are 14 UTF-16 units but 7 characters.
    expect(check('🎬🍿🎥📽🎞🎦🎭')).toMatchObject({ ok: false, rule: 'too-short' });
    expect(check('🎬🍿🎥📽🎞🎦🎭🎫')).toEqual({ ok: true });
  });

  it('allows long passphrases with spaces up to 256 characters', () => {
    const phrase = 'correct horse battery staple on a rainy tuesday with popcorn and a long film ';
    expect(phrase.length).toBeGreaterThan(64);
    expect(check(phrase)).toEqual({ ok: true });
    expect(check('x'.repeat(PASSWORD_MAX - 1) + 'y')).toEqual({ ok: true });
    expect(check('xy'.repeat(129))).toMatchObject({ ok: false, rule: 'too-long' });
  });

  it('has no composition rules: lower-case letters only are fine', () => {
    expect(check('plumtreevalley')).toEqual({ ok: true });
  });

  it('refuses common passwords whatever their case', () => {
    expect(check('password')).toMatchObject({ ok: false, rule: 'common' });
    expect(check('PassWord1')).toMatchObject({ ok: false, rule: 'common' });
    expect(check('iloveyou')).toMatchObject({ ok: false, rule: 'common' });
    expect(check('qwertyuiop')).toMatchObject({ ok: false, rule: 'common' });
  });

  it('refuses the username, the app name and simple derivatives of them', () => {
    expect(check('Marguerite', 'marguerite')).toMatchObject({ ok: false, rule: 'context' });
    expect(check('marguerite2024!', 'Marguerite')).toMatchObject({ ok: false, rule: 'context' });
    expect(check('RecoStream99')).toMatchObject({ ok: false, rule: 'context' });
    expect(check('marguerite loves films', 'Marguerite')).toEqual({ ok: true });
  });

  it('refuses one repeated character and straight sequences', () => {
    expect(check('zzzzzzzzz')).toMatchObject({ ok: false, rule: 'repetitive' });
    expect(check('lmnopqrs')).toMatchObject({ ok: false, rule: 'repetitive' });
    expect(check('98765432')).toMatchObject({ ok: false, rule: 'repetitive' });
    expect(check('lmnopqrt')).toEqual({ ok: true });
  });

  it('normalises with NFKC before hashing and comparing', () => {
    // U+FB01 LATIN SMALL LIGATURE FI folds to "fi"; full-width digits fold to ASCII.
    expect(normalisePassword('\uFB01lm')).toBe('film');
    expect(foldPassword('ＰＡＳＳＷＯＲＤ')).toBe('password');
    expect(check('ＰＡＳＳＷＯＲＤ')).toMatchObject({ ok: false, rule: 'common' });
  });
});

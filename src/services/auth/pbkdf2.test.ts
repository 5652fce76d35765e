import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './base64';
import { pbkdf2Sha256 } from './pbkdf2';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('pbkdf2Sha256', () => {
  it('matches RFC 7914 §11 vector 1 (P="passwd", S="salt", c=1, dkLen=64)', async () => {
    const dk = await pbkdf2Sha256('passwd', utf8('salt'), 1, 64);
    expect(hex(dk)).toBe(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc' +
        '49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
    );
  });

  it('matches RFC 7914 §11 vector 2 (P="Password", S="NaCl", c=80000, dkLen=64)', async () => {
    const dk = await pbkdf2Sha256('Password', utf8('NaCl'), 80000, 64);
    expect(hex(dk)).toBe(
      '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56' +
        'a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d',
    );
  });

  it('refuses zero iterations', async () => {
    await expect(pbkdf2Sha256('x', utf8('s'), 0)).rejects.toThrow(RangeError);
  });
});

describe('base64', () => {
  it('round-trips all byte values', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64(toBase64(all))).toEqual(all);
    expect(toBase64(utf8('salt'))).toBe('c2FsdA==');
  });
});

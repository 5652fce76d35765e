import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it('keeps in-app hash routes', () => {
    expect(safeReturnTo('#/movie/1')).toBe('#/movie/1');
    expect(safeReturnTo('#/search?q=space%20opera')).toBe('#/search?q=space%20opera');
    expect(safeReturnTo('#/account')).toBe('#/account');
  });

  it('refuses other schemes, other sites and sign-in pages', () => {
    expect(safeReturnTo('javascript:alert(1)')).toBe('#/');
    expect(safeReturnTo('https://example.org/#/')).toBe('#/');
    expect(safeReturnTo('//example.org')).toBe('#/');
    expect(safeReturnTo('#/login?next=%23%2Faccount')).toBe('#/');
    expect(safeReturnTo('#/signup')).toBe('#/');
    expect(safeReturnTo('#/movie/1\n')).toBe('#/');
    expect(safeReturnTo(undefined)).toBe('#/');
    expect(safeReturnTo('#/loginx')).toBe('#/loginx');
  });
});

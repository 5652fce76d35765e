import { describe, expect, it } from 'vitest';
import { href, parseHash, type Route } from './routes';

describe('routes', () => {
  it('parses the known routes', () => {
    expect(parseHash('')).toEqual({ name: 'home' });
    expect(parseHash('#/')).toEqual({ name: 'home' });
    expect(parseHash('#/movie/260')).toEqual({ name: 'movie', id: 260 });
    expect(parseHash('#/search?q=toy%20story')).toEqual({ name: 'search', q: 'toy story' });
    expect(parseHash('#/login?next=%23%2Ffeedback')).toEqual({ name: 'login', next: '#/feedback' });
  });
  it('sends malformed paths to not-found', () => {
    expect(parseHash('#/movie/abc')).toEqual({ name: 'not-found', path: '/movie/abc' });
    expect(parseHash('#/movie/-3')).toEqual({ name: 'not-found', path: '/movie/-3' });
    expect(parseHash('#/nope')).toEqual({ name: 'not-found', path: '/nope' });
    expect(parseHash('#/about/x')).toEqual({ name: 'not-found', path: '/about/x' });
  });
  it('round-trips through href', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'movie', id: 1 },
      { name: 'search', q: 'sci-fi & space?' },
      { name: 'login', next: '#/movie/1', user: 'Ada' },
      { name: 'signup' },
      { name: 'insights' },
    ];
    for (const r of routes) expect(parseHash(href(r))).toEqual(r);
  });
});

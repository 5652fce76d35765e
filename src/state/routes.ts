/** Hash routes: parsing and formatting. Hash routing works on any static host and offline. */

export type Route =
  | { name: 'home' }
  | { name: 'search'; q: string }
  | { name: 'movie'; id: number }
  | { name: 'about' }
  | { name: 'settings' }
  | { name: 'login'; next?: string; user?: string }
  | { name: 'signup'; next?: string }
  | { name: 'profiles' }
  | { name: 'account' }
  | { name: 'feedback' }
  | { name: 'discover' }
  | { name: 'insights' }
  | { name: 'not-found'; path: string };

/** Parses `#/movie/1`, `#/search?q=…` and the like; anything unknown is `not-found`. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  const [head, arg] = parts;
  const opt = (k: string) => params.get(k) ?? undefined;
  switch (head) {
    case undefined:
      return { name: 'home' };
    case 'search':
      return { name: 'search', q: params.get('q') ?? '' };
    case 'movie': {
      const id = Number(arg);
      return Number.isInteger(id) && id > 0 ? { name: 'movie', id } : { name: 'not-found', path };
    }
    case 'login': {
      const r: Route = { name: 'login' };
      const next = opt('next');
      const user = opt('user');
      if (next) r.next = next;
      if (user) r.user = user;
      return r;
    }
    case 'signup': {
      const next = opt('next');
      return next ? { name: 'signup', next } : { name: 'signup' };
    }
    case 'about':
    case 'settings':
    case 'profiles':
    case 'account':
    case 'feedback':
    case 'discover':
    case 'insights':
      return parts.length === 1 ? { name: head } : { name: 'not-found', path };
    default:
      return { name: 'not-found', path };
  }
}

/** The hash for a route (inverse of parseHash). */
export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'search':
      return `#/search?q=${encodeURIComponent(route.q)}`;
    case 'movie':
      return `#/movie/${route.id}`;
    case 'login': {
      const p = new URLSearchParams();
      if (route.next) p.set('next', route.next);
      if (route.user) p.set('user', route.user);
      const s = p.toString();
      return s ? `#/login?${s}` : '#/login';
    }
    case 'signup':
      return route.next ? `#/signup?next=${encodeURIComponent(route.next)}` : '#/signup';
    case 'not-found':
      return `#${route.path}`;
    default:
      return `#/${route.name}`;
  }
}

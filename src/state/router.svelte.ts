/** The current route as rune state, following `location.hash`. */
import { href, parseHash, type Route } from './routes';

export const router = $state<{ route: Route }>({ route: parseHash(location.hash) });

window.addEventListener('hashchange', () => {
  router.route = parseHash(location.hash);
});

/** Navigates to a route: adds a history entry, or replaces the current one with `replace`. */
export function navigate(route: Route, opts: { replace?: boolean } = {}): void {
  const h = href(route);
  if (opts.replace) {
    history.replaceState(history.state, '', h);
    router.route = parseHash(h);
  } else if (location.hash === h) router.route = parseHash(h);
  else location.hash = h;
}

/** The current location as a hash string, for "come back here after login". */
export function currentHref(): string {
  return location.hash || '#/';
}

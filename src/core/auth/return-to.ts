/** The "come back here after sign-in" address, restricted to this app's own hash routes. */

const AUTH_PAGES = /^#\/(login|signup|profiles)(?:[/?]|$)/;

/** `next` if it is an in-app hash route (not a sign-in page), else the home route. */
export function safeReturnTo(next: string | undefined | null): string {
  if (typeof next !== 'string' || next.length > 2000) return '#/';
  if (!next.startsWith('#/') || /[\p{Cc}\\]/u.test(next) || AUTH_PAGES.test(next)) return '#/';
  return next;
}

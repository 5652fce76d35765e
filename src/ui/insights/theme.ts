/** Reads the theme's colours for the charts and tells when they change (system scheme or the app's data-theme). */
import type { ThemeToken } from './spec';

export type ThemeColours = Record<ThemeToken | 'border' | 'bg', string>;

const TOKENS: (keyof ThemeColours)[] = ['accent', 'ok', 'warn', 'danger', 'focus', 'muted', 'fg', 'border', 'bg'];

/** The current values of the theme's CSS variables. */
export function readTheme(el: Element = document.documentElement): ThemeColours {
  const style = getComputedStyle(el);
  return Object.fromEntries(TOKENS.map((t) => [t, style.getPropertyValue(`--${t}`).trim() || '#888888'])) as ThemeColours;
}

/** Calls `onchange` when the colour scheme or the `data-theme` attribute changes; returns a stop function. */
export function watchTheme(onchange: () => void): () => void {
  const media = matchMedia('(prefers-color-scheme: light)');
  media.addEventListener('change', onchange);
  const observer = new MutationObserver(onchange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    media.removeEventListener('change', onchange);
    observer.disconnect();
  };
}

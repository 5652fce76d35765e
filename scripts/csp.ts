/**
 * The app's Content-Security-Policy, written into the built index.html as a <meta> tag (static
 * hosts cannot be relied on for headers). Scripts and workers come from this origin only, no inline
 * script; network access only to this origin. Styles allow inline attributes: Svelte templates
 * carry a few `style="…"` attributes and Chart.js sizes its canvas through them; no script can
 * run from a style. The encoders' WebAssembly runs in workers/ml.worker.ts, whose policy comes from
 * its own response (a meta tag does not reach workers), so the page itself needs no
 * 'wasm-unsafe-eval'. `frame-ancestors` cannot be set from a meta tag (header only).
 */
import type { Plugin } from 'vite';

export interface CspOptions {
  /** Add 'wasm-unsafe-eval' to script-src (a page that compiles WebAssembly on its own thread). */
  wasm?: boolean;
}

/** The directives, in order. */
export function cspDirectives(options: CspOptions = {}): [string, string[]][] {
  return [
    ['default-src', ["'self'"]],
    ['script-src', options.wasm ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'"]],
    ['worker-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['font-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
  ];
}

/** The policy as one header/meta value. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  return cspDirectives(options)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/**
 * A Vite plugin that puts the policy first in <head> of the built page (not in the dev server,
 * whose hot reload needs a WebSocket and inline modules), and fails the build if the page has an
 * inline script the policy would block.
 */
export function cspMeta(options: CspOptions = {}): Plugin {
  return {
    name: 'recostream-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const inline = /<script\b(?![^>]*\bsrc=)[^>]*>/i.exec(html);
        if (inline) throw new Error(`index.html has an inline script, which the Content-Security-Policy blocks: ${inline[0]}`);
        const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options)}" />`;
        return html.replace(/<head>(\s*)/i, (_m, ws: string) => `<head>${ws}${meta}${ws}`);
      },
    },
  };
}

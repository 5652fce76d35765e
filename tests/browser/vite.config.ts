/**
 * Test-only harness build for tests/e2e/sbert.spec.ts: a page that runs the Sentence-BERT path
 * (src/ml/sbert) in a module worker, served with the generated tiny BERT under `models/tiny-bert/`.
 * Kept apart from the app build. The spec builds it into a temp folder; by hand:
 * `npx vite build -c tests/browser/vite.config.ts && npx vite preview -c tests/browser/vite.config.ts`
 * (output in the git-ignored test-results/sbert-harness/).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { cspMeta } from '../../scripts/csp.ts';
import { TINY_MODEL_ID, writeTinyBert } from '../../scripts/ml/tiny-bert.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Writes the tiny model next to the bundle (models/tiny-bert/…) once the bundle is written. */
function tinyBert(): Plugin {
  let outDir = '';
  return {
    name: 'tiny-bert-model',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      writeTinyBert(join(outDir, 'models', TINY_MODEL_ID));
    },
  };
}

/** Same isolation headers as the app's preview, so ORT runs as it does for users (multi-threaded). */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: join(here, 'sbert'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  // The app's Content-Security-Policy, so transformers.js is tested under it.
  plugins: [tinyBert(), cspMeta()],
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', headers: isolation },
  build: {
    target: 'es2022',
    outDir: join(here, '..', '..', 'test-results', 'sbert-harness'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});

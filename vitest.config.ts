import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  test: {
    environment: 'node',
    env: { TZ: 'UTC' },
    testTimeout: 60_000,
    // Upper bound for beforeAll/afterAll (training CF on the real data, zipping the fetch fixtures):
    // the 10 s default ran out on a loaded 2-core machine (load average ~25 with two CPU hogs).
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts'] },
      },
      {
        // The rune state modules, compiled for the browser and run in Node (tests/state/environment.ts).
        extends: true,
        resolve: { conditions: ['browser'] },
        test: { name: 'state', include: ['tests/state/**/*.test.ts'], environment: './tests/state/environment.ts' },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        plugins: [WxtVitest()],
        // openpgp's lightweight build (lazy Argon2 and legacy ciphers) is for browsers only; Node
        // runs its Node build, the same library.
        resolve: { alias: { 'openpgp/lightweight': 'openpgp' } },
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], testTimeout: 30_000 },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          globalSetup: ['test/temp-folders.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          globalSetup: ['test/temp-folders.setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Each file starts its own browser and server; two cores fit one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});

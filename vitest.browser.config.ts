import { defineConfig } from 'vitest/config';

// The dashboard's browser test (`npm run test:browser`): Debian's Chromium drives the built CLI's page. Kept out
// of `npm test` so a newcomer needs no browser; .ci/run installs Chromium and runs it.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30_000,
  },
});

import { defineConfig } from 'vitest/config';

// The e2e suite (`npm run test:e2e`): real etcd, kube-apiserver and kubectl built from test/e2e/tools, so it
// needs Go the first time (scripts/e2e/build-tools.sh). The root vitest.config.ts includes only src/, so
// `npm test` never runs these.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    // Child processes, not threads: the cluster launcher's exit and signal handlers run per process.
    pool: 'forks',
    // Each file starts its own control plane; two at once are too many for a 2-core machine.
    fileParallelism: false,
    testTimeout: 120_000,
    // beforeAll may build the tools on a cold cache (several minutes).
    hookTimeout: 30 * 60_000,
  },
});

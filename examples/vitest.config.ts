import { defineConfig } from 'vitest/config';

/**
 * The examples suite drives a real server and sandbox over HTTP, and restarts the server in one
 * scenario, so tests get more room than unit tests. The scale-out chaos test (scale-out/) starts a
 * PostgreSQL and a Redis of its own and sets its own, longer timeouts. Files run one after another: each starts its own
 * server and sandbox, and the machine is shared.
 */
export default defineConfig({
  test: {
    name: 'examples',
    include: [
      'src/**/*.test.ts',
      'card-platform/**/*.test.ts',
      'mall-supplier/**/*.test.ts',
      'legacy-supplier/**/*.test.ts',
      'scale-out/**/*.test.ts',
      '*.browser.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});

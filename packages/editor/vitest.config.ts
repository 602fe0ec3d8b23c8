import { defineProject } from 'vitest/config';

/** Unit and component tests run in happy-dom; `*.e2e.test.ts` drive Chromium against the real server. */
export default defineProject({
  test: {
    name: 'editor',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});

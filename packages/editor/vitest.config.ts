import { defineProject } from 'vitest/config';

/** Unit and component tests run in happy-dom; `*.e2e.test.ts` drive Chromium against the real server. */
export default defineProject({
  test: {
    name: 'editor',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    // Builds dist/ for the end-to-end tests when it is missing or stale.
    globalSetup: ['test/e2e/build-editor.ts'],
    setupFiles: ['test/setup-i18n.ts'],
  },
});

import { defineConfig } from 'vitest/config';

/** Server tests start real HTTP servers on SQLite files; give them a little more room than unit tests. */
export default defineConfig({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});

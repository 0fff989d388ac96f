import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Golden files are only rewritten on purpose (`npx vitest -u`), never in CI.
    update: false,
    testTimeout: 60_000,
  },
});

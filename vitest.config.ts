import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // restify 11 loads spdy, whose http-deceiver triggers DEP0111 once per worker: noise, not ours to fix.
    execArgv: ['--disable-warning=DEP0111'],
  },
});

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The suite in four projects that run side by side (`npm test` runs them all):
 *
 * - unit: pure and in-process tests, no server, no child process;
 * - http: the bot behind a real restify server in the test process, with a fake Bot Connector,
 *   and Azure Blob storage on the project's one Azurite;
 * - processes: the bot, its scripts and its build as child processes, as users start them;
 * - browser: headless Chromium, one per project, that files connect to.
 *
 * A file belongs to the first project whose patterns match; everything else is a unit test, so
 * no file can fall between projects.
 */
const BROWSER = ['test/browser/**/*.test.ts', 'test/tools/cards-preview.test.ts', 'test/tools/flows-print-pdf.test.ts'];
const PROCESSES = [
  'test/e2e/restart.test.ts',
  'test/e2e/shutdown.test.ts',
  'test/e2e/production-build.test.ts',
  'test/e2e/scale-out.test.ts',
  'test/e2e/outbox-hang.test.ts',
  'test/e2e/readiness.test.ts',
  'test/tools/flows-check.test.ts',
  'test/tools/flows-docs.test.ts',
  'test/tools/chat.test.ts',
  'test/tools/script-help.test.ts',
  'test/statistics/report-command.test.ts',
  'test/app-package/package-app-cli.test.ts',
];
// The read-only disk test mocks node:fs/promises: it needs a module cache of its own (unit files share theirs).
const HTTP = ['test/e2e/**/*.test.ts', 'test/storage/blob-store.test.ts', 'test/storage/file-store-read-only.test.ts'];

/**
 * Most of a process or HTTP test is waiting (for a child to start, for the connector): with more
 * workers than cores those waits overlap. Two per core, at least four.
 */
const WORKERS = Math.max(4, availableParallelism() * 2);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: WORKERS,
    // restify 11 loads spdy, whose http-deceiver triggers DEP0111 once per worker: noise, not ours to fix.
    execArgv: ['--disable-warning=DEP0111'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...BROWSER, ...PROCESSES, ...HTTP], isolate: false } },
      { extends: true, test: { name: 'http', include: HTTP, exclude: [...BROWSER, ...PROCESSES], globalSetup: ['test/support/global/azurite.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      // A child process starting under a busy machine may take a minute: these limits catch a hang, they time nothing.
      { extends: true, test: { name: 'processes', include: PROCESSES, exclude: BROWSER, globalSetup: ['test/support/global/azurite.ts'], testTimeout: 240_000, hookTimeout: 240_000 } },
      { extends: true, test: { name: 'browser', include: BROWSER, globalSetup: ['test/support/global/chromium.ts'], testTimeout: 240_000, hookTimeout: 240_000 } },
    ],
  },
});

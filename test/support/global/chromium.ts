import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { findChromium } from '../../../scripts/cards-preview/find-chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the browser tests connect to the one headless Chromium of their project; empty when none is installed. */
    chromiumEndpoint: string;
  }
}

/**
 * One headless Chromium per browser test project: files connect to it (`chromium.connect`) and
 * open their own contexts, instead of each starting a browser. With no Chromium installed the
 * endpoint is empty and each browser test fails saying so (npm test's pretest installs it).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const executablePath = findChromium(process.env);
  if (executablePath === undefined) {
    project.provide('chromiumEndpoint', '');
    return undefined;
  }
  const server = await chromium.launchServer({
    executablePath,
    // As the machine notes say: no sandbox as root, and no background traffic on a closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return () => server.close();
}

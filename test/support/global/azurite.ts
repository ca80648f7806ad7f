import type { TestProject } from 'vitest/node';
import { startAzurite } from '../azurite.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the Azurite Blob service this test project shares (see vitest.config.ts). */
    azuriteConnectionString: string;
  }
}

/** One Azurite per test project that uses Blob storage, started before its first file and stopped after its last. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startAzurite(90_000);
  project.provide('azuriteConnectionString', azurite.connectionString);
  return () => azurite.stop();
}

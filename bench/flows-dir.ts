import { resolve } from 'node:path';
import type { FlowCatalog } from '../src/troubleshooting/flow-catalog.js';
import { loadFlowCatalog } from '../src/troubleshooting/flow-loader.js';

/** The flows the bench runs on; flows/ may be empty or half-written while someone edits it. */
export interface ChosenFlows {
  readonly dir: string;
  readonly catalog: FlowCatalog;
  readonly fellBackToFixtures: boolean;
}

export const FIXTURE_FLOWS_DIR = 'test/fixtures/flows';

/** FLOWS_DIR when given (it must load); else flows/, or the test fixtures when flows/ does not load. */
export function chooseFlows(explicitDir: string | undefined): ChosenFlows {
  if (explicitDir !== undefined) return { dir: resolve(explicitDir), catalog: loadFlowCatalog(resolve(explicitDir)), fellBackToFixtures: false };
  try {
    return { dir: resolve('flows'), catalog: loadFlowCatalog(resolve('flows')), fellBackToFixtures: false };
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    console.warn(`flows/ does not load (${reason}); using ${FIXTURE_FLOWS_DIR}. Set FLOWS_DIR to choose.`);
    return { dir: resolve(FIXTURE_FLOWS_DIR), catalog: loadFlowCatalog(resolve(FIXTURE_FLOWS_DIR)), fellBackToFixtures: true };
  }
}

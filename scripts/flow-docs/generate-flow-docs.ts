import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkFlowDirectory, type FlowProblem } from '../../src/troubleshooting/flow-loader.js';
import { readSharedNodes } from '../../src/troubleshooting/shared-nodes.js';
import { err, ok, type Result } from '../../src/troubleshooting/result.js';
import { flowPage } from './flow-page.js';
import { flowPageName, indexPage } from './index-page.js';

export const INDEX_PAGE = 'README.md';

/**
 * Every page of the flow docs, by file name, from the flows in `flowsDir` (checked first: broken
 * flows get no docs). Pure apart from reading the flows, so a test can compare it with the files.
 */
export function generateFlowDocs(options: { readonly flowsDir: string; readonly outDir: string }): Result<Map<string, string>, FlowProblem[]> {
  const checked = checkFlowDirectory(options.flowsDir);
  if (!checked.ok) return err(checked.error);
  const catalog = checked.value;
  const shared = readSharedNodes(options.flowsDir);
  const link = (file: string): string => relative(options.outDir, file).split(sep).join('/');
  // A checked catalog means the shared nodes read, and no flow has an own node with a shared node's id.
  const sharedLinks = new Map(shared.ok ? [...shared.value].map(([id, d]) => [id, link(d.file)]) : []);
  const pages = new Map<string, string>();
  for (const flow of catalog.flows) {
    const yaml = join(options.flowsDir, `${flow.id}.yaml`);
    const file = existsSync(yaml) ? yaml : join(options.flowsDir, `${flow.id}.yml`);
    pages.set(flowPageName(flow), flowPage(flow, catalog, link(file), sharedLinks));
  }
  pages.set(INDEX_PAGE, indexPage(catalog.flows));
  return ok(pages);
}

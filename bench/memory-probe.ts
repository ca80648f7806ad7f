import { performance } from 'node:perf_hooks';
import { TestAdapter, type Activity } from 'botbuilder';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logging/logger.js';
import type { Store } from '../src/storage/store.js';
import { CaseRecords } from '../src/summaries/case-records.js';
import { CONVERSATION_PREFIX } from '../src/turn/conversation-state.js';
import { submitButtons, type SubmitButton } from './card-buttons.js';
import { enumeratePaths, longestPath, type FlowPath } from './flow-paths.js';

/**
 * Child process (node --expose-gc): builds the app the way buildApp does by default, opens many
 * cases in distinct conversations in-process (botbuilder TestAdapter, no HTTP), and measures the
 * heap after a forced GC, plus the bytes the storage holds per conversation. Sends a
 * MemoryProbeResult to its parent over IPC.
 */

export interface MemoryProbeResult {
  readonly cases: number;
  readonly turns: number;
  /** In-process turns per second while opening the cases: the bot's own cost, no HTTP. */
  readonly inProcessTurnsPerSecond: number;
  readonly empty: NodeJS.MemoryUsage;
  readonly withCases: NodeJS.MemoryUsage;
  readonly heapBytesPerCase: number;
  readonly rssBytesPerCase: number;
  /** Mean stored conversation state over all opened cases (each at its first or second step). */
  readonly meanStateBytes: number;
  readonly longest: {
    readonly flowId: string;
    readonly clicks: number;
    /** Stored conversation state after 0, 1, … clicks; the last entry is after the end was reached. */
    readonly stateBytesByClicks: readonly number[];
    readonly midCaseStateBytes: number;
    readonly maxOpenStateBytes: number;
    /** The finished case's record (kept for "Deel in teamkanaal"). */
    readonly caseRecordBytes: number | undefined;
  };
}

const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');

const settledMemory = (): NodeJS.MemoryUsage => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage();
};

const jsonBytes = (value: unknown): number => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));

const cases = Number(process.env.BENCH_CASES ?? '10000');
const config = parseConfig(process.env);
const app = buildApp(config, createLogger('silent'));
const adapter = new TestAdapter();
let turns = 0;

function activityIn(conversationId: string, fields: Partial<Activity>): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `${conversationId}-user`, name: 'Balie Medewerker' },
    recipient: { id: 'bot-1', name: 'Baliewijzer' },
    conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: '' },
    locale: 'nl-NL',
    ...fields,
  };
}

/** Runs one turn and returns the buttons of the cards the bot sent (the last card's first). */
async function turn(conversationId: string, fields: Partial<Activity>): Promise<Array<SubmitButton & { readonly cardId?: string }>> {
  await adapter.processActivity(activityIn(conversationId, fields), (context) => app.bot.run(context));
  turns += 1;
  const sent = adapter.activeQueue.splice(0);
  return sent.reverse().flatMap((activity) => submitButtons(activity).map((b) => ({ ...b, cardId: activity.id })));
}

async function click(conversationId: string, buttons: ReadonlyArray<SubmitButton & { readonly cardId?: string }>, wanted: (b: SubmitButton) => boolean, what: string) {
  const button = buttons.find(wanted);
  if (!button) throw new Error(`${conversationId}: no ${what}`);
  return { button, next: await turn(conversationId, { value: button.data, replyToId: button.cardId }) };
}

async function storedBytes(store: Store, conversationId: string): Promise<number> {
  return jsonBytes((await store.read(`${CONVERSATION_PREFIX}msteams/${conversationId}`))?.value);
}

/** Clicks the flow on the menu, then `clicks` answers of the path; returns the buttons last seen. */
async function walk(conversationId: string, menu: readonly SubmitButton[], path: FlowPath, clicks: number, onTurn?: () => Promise<void>) {
  let { next, button } = await click(conversationId, menu, (b) => b.data.action === 'start' && b.title === path.flowTitle, `flow ${path.flowTitle} on the menu`);
  await onTurn?.();
  let caseId = typeof button.data.caseId === 'string' ? button.data.caseId : undefined;
  for (const step of path.clicks.slice(0, clicks)) {
    ({ next, button } = await click(conversationId, next, (b) => b.data.action === 'answer' && b.title === step.label, `answer ${step.label}`));
    if (typeof button.data.caseId === 'string') caseId = button.data.caseId;
    await onTurn?.();
  }
  return caseId;
}

const paths = enumeratePaths(app.catalog).filter((p) => p.clicks.length > 0);
const longest = longestPath(paths);
if (longest === undefined) throw new Error('no flow has a path with a click');
const menu = await turn('probe-menu', { text: 'menu' });
// Warm up first, so the heap measured with no cases open already holds optimised code and caches.
for (let i = 0; i < 30; i++) await walk('probe-warmup', menu, paths[i % paths.length] ?? longest, Number.MAX_SAFE_INTEGER);

/** Case i is a case of flow i mod #flows (short flows count as much as long ones), one answer in where the path allows. */
const byFlow = [...new Set(paths.map((p) => p.flowId))].map((flowId) => paths.filter((p) => p.flowId === flowId));
const openingPath = (i: number): FlowPath => {
  const flowPaths = byFlow[i % byFlow.length] ?? [];
  const path = flowPaths[Math.floor(i / byFlow.length) % flowPaths.length];
  if (path === undefined) throw new Error('no paths');
  return path;
};

const empty = settledMemory();
const started = performance.now();
// 50 staff members at a time, as at a busy desk; storage I/O of one overlaps the work of another.
const BATCH = 50;
for (let first = 0; first < cases; first += BATCH) {
  const batch = Array.from({ length: Math.min(BATCH, cases - first) }, (_, k) => first + k);
  await Promise.all(batch.map((i) => walk(`probe-${i}`, menu, openingPath(i), Math.min(1, openingPath(i).clicks.length - 1))));
}
const elapsedMs = performance.now() - started;
const withCases = settledMemory();

let stateTotal = 0;
for (let i = 0; i < cases; i++) stateTotal += await storedBytes(app.store, `probe-${i}`);

const byClicks: number[] = [];
const caseId = await walk('probe-longest', menu, longest, longest.clicks.length, async () => {
  byClicks.push(await storedBytes(app.store, 'probe-longest'));
});
const record = caseId === undefined ? undefined : await new CaseRecords(app.store).get(caseId);

const result: MemoryProbeResult = {
  cases,
  turns,
  inProcessTurnsPerSecond: (turns / elapsedMs) * 1000,
  empty,
  withCases,
  heapBytesPerCase: (withCases.heapUsed - empty.heapUsed) / cases,
  rssBytesPerCase: (withCases.rss - empty.rss) / cases,
  meanStateBytes: stateTotal / cases,
  longest: {
    flowId: longest.flowId,
    clicks: longest.clicks.length,
    stateBytesByClicks: byClicks,
    midCaseStateBytes: byClicks[Math.floor(longest.clicks.length / 2)] ?? 0,
    maxOpenStateBytes: Math.max(...byClicks.slice(0, -1)),
    caseRecordBytes: record === undefined ? undefined : jsonBytes(record),
  },
};
if (process.send) process.send(result, () => process.exit(0));
else console.log(JSON.stringify(result, null, 2));

/**
 * A load and fault run against the real bot:
 *
 *   npm run chaos [-- --cases 200 --kills 5]
 *
 * starts Azurite and two bot processes on one Blob container, and a Bot Connector that answers
 * some calls 500 and holds some for seconds; 200 simulated staff members each walk a case to its
 * end and share the summary, at the same time, while the bot instances are killed (SIGKILL) and
 * restarted five times. Then it checks the storage and what reached Teams, prints cases started,
 * finished, replies delivered, summaries posted exactly once, statistics records and anything
 * lost, and exits 1 when anything was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { enumeratePaths } from '../bench/flow-paths.js';
import { freePort } from '../bench/server-process.js';
import { BlobStore } from '../src/storage/blob-store.js';
import { dayOf } from '../src/statistics/statistics-record.js';
import { STATISTICS_PREFIX } from '../src/statistics/statistics-store.js';
import { CASE_RECORD_PREFIX } from '../src/summaries/case-records.js';
import { loadFlowCatalog } from '../src/troubleshooting/flow-loader.js';
import { ChaosConnector } from './chaos/chaos-connector.js';
import { ChaosStaff, type Instances } from './chaos/chaos-staff.js';
import { answerHelp } from './cli/help.js';

const USAGE = 'usage: npm run chaos [-- --cases 200 --kills 5]';
answerHelp(process.argv.slice(2), USAGE, 'Runs many simultaneous cases against two bot processes on Azurite while killing them and a Bot Connector\nthat fails and hangs, then checks that nothing was lost (exit 1 if anything was).');

const { values } = parseArgs({ options: { cases: { type: 'string', default: '200' }, kills: { type: 'string', default: '5' } }, strict: true });
const CASES = Number(values.cases);
const KILLS = Number(values.kills);
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, ok: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'baliewijzer-chaos-'));
const children = new Set<ChildProcess>();
const spawnNode = (args: string[], env: Record<string, string>): ChildProcess => {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
};

async function main(): Promise<number> {
  const started = Date.now();
  const blobPort = await freePort();
  spawnNode(['node_modules/.bin/azurite-blob', '--blobHost', '127.0.0.1', '--blobPort', String(blobPort), '--location', join(scratch, 'azurite'), '--skipApiVersionCheck', '--loose', '--disableTelemetry'], {});
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${blobPort}/devstoreaccount1;`;
  await waitFor('Azurite', async () => (await fetch(`http://127.0.0.1:${blobPort}/devstoreaccount1?comp=list`)).status > 0, 30_000);

  const connector = new ChaosConnector();
  const serviceUrl = await connector.start();
  const container = `chaos-${process.pid}`;
  const env = { STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString, BLOB_CONTAINER: container, LOG_LEVEL: 'error', RATE_LIMIT_BURST: '1000', RATE_LIMIT_PER_SECOND: '1000', NODE_ENV: 'development', MicrosoftAppId: '', ALLOWED_TENANT_IDS: '' };

  const live = new Map<'a' | 'b', { url: string; child: ChildProcess }>();
  const startInstance = async (name: 'a' | 'b'): Promise<void> => {
    const port = await freePort();
    const child = spawnNode(['--disable-warning=DEP0111', '--import', 'tsx', 'src/index.ts'], { ...env, PORT: String(port), HOST: '127.0.0.1' });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`instance ${name}`, async () => (await fetch(`${url}/healthz`)).ok, 60_000);
    live.set(name, { url, child });
  };
  await Promise.all([startInstance('a'), startInstance('b')]);
  const instances: Instances = {
    pick: () => {
      const up = [...live.values()];
      return up[Math.floor(Math.random() * up.length)]?.url;
    },
  };

  // The team the summaries go to (its General channel), as Teams tells the bot on install.
  const install = { type: 'installationUpdate', action: 'add', id: 'chaos-install', channelId: 'msteams', serviceUrl, from: { id: 'installer', name: 'Beheer' }, recipient: { id: 'chaos-bot', name: 'Baliewijzer' }, conversation: { id: '19:chaos-general@thread.tacv2', conversationType: 'channel', isGroup: true }, channelData: { tenant: { id: '00000000-0000-0000-0000-0000000000aa' }, team: { id: '19:chaos-general@thread.tacv2', name: 'Chaosteam' } } };
  await fetch(`${instances.pick()}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(install) });

  const catalog = loadFlowCatalog('flows');
  const paths = enumeratePaths(catalog).filter((p) => p.clicks.length > 0);
  const staff = Array.from({ length: CASES }, (_, i) => {
    const path = paths[i % paths.length];
    if (!path) throw new Error('no flow has a path with a click');
    return new ChaosStaff(i, path, connector, instances, serviceUrl);
  });
  connector.faults = { failShare: 0.05, hangShare: 0.02, hangMs: 3_000 };

  const walking = Promise.all(staff.map((s) => s.walk()));
  let kills = 0;
  const killing = (async () => {
    for (; kills < KILLS; kills++) {
      await sleep(2_000 + Math.random() * 2_000);
      const name = kills % 2 === 0 ? 'a' : 'b';
      const victim = live.get(name);
      live.delete(name);
      victim?.child.kill('SIGKILL');
      await startInstance(name);
    }
  })();
  await Promise.all([walking, killing]);
  connector.faults = { failShare: 0, hangShare: 0, hangMs: 0 };

  // Every shared summary must reach the channel once: the outbox retries, across restarts.
  const sharedStaff = staff.filter((s) => s.shared);
  await waitFor('the summaries in the channel', async () => sharedStaff.every((s) => (connector.channelPosts.get(s.staffId) ?? 0) >= 1), 120_000).catch(() => undefined);
  await sleep(3_000);

  const store = new BlobStore(connectionString, container);
  const count = async (prefix: string): Promise<number> => {
    let n = 0;
    for await (const _ of store.list(prefix)) n += 1;
    return n;
  };
  const days = [...new Set([dayOf(new Date(started)), dayOf(new Date())])];
  let statistics = 0;
  for (const day of days) statistics += await count(`${STATISTICS_PREFIX}${day}/`);
  const records = await count(CASE_RECORD_PREFIX);
  const posts = sharedStaff.map((s) => connector.channelPosts.get(s.staffId) ?? 0);
  const finished = staff.filter((s) => s.finished).length;
  const stuck = staff.filter((s) => s.stuckReason !== undefined);
  const postedOnce = posts.filter((n) => n === 1).length;
  // Lost: a case that did not finish, a summary not shared or never posted, a missing record.
  const lost = CASES - finished + (finished - sharedStaff.length) + posts.filter((n) => n === 0).length + Math.max(0, finished - statistics) + Math.max(0, finished - records);

  const lines = [
    `chaos: ${CASES} cases at once on two instances (Blob on Azurite), ${kills} kills (SIGKILL + restart), connector: ${connector.failed} of ${connector.attempts} calls answered 500, ${connector.held} held 3 s`,
    `  cases started            ${CASES}`,
    `  cases finished           ${finished}`,
    `  replies delivered        ${connector.delivered.length} (${connector.delivered.filter((d) => d.method === 'PUT').length} card updates)`,
    `  activities re-sent       ${staff.reduce((sum, s) => sum + s.resends, 0)} (as Teams re-sends when it gets no answer)`,
    `  summaries shared         ${sharedStaff.length}`,
    `  posted exactly once      ${postedOnce} (twice or more: ${posts.filter((n) => n > 1).length}, never: ${posts.filter((n) => n === 0).length})`,
    `  statistics records       ${statistics}`,
    `  case records             ${records}`,
    `  lost                     ${lost}`,
    `  took                     ${Math.round((Date.now() - started) / 1000)} s`,
  ];
  for (const s of stuck.slice(0, 5)) lines.push(`  stuck: ${s.conversationId}: ${s.stuckReason ?? ''}`);
  console.log(lines.join('\n'));
  await connector.stop();
  return lost === 0 ? 0 : 1;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(`chaos failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  });

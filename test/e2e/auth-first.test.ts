import { MicrosoftAppCredentials, PasswordServiceClientCredentialFactory, type ServiceClientCredentials } from 'botframework-connector';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen } from '../../src/server.js';
import { freePort } from '../support/bot-process.js';
import { FakeConnector } from '../support/fake-connector.js';
import { FakeOpenIdIssuer, type Signing } from '../support/fake-openid.js';
import { HttpDesk, textOf } from '../support/http-desk.js';
import { memoryLogger } from '../support/logs.js';
import { MemoryStore } from '../../src/storage/memory-store.js';

/**
 * The bot with Bot Framework authentication on, over real HTTP, against a local token issuer: the
 * SDK's own validation runs on tokens signed with a key this test made (issue 13, items 4, 5, 17).
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = '00000000-0000-0000-0000-0000000000aa';
const OTHER_TENANT = '99999999-0000-0000-0000-000000000099';

/**
 * The real password credentials for checking incoming tokens, but none on the bot's calls to the
 * (fake) Bot Connector: a local test cannot sign in to Entra ID.
 */
class NoOutgoingCredentials extends PasswordServiceClientCredentialFactory {
  override async createCredentials(): Promise<ServiceClientCredentials> {
    return MicrosoftAppCredentials.Empty;
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startAuthenticated(env: Record<string, string> = {}, options: { metadataUrl?: string } = {}) {
  const issuer = new FakeOpenIdIssuer();
  const metadataUrl = options.metadataUrl ?? (await issuer.start());
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const logs = memoryLogger('info');
  const config = parseConfig({
    FLOWS_DIR: 'test/fixtures/flows',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppTenantId: TENANT,
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ...env,
  });
  const app = buildApp(config, logs.log, { store: new MemoryStore(), credentialsFactory: new NoOutgoingCredentials(APP_ID, 'not-a-real-secret', TENANT) });
  const server = await listen(app.server, 0, '127.0.0.1');
  cleanups.push(async () => {
    await server.close();
    await connector.stop();
    await issuer.stop();
  });
  /** A staff member in chat `id`, whose activities reach the bot with a token signed as `signing` says (or none). */
  const desk = (id: string, signing: Signing | 'none' = 'valid') => {
    const staff = new HttpDesk(server.url, connector, serviceUrl, { id, conversationType: 'personal' });
    if (signing !== 'none') staff.headers = { authorization: `Bearer ${issuer.token({ audience: APP_ID, serviceUrl }, signing)}` };
    return staff;
  };
  return { server, connector, issuer, logs, desk, serviceUrl };
}

/** Posts one activity as `staff` would and returns the status and the body as text. */
async function send(staff: HttpDesk, fields: Record<string, unknown> = { text: 'proef probleem' }): Promise<{ status: number; body: string; retryAfter: string | null }> {
  const response = await fetch(`${staff.botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...staff.headers },
    body: JSON.stringify(staff.activity(fields)),
  });
  return { status: response.status, body: await response.text(), retryAfter: response.headers.get('retry-after') };
}

/** Every console call the SDK might make (its validator prints keys and stack traces there). */
function watchConsole(): () => unknown[][] {
  const calls: unknown[][] = [];
  for (const method of ['error', 'warn', 'log', 'info'] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void calls.push(args));
  return () => calls;
}

describe('13.5 forged tokens', () => {
  it('13.5 forged tokens get 401 without detail and one JSON warn line without a stack; a valid token is answered', async () => {
    const consoleCalls = watchConsole();
    const { connector, desk, logs, issuer, serviceUrl } = await startAuthenticated();

    const forgeries: ReadonlyArray<Signing | 'none'> = ['alg-none', 'wrong-key', 'hs256-with-public-key', 'expired', 'none'];
    for (const signing of forgeries) {
      const answer = await send(desk('forged-chat', signing));
      expect(answer, signing).toEqual({ status: 401, body: '', retryAfter: null });
    }
    const garbage = desk('forged-chat', 'none');
    garbage.headers = { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' };
    expect((await send(garbage)).status).toBe(401);
    // Genuine tokens, but for another bot or another service URL.
    const otherBot = desk('forged-chat', 'none');
    otherBot.headers = { authorization: `Bearer ${issuer.token({ audience: '99999999-2222-3333-4444-555555555555', serviceUrl })}` };
    expect(await send(otherBot)).toEqual({ status: 401, body: '', retryAfter: null });
    const otherService = desk('forged-chat', 'none');
    otherService.headers = { authorization: `Bearer ${issuer.token({ audience: APP_ID, serviceUrl: 'https://smba.trafficmanager.net/emea/' })}` };
    expect(await send(otherService)).toEqual({ status: 401, body: '', retryAfter: null });
    expect(connector.attempts).toHaveLength(0);

    // The real Bot Connector's token is accepted: the staff member gets the first step.
    expect(textOf(await desk('real-chat').say('proef probleem'))).toContain('Proefflow · stap 1');

    const warnings = logs.lines().filter((line) => /"level":"(warn|error|fatal)"/.test(line));
    expect(warnings).toHaveLength(forgeries.length + 3);
    for (const line of warnings) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry).toMatchObject({ level: 'warn', event: 'auth.rejected' });
      expect(line).not.toMatch(/stack|\\n\s+at /);
    }
    expect(consoleCalls()).toEqual([]);
  });

  it('13.5 signing keys that cannot be fetched give 503 with one JSON warn line, not 500', async () => {
    const consoleCalls = watchConsole();
    const closedPort = await freePort();
    const { desk, connector, logs } = await startAuthenticated({}, { metadataUrl: `http://127.0.0.1:${closedPort}/v1/.well-known/openidconfiguration` });
    const issuer = new FakeOpenIdIssuer();
    const staff = desk('keys-down');
    // Signed properly, but the bot cannot get the keys to check it with.
    staff.headers = { authorization: `Bearer ${issuer.token({ audience: APP_ID, serviceUrl: String(staff.activity({}).serviceUrl) })}` };

    const answer = await send(staff);
    expect(answer.status).toBe(503);
    expect(answer.body).toBe('');
    expect(connector.attempts).toHaveLength(0);
    const warnings = logs.lines().filter((line) => /"level":"(warn|error|fatal)"/.test(line));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0] ?? '{}')).toMatchObject({ level: 'warn', event: 'auth.unavailable' });
    expect(consoleCalls()).toEqual([]);
  });
});

describe('13.4 rate limit after authentication', () => {
  it('13.4 forged posts are limited per client address and never lock a real conversation out', async () => {
    const { desk } = await startAuthenticated({ RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_SECOND: '0.01' });

    // 20 posts with a forged token, all naming the conversation a staff member is working in.
    const forged: Array<number> = [];
    for (let i = 0; i < 20; i++) forged.push((await send(desk('balie-chat', 'wrong-key'))).status);
    expect(forged).toEqual([401, 401, 401, ...Array.from({ length: 17 }, () => 429)]);

    // The staff member in that conversation is still answered.
    const staff = desk('balie-chat');
    expect(textOf(await staff.say('proef probleem'))).toContain('Proefflow · stap 1');
    // Authenticated turns are still limited per conversation: 3 in a burst, then 429 with Retry-After.
    await staff.say('help');
    await staff.say('help');
    const flooding = await send(staff, { text: 'help' });
    expect(flooding.status).toBe(429);
    expect(Number(flooding.retryAfter)).toBeGreaterThanOrEqual(1);
    // Another conversation is not affected.
    expect(textOf(await desk('andere-chat').say('help'))).not.toBe('');
  });
});

describe('13.17 tenants after authentication', () => {
  it('13.17 the tenant check runs after authentication and compares tenant ids in any letter case', async () => {
    const { desk, connector } = await startAuthenticated({ ALLOWED_TENANT_IDS: `${TENANT.toUpperCase().replace('AA', 'aA')}, ${OTHER_TENANT.replace('99', 'FF')}` });

    // The allowed tenant, written in upper case in the configuration and in lower case by Teams.
    expect(textOf(await desk('allowed-chat').say('proef probleem'))).toContain('Proefflow · stap 1');
    const shouting = await send(desk('allowed-upper'), { text: 'help', channelData: { tenant: { id: TENANT.toUpperCase() } } });
    expect(shouting.status).toBe(200);

    const before = connector.attempts.length;
    // An unauthenticated caller learns nothing about the allow-list: 401 whatever tenant it claims.
    expect((await send(desk('stranger', 'none'), { text: 'help', channelData: { tenant: { id: OTHER_TENANT } } })).status).toBe(401);
    expect((await send(desk('stranger', 'wrong-key'), { text: 'help', channelData: { tenant: { id: OTHER_TENANT } } })).status).toBe(401);
    // An authenticated activity from a tenant that is not allowed: 403, no answer.
    expect((await send(desk('stranger'), { text: 'help', channelData: { tenant: { id: OTHER_TENANT } } })).status).toBe(403);
    expect(connector.attempts.length).toBe(before);
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';

describe('where the bot listens', () => {
  it('stays on this machine (127.0.0.1) outside production unless HOST says otherwise: it may run unauthenticated there', () => {
    expect(parseConfig({}).HOST).toBe('127.0.0.1');
    expect(parseConfig({ NODE_ENV: 'test' }).HOST).toBe('127.0.0.1');
    expect(parseConfig({ HOST: '' }).HOST).toBe('127.0.0.1');
  });

  it('listens on every interface in production, where authentication is required', () => {
    expect(parseConfig({ NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' }).HOST).toBe('0.0.0.0');
  });

  it('takes HOST when it is set', () => {
    expect(parseConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });
});

describe('the outbox lease and the connector timeout', () => {
  it('13.9 refuses a lease a hung post could outlast, naming both variables; the defaults fit', async () => {
    const { buildApp } = await import('../../src/app.js');
    const { MemoryStore } = await import('../../src/storage/memory-store.js');
    const { silentLogger } = await import('../support/logs.js');
    const build = (env: Record<string, string>) => () => buildApp(parseConfig({ FLOWS_DIR: 'test/fixtures/flows', ...env }), silentLogger(), { store: new MemoryStore() });
    expect(build({ CONNECTOR_TIMEOUT_MS: '15000', OUTBOX_LEASE_MS: '60000' })).toThrow(/OUTBOX_LEASE_MS: must be at least 70000 ms with CONNECTOR_TIMEOUT_MS=15000/);
    expect(build({ CONNECTOR_TIMEOUT_MS: '1000', OUTBOX_LEASE_MS: '6000' })).not.toThrow();
    expect(build({})).not.toThrow();
  });
});

describe('the library time zone and the handover digest', () => {
  it('defaults to Europe/Amsterdam and no digest', () => {
    const config = parseConfig({});
    expect(config.TIME_ZONE).toBe('Europe/Amsterdam');
    expect(config.HANDOVER_TIME).toBeUndefined();
    expect(parseConfig({ HANDOVER_TIME: '' }).HANDOVER_TIME).toBeUndefined();
  });

  it('takes a time zone and a time of day, and names a bad one', () => {
    expect(parseConfig({ TIME_ZONE: 'Europe/Brussels', HANDOVER_TIME: '16:45' })).toMatchObject({ TIME_ZONE: 'Europe/Brussels', HANDOVER_TIME: '16:45' });
    expect(() => parseConfig({ HANDOVER_TIME: '25:00' })).toThrow('HANDOVER_TIME: must be a time of day as HH:MM, e.g. 16:45');
    expect(() => parseConfig({ HANDOVER_TIME: '4:45' })).toThrow('HANDOVER_TIME');
    expect(() => parseConfig({ TIME_ZONE: 'Europe/Assen' })).toThrow('TIME_ZONE: must be an IANA time zone such as Europe/Amsterdam');
  });
});

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

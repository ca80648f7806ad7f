import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';
import { BlobStore } from '../../src/storage/blob-store.js';
import { FileStore } from '../../src/storage/file-store.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { openStore } from '../../src/storage/open-store.js';
import { silentLogger } from '../support/logs.js';

describe('storage settings', () => {
  it('default to the file store in .data with a 24-hour case lifetime', () => {
    const config = parseConfig({});
    expect(config.STORAGE).toBe('file');
    expect(config.STORAGE_DIR).toBe('.data');
    expect(config.CASE_TTL_HOURS).toBe(24);
    expect(config.BLOB_CONTAINER).toBe('baliewijzer');
  });

  it('need a connection string for blob, refuse memory in production, and check the container name', () => {
    expect(() => parseConfig({ STORAGE: 'blob' })).toThrow(/BLOB_CONNECTION_STRING: required when STORAGE is blob/);
    expect(() => parseConfig({ NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', MicrosoftAppType: 'MultiTenant', STORAGE: 'memory' })).toThrow(/STORAGE: memory/);
    expect(() => parseConfig({ BLOB_CONTAINER: 'Bali_Wijzer' })).toThrow(ConfigError);
    expect(() => parseConfig({ STORAGE: 'redis' })).toThrow(/STORAGE/);
    expect(() => parseConfig({ CASE_TTL_HOURS: '0' })).toThrow(/CASE_TTL_HOURS/);
    expect(parseConfig({ CASE_TTL_HOURS: '0.5' }).CASE_TTL_HOURS).toBe(0.5);
  });

  it('open the store they name', () => {
    expect(openStore(parseConfig({ STORAGE: 'memory' }), silentLogger())).toBeInstanceOf(MemoryStore);
    expect(openStore(parseConfig({ STORAGE: 'file', STORAGE_DIR: mkdtempSync(join(tmpdir(), 'open-store-')) }), silentLogger())).toBeInstanceOf(FileStore);
    expect(openStore(parseConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' }), silentLogger())).toBeInstanceOf(BlobStore);
  });

  it('stop the bot at start, naming STORAGE_DIR, when the folder cannot be made', () => {
    const config = parseConfig({ STORAGE_DIR: 'package.json/state' });
    expect(() => openStore(config, silentLogger())).toThrow(ConfigError);
    expect(() => openStore(config, silentLogger())).toThrow(/STORAGE_DIR: cannot create or write .*package\.json\/state \(ENOTDIR\)/);
  });
});

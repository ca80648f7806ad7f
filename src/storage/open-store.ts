import { resolve } from 'node:path';
import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { BlobStore } from './blob-store.js';
import { FileStore } from './file-store.js';
import { MemoryStore } from './memory-store.js';
import type { Store } from './store.js';

/** The settings that choose the storage. */
export type StorageConfig = Pick<Config, 'STORAGE' | 'STORAGE_DIR' | 'BLOB_CONNECTION_STRING' | 'BLOB_CONTAINER'>;

/**
 * The storage for open cases, case records, the summary outbox, the team registry and the
 * statistics, as configured: `file` (default; one instance, survives restarts), `blob` (Azure Blob
 * Storage; several instances share it) or `memory` (tests only; lost on restart).
 */
export function openStore(config: StorageConfig, log: Logger): Store {
  switch (config.STORAGE) {
    case 'memory':
      log.warn({ event: 'storage.memory' }, 'STORAGE=memory: open cases are lost when the bot stops');
      return new MemoryStore();
    case 'file': {
      const dir = resolve(config.STORAGE_DIR);
      log.info({ event: 'storage.file' }, 'storing state in a local folder');
      try {
        return FileStore.open(dir, log);
      } catch (error) {
        const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
        throw new ConfigError([`STORAGE_DIR: cannot create or write ${dir} (${reason})`]);
      }
    }
    case 'blob': {
      if (!config.BLOB_CONNECTION_STRING) throw new ConfigError(['BLOB_CONNECTION_STRING: required when STORAGE is blob']);
      log.info({ event: 'storage.blob', container: config.BLOB_CONTAINER }, 'storing state in Azure Blob Storage');
      return new BlobStore(config.BLOB_CONNECTION_STRING, config.BLOB_CONTAINER);
    }
  }
}

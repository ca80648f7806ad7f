import { resolve } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { FileStorage } from './file-storage.js';

/** The settings that choose the storage. */
export type StorageConfig = Pick<Config, 'STORAGE' | 'STORAGE_DIR' | 'BLOB_CONNECTION_STRING' | 'BLOB_CONTAINER'>;

/**
 * The storage for open cases, case records and the summary outbox, as configured:
 * `file` (default; one instance, survives restarts), `blob` (Azure Blob Storage; several
 * instances share it) or `memory` (tests only; everything is lost on restart).
 */
export function createStorage(config: StorageConfig, log: Logger): Storage {
  switch (config.STORAGE) {
    case 'memory':
      log.warn({ event: 'storage.memory' }, 'STORAGE=memory: open cases are lost when the bot stops');
      return new MemoryStorage();
    case 'file': {
      const dir = resolve(config.STORAGE_DIR);
      log.info({ event: 'storage.file' }, 'storing state in a local folder');
      try {
        return FileStorage.open(dir, log);
      } catch (error) {
        const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
        throw new ConfigError([`STORAGE_DIR: cannot create or write ${dir} (${reason})`]);
      }
    }
    case 'blob':
      if (!config.BLOB_CONNECTION_STRING) throw new ConfigError(['BLOB_CONNECTION_STRING: required when STORAGE is blob']);
      log.info({ event: 'storage.blob', container: config.BLOB_CONTAINER }, 'storing state in Azure Blob Storage');
      return new BlobsStorage(config.BLOB_CONNECTION_STRING, config.BLOB_CONTAINER);
  }
}

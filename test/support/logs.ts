import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logging/logger.js';

/** A logger that keeps its lines in memory, so tests can read what would have been logged. */
export function memoryLogger(level = 'info'): { log: Logger; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { log: createLogger(level, stream), lines: () => chunks.join('').split('\n').filter((l) => l !== '') };
}

export const silentLogger = (): Logger => createLogger('silent');

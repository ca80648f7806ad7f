import { createServer } from 'node:net';
import { PlaygroundError } from './playground-error.js';

/** Tries to listen on host:port; resolves with the port actually bound (port 0 = any free port). */
function probe(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** Refuses, with a message naming the port and what to do, when host:port is already taken. */
export async function assertPortFree(port: number, host: string): Promise<void> {
  try {
    await probe(port, host);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'EADDRINUSE') {
      throw new PlaygroundError(
        `Port ${port} is already in use (is Baliewijzer already running, for example with npm start?). ` +
          `Stop that process, or choose another port: npm run playground -- --port ${port + 1}`,
      );
    }
    throw new PlaygroundError(`Cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A TCP port that is free right now on host, so a test never collides with a running dev instance. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return probe(0, host);
}

import type { IncomingMessage } from 'node:http';

/** Why a request body was not read, with the HTTP status that says so. */
export interface BodyRefusal {
  readonly ok: false;
  readonly status: 400 | 413 | 415;
  readonly reason: 'not-json' | 'encoded' | 'too-large' | 'malformed-json' | 'aborted';
}

export type JsonBody = { readonly ok: true; readonly value: unknown } | BodyRefusal;

/**
 * Whether the request announces a body this endpoint reads: `application/json` (any letter case,
 * with or without a charset) and no Content-Encoding. Checked on the headers alone, before a byte
 * of the body is read: anything else (multipart uploads, urlencoded forms, compressed bodies) is
 * refused, so no body ever reaches the disk or an inflater.
 *
 * Encoded bodies are refused rather than inflated: the Bot Connector posts activities as plain
 * JSON. Microsoft's own Bot Framework hosts read the request stream straight into the JSON
 * deserialiser with no decompression (botbuilder-dotnet's HttpHelper.ReadRequest; ASP.NET Core
 * inflates request bodies only with the opt-in RequestDecompression middleware), and Teams bots
 * built on them work, so Teams cannot be sending compressed bodies.
 */
export function refuseUnreadableBody(req: IncomingMessage): BodyRefusal | undefined {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return { ok: false, status: 415, reason: 'not-json' };
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== '') return { ok: false, status: 415, reason: 'encoded' };
  return undefined;
}

/**
 * Lets the rest of a refused body flow past unread and unkept, so a client that sends its body
 * before looking at the answer still gets to read it; past `maxBytes` the connection is cut.
 * Returns whether it will drain (false: the body announced is too large, so close instead).
 */
export function discardBody(req: IncomingMessage, maxBytes: number): boolean {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return false;
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) req.socket.destroy();
  });
  req.resume();
  return true;
}

/**
 * Reads a JSON body of at most `maxBytes` into memory and parses it. A Content-Length over the
 * limit is refused before reading; a body without one (chunked) is refused the moment it passes
 * the limit, not after the client has finished sending.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  const refused = refuseUnreadableBody(req);
  if (refused) return refused;
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, status: 413, reason: 'too-large' };

  const chunks: Buffer[] = [];
  let size = 0;
  const outcome = await new Promise<'read' | 'too-large' | 'aborted'>((resolve) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const finish = (result: 'read' | 'too-large' | 'aborted') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      if (result !== 'read') req.pause();
      resolve(result);
    };
    const onEnd = () => finish('read');
    const onAbort = () => finish('aborted');
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onAbort);
    req.once('aborted', onAbort);
  });
  if (outcome === 'too-large') return { ok: false, status: 413, reason: 'too-large' };
  if (outcome === 'aborted') return { ok: false, status: 400, reason: 'aborted' };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, reason: 'malformed-json' };
  }
}

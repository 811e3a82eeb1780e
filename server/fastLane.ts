/**
 * The write fast lane: the API routes that create and change annotations, links, reviews and
 * comments (the `direct` entries of lib/api/routes.ts), served straight from Node's HTTP server
 * instead of through Next.js's request path (routing, the proxy, rendering machinery), which
 * costs more CPU than the write itself.
 *
 * It runs the very same handlers as app/api/ (both read the one route table): the same
 * authentication (bearer token or session cookie), Origin check, body limits, validation,
 * authorization and group commit in lib/data, and error format. Only the transport differs: the
 * handlers get a light stand-in for a web Request (LaneRequest), and the Response is written back
 * with the security headers of next.config.mjs. Everything else, and any path that does not match exactly, goes to Next.js.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { matchDirectRoute } from '../lib/api/routes';
import { answerHandler, JsonAnswer, PREREAD_BODY } from '../lib/http/api';
import { securityHeaders } from '../lib/http/securityHeaders';

type DirectMatch = NonNullable<Awaited<ReturnType<typeof matchDirectRoute>>>;

/**
 * The lane reads a body into memory up to this size before calling the handler: four times the
 * largest cap of its routes (64 KB), so a larger body still reaches the handler's own check
 * and gets its usual 413, while the rest of an oversized upload is never read.
 */
export const PREREAD_LIMIT = 256 * 1024;

/** The client hung up before its body was read. */
class ClientGone extends Error {}

/** The request body, or its first PREREAD_LIMIT + 1 bytes and `truncated` when it is longer. */
function readBody(req: IncomingMessage): Promise<{ bytes: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: { bytes: Buffer; truncated: boolean } | Error) => {
      if (settled) return;
      settled = true;
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > PREREAD_LIMIT) {
        req.off('data', onData).pause();
        settle({ bytes: Buffer.concat(chunks), truncated: true });
      }
    };
    req.on('data', onData);
    req.once('end', () => settle({ bytes: Buffer.concat(chunks), truncated: false }));
    // A client that hangs up mid-body ('aborted', then 'close'): nothing was handed to a
    // handler, nothing was written, and there is nobody to answer. ('close' also follows every
    // normal end; by then the body is settled.)
    req.once('error', (error: NodeJS.ErrnoException) => settle(error.code === 'ECONNRESET' ? new ClientGone() : error));
    req.once('close', () => !settled && settle(new ClientGone()));
  });
}


/** A Node request's headers behind the two methods the handlers call (`get`, `has`), read in place. */
class NodeRequestHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    // Node has applied its rules for repeated headers (a second Authorization or Host is dropped,
    // repeated Cookie headers are joined with '; '), as Next.js's own adapter relies on.
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
}

/**
 * What a direct route's handler reads of its request: method, URL, two header methods, and the
 * body the lane has read ahead (lib/http/api.ts reads it under PREREAD_BODY instead of a
 * stream). Building a web Request (Headers, URL, body stream) cost 17% of a create's CPU.
 */
class LaneRequest {
  readonly headers: NodeRequestHeaders;
  readonly [PREREAD_BODY]: Uint8Array;
  private href: string | undefined;

  constructor(private readonly req: IncomingMessage, body: Buffer) {
    this.headers = new NodeRequestHeaders(req.headers);
    this[PREREAD_BODY] = body;
  }

  get method(): string {
    return this.req.method ?? 'GET';
  }

  /** Built on first use only: the write handlers read the path from the params, the Origin check reads the scheme. */
  get url(): string {
    if (this.href === undefined) {
      // A Host that makes no URL must not turn into a 500.
      try {
        this.href = new URL(this.req.url ?? '/', `http://${this.req.headers.host ?? 'localhost'}`).href;
      } catch {
        this.href = new URL(this.req.url ?? '/', 'http://localhost').href;
      }
    }
    return this.href;
  }
}

/** The lane's request where a handler expects a web Request; lib/http/api.ts reads nothing else of it. */
function laneRequest(req: IncomingMessage, body: Buffer): Request {
  return new LaneRequest(req, body) as unknown as Request;
}

/** Status, headers and body of a handler's answer: a JsonAnswer as it is, a Response read back. */
async function answerParts(answer: Response | JsonAnswer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  if (answer instanceof JsonAnswer) return { status: answer.status, headers: { ...answer.headers }, body: Buffer.from(answer.text) };
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => (headers[name] = value));
  return { status: answer.status, headers, body: Buffer.from(await answer.arrayBuffer()) };
}

/** Serves one matched request with its route handler. */
export async function serveFast(req: IncomingMessage, res: ServerResponse, match: DirectMatch): Promise<void> {
  try {
    const { bytes, truncated } = await readBody(req);
    const answer = await answerHandler(match.route.handler)(laneRequest(req, bytes), { params: Promise.resolve(match.params) });
    const { status, headers, body } = await answerParts(answer);
    for (const { key, value } of securityHeaders) headers[key] = value;
    headers['content-length'] = String(body.length);
    // The unread rest of an oversized upload makes the connection unusable for another request.
    if (truncated) headers.connection = 'close';
    res.writeHead(status, headers);
    res.end(body, () => truncated && req.destroy());
  } catch (error) {
    if (error instanceof ClientGone) return;
    // The handlers answer every error themselves; this is a transport failure.
    console.error('Fast lane transport error', error);
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'application/json', ...Object.fromEntries(securityHeaders.map((h) => [h.key, h.value])) });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on the server.' } }));
    } else {
      res.destroy();
    }
  }
}

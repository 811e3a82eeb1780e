/**
 * The write fast lane: the API routes that create and change annotations, links, reviews and
 * comments, served straight from Node's HTTP server instead of through Next.js's request path
 * (routing, the proxy, rendering machinery), which costs more CPU than the write itself.
 *
 * It runs the very same route handlers (app/api/.../route.ts): the same authentication (bearer
 * token or session cookie), Origin check, body limits, validation, authorization in lib/data,
 * group commit and error format. Only the transport differs: a Node request becomes a web
 * Request, the Response is written back with the security headers of next.config.js.
 * Everything else, and any path that does not match exactly, goes to Next.js.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as articleAnnotations from '../app/api/articles/[articleId]/annotations/route';
import * as annotation from '../app/api/annotations/[id]/route';
import * as annotationReviews from '../app/api/annotations/[id]/reviews/route';
import * as annotationSettle from '../app/api/annotations/[id]/settle/route';
import * as annotationComments from '../app/api/annotations/[id]/comments/route';
import * as linksRoot from '../app/api/links/route';
import * as link from '../app/api/links/[id]/route';
import * as linkReviews from '../app/api/links/[id]/reviews/route';
import * as linkSettle from '../app/api/links/[id]/settle/route';
import * as linkComments from '../app/api/links/[id]/comments/route';
import { securityHeaders } from '../lib/http/securityHeaders';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface FastRoute {
  method: string;
  /** Path segments; ':name' captures one segment as a route parameter. */
  pattern: string[];
  handler: Handler;
}

const route = (method: string, path: string, handler: unknown): FastRoute => ({
  method,
  pattern: path.split('/').filter(Boolean),
  handler: handler as Handler,
});

/** The group-committed writes (see lib/db/groupCommit.ts). Reads stay with Next.js. */
export const FAST_ROUTES: FastRoute[] = [
  route('POST', '/api/articles/:articleId/annotations', articleAnnotations.POST),
  route('PATCH', '/api/annotations/:id', annotation.PATCH),
  route('DELETE', '/api/annotations/:id', annotation.DELETE),
  route('POST', '/api/annotations/:id/reviews', annotationReviews.POST),
  route('POST', '/api/annotations/:id/settle', annotationSettle.POST),
  route('POST', '/api/annotations/:id/comments', annotationComments.POST),
  route('POST', '/api/links', linksRoot.POST),
  route('DELETE', '/api/links/:id', link.DELETE),
  route('POST', '/api/links/:id/reviews', linkReviews.POST),
  route('POST', '/api/links/:id/settle', linkSettle.POST),
  route('POST', '/api/links/:id/comments', linkComments.POST),
];

/** The route and its parameters for a method and raw request URL, or null (Next.js serves it). */
export function matchFastRoute(method: string | undefined, url: string | undefined): { route: FastRoute; params: Record<string, string> } | null {
  if (!method || !url || !url.startsWith('/api/')) return null;
  const path = url.split('?', 1)[0];
  // A trailing slash, an empty segment or a dot segment is left to Next.js to normalize.
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  for (const candidate of FAST_ROUTES) {
    if (candidate.method !== method || candidate.pattern.length !== segments.length) continue;
    const params = matchSegments(candidate.pattern, segments);
    if (params) return { route: candidate, params };
  }
  return null;
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) {
      try {
        params[pattern[i].slice(1)] = decodeURIComponent(segments[i]);
      } catch {
        return null;
      }
    } else if (pattern[i] !== segments[i]) {
      return null;
    }
  }
  return params;
}

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


/** A web Request with the Node request's method, URL, headers and (read) body. */
function toWebRequest(req: IncomingMessage, body: Buffer): Request {
  // From req.headers, as Next.js does: Node's rules for repeated headers apply (a second
  // Authorization or Host is dropped, repeated Cookie headers are joined with '; ').
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  // The write handlers read only the path from the URL (the Origin check reads the Host header),
  // so a Host that makes no URL must not turn into a 500.
  let url: string;
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`).href;
  } catch {
    url = new URL(req.url ?? '/', 'http://localhost').href;
  }
  const bytes = body.length ? new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length) : undefined;
  return new Request(url, { method: req.method, headers, body: bytes });
}

/** Serves one matched request with its route handler. */
export async function serveFast(req: IncomingMessage, res: ServerResponse, match: NonNullable<ReturnType<typeof matchFastRoute>>): Promise<void> {
  try {
    const { bytes, truncated } = await readBody(req);
    const response = await match.route.handler(toWebRequest(req, bytes), { params: Promise.resolve(match.params) });
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    for (const { key, value } of securityHeaders) headers[key] = value;
    headers['content-length'] = String(body.length);
    // The unread rest of an oversized upload makes the connection unusable for another request.
    if (truncated) headers.connection = 'close';
    res.writeHead(response.status, headers);
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

/**
 * Thin adapters between route handlers and lib/data: authentication, the Origin check on
 * state-changing requests, JSON body limits, and the error format of docs/api.md:
 * {"error": {"code", "message", "details"?}}. Never a stack trace, never a 500 for bad input.
 */
import { AppError, isAppError } from '../errors';
import { actorFromRequest } from '../auth/session';
import type { Actor } from '../data/actor';
import { foreignOriginReason } from './origin';

export const DEFAULT_BODY_LIMIT = 3 * 1024 * 1024;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The body the write fast lane (server/fastLane.ts) has already read, on the stand-in request it
 * hands the handlers; readBytesCapped takes it instead of a stream.
 */
export const PREREAD_BODY = Symbol('preread body');
/** The serialized body of a jsonResponse, so the fast lane need not read it back from a stream. */
const JSON_TEXT = Symbol('json text');

/** A JSON answer, as NextResponse.json gives, that also keeps its serialized text for the fast lane. */
export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, { status: init.status, headers: { 'content-type': 'application/json', ...init.headers } });
  (response as Response & { [JSON_TEXT]?: string })[JSON_TEXT] = text;
  return response;
}

/** The serialized text of a jsonResponse, or undefined for any other Response. */
export function jsonTextOf(response: Response): string | undefined {
  return (response as Response & { [JSON_TEXT]?: string })[JSON_TEXT];
}

export function errorResponse(error: AppError): Response {
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: error.code, message: error.message },
  };
  if (error.details !== undefined) body.error.details = error.details;
  return jsonResponse(body, { status: error.status });
}

/**
 * A state-changing request must come from this site, scheme and host (or carry no Origin and
 * a bearer token).
 */
export function checkOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (!request.headers.get('origin') && request.headers.has('authorization')) return;
  const reason = foreignOriginReason(request.headers, request.url);
  if (reason) throw new AppError('forbidden', `Cross-site request refused: ${reason}.`);
}

/** Reads a JSON body: 415 unless JSON, 413 over the limit, 400 when it does not parse. */
export async function readJson(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw new AppError('payload_too_large', `The request body is larger than ${limit} bytes.`);
  const text = await readTextCapped(request, limit);
  let value: unknown;
  try {
    value = JSON.parse(text, refuseUnsafeStrings);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('bad_request', 'The request body is not valid JSON.');
  }
  return value;
}

/** A lone UTF-16 surrogate (half of a pair): SQLite would store it as replacement characters. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * JSON.parse reviver: refuses text that would not survive storage unchanged. A lone surrogate
 * is silently turned into U+FFFD by SQLite (shifting offsets, breaking sha256), and NUL cuts
 * strings short in SQL functions; neither belongs in any text this app keeps.
 */
function refuseUnsafeStrings(key: string, value: unknown): unknown {
  for (const text of [key, value]) {
    if (typeof text !== 'string') continue;
    if (LONE_SURROGATE.test(text)) {
      throw new AppError('bad_request', 'The request holds broken Unicode text (a lone surrogate \\uD800-\\uDFFF). Send well-formed UTF-16.');
    }
    if (text.includes('\u0000')) throw new AppError('bad_request', 'The request holds a NUL character (\\u0000), which no field accepts.');
  }
  return value;
}

/**
 * Reads the body as UTF-8 text, stopping with 413 as soon as it passes `limit` bytes. Bytes
 * that are not UTF-8 are refused with 400: decoding them leniently would store U+FFFD in
 * their place, a change the sender never made.
 */
export async function readTextCapped(request: Request, limit: number): Promise<string> {
  const bytes = await readBytesCapped(request, limit);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid UTF-8 text. Send JSON encoded as UTF-8.');
  }
}

/**
 * Reads the raw body, stopping with 413 as soon as it passes `limit` bytes, whatever
 * Content-Length claims (a chunked upload has none). Use it before request.formData(), which
 * would otherwise buffer an upload of any size.
 */
export async function readBytesCapped(request: Request, limit: number): Promise<Uint8Array> {
  const preread = (request as Request & { [PREREAD_BODY]?: Uint8Array })[PREREAD_BODY];
  if (preread) {
    if (preread.byteLength > limit) throw new AppError('payload_too_large', `The request body is larger than ${limit} bytes.`);
    return preread;
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError('payload_too_large', `The request body is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (args: { request: Request; actor: Actor; params: P }) => Promise<Response | unknown> | Response | unknown;

function toResponse(result: unknown): Response {
  if (result instanceof Response) return result;
  return jsonResponse(result);
}

/** Wraps a handler that needs a signed-in actor (session or bearer token). */
export function authedRoute<P = Record<string, string>>(handler: Handler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      checkOrigin(request);
      const actor = await actorFromRequest(request);
      if (!actor) throw new AppError('unauthenticated', 'Sign in or send a valid API token (Authorization: Bearer ...).');
      return toResponse(await handler({ request, actor, params: await context.params }));
    } catch (error) {
      return handleError(error);
    }
  };
}

/** The client hung up while its body was read (a cancelled upload): its fault, not the server's. */
function clientHungUp(error: unknown): boolean {
  return error instanceof Error && ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || error.name === 'AbortError');
}

export function handleError(error: unknown): Response {
  if (isAppError(error)) return errorResponse(error);
  if (clientHungUp(error)) return errorResponse(new AppError('bad_request', 'The request was cut off before its body arrived. Nothing was saved.'));
  console.error('Unexpected error in API route', error);
  return jsonResponse({ error: { code: 'internal', message: 'Something went wrong on the server. The change was not saved.' } }, { status: 500 });
}

/** The version in an If-Match header ("3", 3 or W/"3"); undefined when absent. */
export function ifMatchVersion(request: Request): number | undefined {
  const header = request.headers.get('if-match');
  if (header === null) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw new AppError('bad_request', 'If-Match must be the item version, e.g. If-Match: "3".');
  return Number(m[1]);
}

/** A positive integer id from a path segment, or 404 (an id that cannot exist does not exist). */
export function pathId(value: string, what: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) <= 0) throw new AppError('not_found', `${what} was not found.`);
  return Number(value);
}

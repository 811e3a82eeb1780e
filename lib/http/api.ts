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

/**
 * A JSON answer before it becomes a web Response: the write fast lane (server/fastLane.ts) writes
 * it to Node's response as it is, the Next.js path gets the Response (see authedRoute). Building
 * the Response (headers, a body stream) is work the lane would only undo.
 */
export class JsonAnswer {
  /** The body as sent: serialized once, when the answer is made. */
  readonly text: string;
  readonly status: number;
  /** Lower-case names, as a Response's headers give them. */
  readonly headers: Record<string, string>;

  constructor(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
    this.text = JSON.stringify(body);
    this.status = init.status ?? 200;
    this.headers = { 'content-type': 'application/json' };
    for (const [name, value] of Object.entries(init.headers ?? {})) this.headers[name.toLowerCase()] = value;
  }

  toResponse(): Response {
    return new Response(this.text, { status: this.status, headers: this.headers });
  }
}

/** A JSON answer with a status or headers (ETag), for a handler to return. */
export function jsonAnswer(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): JsonAnswer {
  return new JsonAnswer(body, init);
}

function errorAnswer(error: AppError): JsonAnswer {
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: error.code, message: error.message },
  };
  if (error.details !== undefined) body.error.details = error.details;
  // 503 (the database kept refusing a transaction as conflicting): a client may try again soon.
  const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  return jsonAnswer(body, { status: error.status, headers: retryAfter ? { 'retry-after': String(retryAfter) } : undefined });
}

export function errorResponse(error: AppError): Response {
  return errorAnswer(error).toResponse();
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
/** A route handler that may answer with a JsonAnswer, which only the fast lane can write. */
export type AnswerHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response | JsonAnswer>;

/** Where authedRoute keeps, on the Next.js handler it returns, the handler that answers without a Response. */
const ANSWER = Symbol('answer');

function toAnswer(result: unknown): Response | JsonAnswer {
  if (result instanceof Response || result instanceof JsonAnswer) return result;
  return jsonAnswer(result);
}

/**
 * Wraps a handler that needs a signed-in actor (session or bearer token). The result is the
 * Next.js route handler (always a Response); the fast lane takes the same handler without the
 * last step through answerHandler().
 */
export function authedRoute<P = Record<string, string>>(handler: Handler<P>) {
  const answer = async (request: Request, context: RouteContext<P>): Promise<Response | JsonAnswer> => {
    try {
      checkOrigin(request);
      const actor = await actorFromRequest(request);
      if (!actor) throw new AppError('unauthenticated', 'Sign in or send a valid API token (Authorization: Bearer ...).');
      return toAnswer(await handler({ request, actor, params: await context.params }));
    } catch (error) {
      return handleErrorAnswer(error);
    }
  };
  const route = async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const result = await answer(request, context);
    return result instanceof JsonAnswer ? result.toResponse() : result;
  };
  return Object.assign(route, { [ANSWER]: answer });
}

/** The handler behind an authedRoute that may answer with a JsonAnswer; any other handler as it is. */
export function answerHandler(handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response): AnswerHandler {
  const answer = (handler as { [ANSWER]?: AnswerHandler })[ANSWER];
  return answer ?? (async (request, context) => handler(request, context));
}

/** The client hung up while its body was read (a cancelled upload): its fault, not the server's. */
function clientHungUp(error: unknown): boolean {
  return error instanceof Error && ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || error.name === 'AbortError');
}

function handleErrorAnswer(error: unknown): JsonAnswer {
  if (isAppError(error)) return errorAnswer(error);
  if (clientHungUp(error)) return errorAnswer(new AppError('bad_request', 'The request was cut off before its body arrived. Nothing was saved.'));
  console.error('Unexpected error in API route', error);
  return jsonAnswer({ error: { code: 'internal', message: 'Something went wrong on the server. The change was not saved.' } }, { status: 500 });
}

export function handleError(error: unknown): Response {
  return handleErrorAnswer(error).toResponse();
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

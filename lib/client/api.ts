/**
 * The browser's one way to call the app's JSON API. A refusal becomes an ApiError keyed by the
 * server's error code ({"error": {"code", "message", "details"?}}), its message kept as the
 * server wrote it, for people. Imports nothing but the shared vocabulary, so client components
 * can use it without pulling server code into their bundle.
 */
import { ERROR_STATUS, type ErrorCode } from '../domain';

/** The server's codes, plus `internal` (its own fault, 500) and `unreachable` (no answer at all). */
export type ApiErrorCode = ErrorCode | 'internal' | 'unreachable';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiRequest {
  /** GET without a body, POST with one, unless said. */
  method?: string;
  /** Sent as JSON, or as is when it is FormData (a file upload). */
  body?: unknown;
  /** The version the user saw, sent as If-Match: a stale one is refused with precondition_failed. */
  version?: number;
  signal?: AbortSignal;
}

const UNREACHABLE = 'The server could not be reached. Check your connection and try again.';

function codeOf(status: number, sent: unknown): ApiErrorCode {
  if (typeof sent === 'string' && (Object.hasOwn(ERROR_STATUS, sent) || sent === 'internal')) return sent as ApiErrorCode;
  const known = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((code) => ERROR_STATUS[code] === status);
  return known ?? 'internal';
}

/** The JSON body, or null when there is none; an abort while reading rejects with the abort. */
async function jsonOf(response: Response, signal: AbortSignal | undefined): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    if (signal?.aborted) throw error;
    return null;
  }
}

/** Reads a refusal's body (JSON from the app; anything else from a proxy in between). */
async function refusal(response: Response, signal: AbortSignal | undefined): Promise<ApiError> {
  const json = (await jsonOf(response, signal)) as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;
  const error = json?.error;
  const message = typeof error?.message === 'string' ? error.message : `The server answered ${response.status}.`;
  return new ApiError(response.status, codeOf(response.status, error?.code), message, error?.details);
}

function init({ method, body, version, signal }: ApiRequest): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (version !== undefined) headers['If-Match'] = `"${version}"`;
  return {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'same-origin',
    signal,
  };
}

/**
 * Sends a request and resolves with the response when it succeeded (for a streamed download);
 * rejects with an ApiError otherwise. An aborted request rejects with the abort, as fetch does.
 */
export async function apiResponse(url: string, request: ApiRequest = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init(request));
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw new ApiError(0, 'unreachable', UNREACHABLE);
  }
  if (!response.ok) throw await refusal(response, request.signal);
  return response;
}

/** Sends a request and resolves with its JSON answer, or rejects with an ApiError. */
export async function apiRequest<T = unknown>(url: string, request: ApiRequest = {}): Promise<T> {
  const response = await apiResponse(url, request);
  return (await jsonOf(response, request.signal)) as T;
}

/**
 * Calls an App Router route handler module directly (no server, no network) with a real
 * Request. Route handlers read the session from the request itself (lib/auth/session.ts),
 * never from Next.js's request context, so no Next.js internals are needed to call them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';

// next/headers (imported by lib/auth/session.ts for pages) expects the global Next.js sets up.
const holder = globalThis as unknown as { AsyncLocalStorage?: typeof AsyncLocalStorage };
holder.AsyncLocalStorage ??= AsyncLocalStorage;
process.env.NEXTAUTH_URL ??= 'http://localhost';

export const ORIGIN = 'http://localhost';
export const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];
type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
export type RouteModule = Partial<Record<Method, RouteHandler>>;

const ROOT = path.resolve(__dirname, '..', '..');

/** The route file for an API path pattern such as /api/annotations/:id/reviews. */
export function routeFile(pattern: string): string {
  const segments = pattern
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? `[${s.slice(1)}]` : s));
  return path.join('app', ...segments, 'route.ts');
}

/** Imports a route module, or null when the file does not exist yet. */
export async function importRoute(pattern: string): Promise<RouteModule | null> {
  const file = path.join(ROOT, routeFile(pattern));
  if (!fs.existsSync(file)) return null;
  return (await import(/* @vite-ignore */ file)) as RouteModule;
}

export interface CallSpec {
  method: Method;
  /** Concrete path, e.g. /api/annotations/12 (used for the URL). */
  url: string;
  params: Record<string, string>;
  token?: string | null;
  body?: unknown;
  /** Raw body text (overrides `body`); bytes for a body that is not UTF-8. */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  /** A multipart body (overrides both). */
  form?: FormData;
  headers?: Record<string, string>;
  /** Origin header; defaults to this site for state-changing requests. Pass null to omit. */
  origin?: string | null;
  cookie?: string;
  /** Hand the handler a NextRequest (next-auth's routes need one). */
  nextRequest?: boolean;
}

export function buildRequest(spec: CallSpec): Request {
  const headers = new Headers({ host: 'localhost', ...spec.headers });
  if (spec.token) headers.set('authorization', `Bearer ${spec.token}`);
  const origin = spec.origin === undefined ? (spec.method === 'GET' ? null : ORIGIN) : spec.origin;
  if (origin) headers.set('origin', origin);
  if (spec.cookie) headers.set('cookie', spec.cookie);
  let body: string | Uint8Array<ArrayBuffer> | FormData | undefined;
  if (spec.form) body = spec.form;
  else if (spec.rawBody !== undefined) body = spec.rawBody;
  else if (spec.body !== undefined) {
    body = JSON.stringify(spec.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return new Request(`${ORIGIN}${spec.url}`, { method: spec.method, headers, body });
}

/**
 * The per-request scope Next.js gives a route handler, for next-auth's handler, which reads
 * cookies() and headers(). Only this test harness needs it: app code reads the request.
 */
async function requestScope<T>(request: Request, fn: () => Promise<T>): Promise<T> {
  const { workAsyncStorage } = await import('next/dist/server/app-render/work-async-storage.external.js');
  const { workUnitAsyncStorage } = await import('next/dist/server/app-render/work-unit-async-storage.external.js');
  const { RequestCookies } = await import('next/dist/server/web/spec-extension/cookies.js');
  const work = { route: new URL(request.url).pathname, forceStatic: false, dynamicShouldError: false };
  const unit = { type: 'private-cache', phase: 'action', headers: request.headers, cookies: new RequestCookies(request.headers) };
  return workAsyncStorage.run(work as never, () => workUnitAsyncStorage.run(unit as never, fn));
}

export interface CallResult {
  status: number;
  json: unknown;
  text: string;
  headers: Headers;
}

/** Runs `spec.method` of the route module; 405 when the module does not export it. */
export async function callRoute(mod: RouteModule, spec: CallSpec): Promise<CallResult> {
  const handler = mod[spec.method];
  if (!handler) return { status: 405, json: null, text: '', headers: new Headers() };
  const plain = buildRequest(spec);
  // next-auth's handler reads request.nextUrl, as Next.js gives it a NextRequest.
  const { NextRequest } = await import('next/server');
  const request = spec.nextRequest ? new NextRequest(plain) : plain;
  const call = () => Promise.resolve(handler(request, { params: Promise.resolve(spec.params) }));
  const response = await (spec.nextRequest ? requestScope(request, call) : call());
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, json, text, headers: response.headers };
}

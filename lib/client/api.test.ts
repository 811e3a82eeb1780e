/**
 * The browser's API client against a real HTTP server on loopback: refusals are written by the
 * server's own error serializer (lib/http/api.ts), so the client is held to the format it meets.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, type ErrorCode } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/api';
import { ApiError, apiRequest, apiResponse } from './api';

let server: http.Server;
let base = '';

async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (url.pathname === '/refuse') {
    const code = url.searchParams.get('code') as ErrorCode;
    const refusal = errorResponse(new AppError(code, `Refused with ${code}.`, code === 'unprocessable' ? { field: 'end' } : undefined));
    res.writeHead(refusal.status, { 'content-type': 'application/json' });
    return void res.end(await refusal.text());
  }
  if (url.pathname === '/proxy-error') {
    res.writeHead(502, { 'content-type': 'text/html' });
    return void res.end('<h1>Bad gateway</h1>');
  }
  if (url.pathname === '/slow') return void setTimeout(() => res.end('{}'), 2000);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }));
}

beforeAll(async () => {
  server = http.createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function refusalOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('apiRequest', () => {
  it.each(Object.keys(ERROR_STATUS) as ErrorCode[])('keys a %s refusal by its code, with its status and the message as written', async (code) => {
    const error = await refusalOf(apiRequest(`${base}/refuse?code=${code}`));
    expect(error).toMatchObject({ code, status: ERROR_STATUS[code], message: `Refused with ${code}.` });
  });

  it('keeps the details the server sent', async () => {
    const error = await refusalOf(apiRequest(`${base}/refuse?code=unprocessable`, { body: {} }));
    expect(error.details).toEqual({ field: 'end' });
  });

  it('names a refusal without the JSON format by its status, and says the status', async () => {
    const error = await refusalOf(apiRequest(`${base}/proxy-error`));
    expect(error).toMatchObject({ status: 502, code: 'internal', message: 'The server answered 502.' });
  });

  it('sends JSON with the version as If-Match, and FormData as is', async () => {
    const json = await apiRequest<{ method: string; headers: Record<string, string>; body: string }>(`${base}/echo`, { method: 'PATCH', body: { note: 'é' }, version: 4 });
    expect(json).toMatchObject({ method: 'PATCH', body: '{"note":"é"}' });
    expect(json.headers).toMatchObject({ 'content-type': 'application/json', 'if-match': '"4"' });
    const form = new FormData();
    form.append('files', new Blob(['text']), 'a.txt');
    const upload = await apiRequest<{ method: string; headers: Record<string, string>; body: string }>(`${base}/echo`, { body: form });
    expect(upload.method).toBe('POST');
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.body).toContain('filename="a.txt"');
  });

  it('says the server could not be reached when nothing answers', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await refusalOf(apiRequest(`http://127.0.0.1:${port}/`));
    expect(error).toMatchObject({ status: 0, code: 'unreachable' });
    expect(error.message).toMatch(/could not be reached/);
  });

  it('rejects an aborted request with the abort, not as unreachable', async () => {
    const controller = new AbortController();
    const pending = apiResponse(`${base}/slow`, { signal: controller.signal });
    controller.abort();
    const error = await pending.then(() => null, (e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
  });
});

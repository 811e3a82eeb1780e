/**
 * A web page served on 127.0.0.1 for tests that import by URL (the authorization matrix):
 * started once, on demand, and allowed through IMPORT_ALLOWED_HOSTS. Each call returns the
 * address of a fresh page, so no two imports are duplicates. The server never keeps the
 * process alive.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

let base: Promise<string> | null = null;

function start(): Promise<string> {
  const server = http.createServer((req, res) => {
    const tag = decodeURIComponent((req.url ?? '/').slice(1));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><head><title>Local page ${tag}</title></head><body><article><p>The delegations met in Geneva on Tuesday for talks, page ${tag}.</p></article></body></html>`);
  });
  server.unref();
  process.env.IMPORT_ALLOWED_HOSTS = [process.env.IMPORT_ALLOWED_HOSTS, '127.0.0.1'].filter(Boolean).join(',');
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** The address of a new page on the local server. */
export async function localPageUrl(tag: string): Promise<string> {
  base ??= start();
  return `${await base}/${encodeURIComponent(`${tag}-${Math.random().toString(36).slice(2)}`)}`;
}

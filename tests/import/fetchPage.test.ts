/**
 * URL fetches against a local HTTP server this test starts on 127.0.0.1 (allowed for the test
 * through the allowedHosts option, as IMPORT_ALLOWED_HOSTS would). No other traffic is sent:
 * the address rules are tested on the pure check, and refused hosts are refused before any
 * connection.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedHosts, fetchPage, forbiddenReason } from '@/lib/import/fetchPage';
import { isAppError } from '@/lib/errors';

const article = fs.readFileSync(path.join(__dirname, 'pages', 'news-jsonld.html'), 'utf8');
let server: http.Server;
let base: string;
const LOCAL = allowedHosts('127.0.0.1');

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const route = req.url ?? '/';
    if (route === '/story') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article);
    if (route === '/gzip') return res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync(article));
    if (route === '/cp1251') return res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' }).end(Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]));
    if (route === '/moved') return res.writeHead(301, { location: '/story' }).end();
    if (route === '/to-private') return res.writeHead(302, { location: 'http://10.0.0.7/admin' }).end();
    if (route === '/to-metadata') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (route === '/to-ftp') return res.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end();
    if (route.startsWith('/loop')) return res.writeHead(302, { location: `/loop${Number(route.slice(5) || 0) + 1}` }).end();
    if (route === '/big') {
      // No content-length: the cap must hold while streaming.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 80 && res.write(chunk)) sent++;
        if (sent < 80) res.once('drain', pump);
        else res.end();
      };
      return pump();
    }
    if (route === '/big-declared') return res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(6 * 1024 * 1024) }).end();
    if (route === '/bomb') return res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, ' ')));
    if (route === '/pdf') return res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4');
    if (route === '/json') return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    if (route === '/slow') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>Starting');
      return void setTimeout(() => res.end('</p></body></html>'), 3000).unref();
    }
    if (route === '/gone') return res.writeHead(410).end();
    if (route === '/error') return res.writeHead(503).end();
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function refusal(url: string, options: Parameters<typeof fetchPage>[1] = { allowedHosts: LOCAL }) {
  try {
    await fetchPage(url, options);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { status: error.status, message: error.message };
  }
  throw new Error(`${url} was fetched`);
}

describe('forbiddenReason (pure: no traffic)', () => {
  const cases: Array<[string, string | null]> = [
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.200.0.5', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['100.64.0.1', 'private (carrier-grade NAT)'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['[::1]', 'loopback'],
    ['93.184.216.34', null],
    ['172.32.0.1', null],
    ['8.8.8.8', null],
    ['2606:4700:4700::1111', null],
    ['::ffff:8.8.8.8', null],
  ];
  for (const [address, reason] of cases) it(`${address} -> ${reason ?? 'allowed'}`, () => expect(forbiddenReason(address)).toBe(reason));

  it('IMPORT_ALLOWED_HOSTS is a comma list, case and spaces ignored', () => {
    expect([...allowedHosts(' 127.0.0.1, Intranet.Example ,[::1]')]).toEqual(['127.0.0.1', 'intranet.example', '::1']);
    expect(allowedHosts('').size).toBe(0);
    expect(allowedHosts(undefined).size).toBe(0);
  });
});

describe('fetchPage against a local server', () => {
  it('fetches an HTML page and records the final URL after a redirect', async () => {
    const page = await fetchPage(`${base}/moved`, { allowedHosts: LOCAL });
    expect(page).toMatchObject({ requestedUrl: `${base}/moved`, finalUrl: `${base}/story`, status: 200, contentType: 'text/html; charset=utf-8', redirects: [`${base}/moved`, `${base}/story`] });
    expect(page.html).toBe(article);
  });

  it('decompresses gzip and decodes a declared charset', async () => {
    expect((await fetchPage(`${base}/gzip`, { allowedHosts: LOCAL })).html).toBe(article);
    expect((await fetchPage(`${base}/cp1251`, { allowedHosts: LOCAL })).html).toBe('Привет');
  });

  it('refuses 127.0.0.1 itself when it is not an allowed host (before connecting)', async () => {
    expect(await refusal(`${base}/story`, { allowedHosts: new Set() })).toMatchObject({ status: 403, message: expect.stringMatching(/resolves to 127\.0\.0\.1, a loopback address/) });
    expect(await refusal('http://[::ffff:127.0.0.1]:9/', { allowedHosts: new Set() })).toMatchObject({ status: 403, message: expect.stringMatching(/loopback/) });
  });

  it('refuses a redirect to a private or link-local address, checked again on every hop', async () => {
    expect(await refusal(`${base}/to-private`)).toMatchObject({ status: 403, message: expect.stringMatching(/10\.0\.0\.7, a private address/) });
    expect(await refusal(`${base}/to-metadata`)).toMatchObject({ status: 403, message: expect.stringMatching(/169\.254\.169\.254, a link-local address/) });
    expect(await refusal(`${base}/to-ftp`)).toMatchObject({ status: 400, message: expect.stringMatching(/Only http:\/\/ and https:\/\//) });
  });

  it('follows at most 5 redirects', async () => {
    expect(await refusal(`${base}/loop0`)).toMatchObject({ status: 422, message: expect.stringMatching(/redirects more than 5 times/) });
  });

  it('refuses a page larger than the cap, while streaming, by its declared length, and after decompression', async () => {
    for (const route of ['/big', '/big-declared', '/bomb']) {
      expect(await refusal(`${base}${route}`)).toMatchObject({ status: 413, message: expect.stringMatching(/larger than 5 MB/) });
    }
  });

  it('refuses what is not HTML', async () => {
    expect(await refusal(`${base}/pdf`)).toMatchObject({ status: 415, message: expect.stringMatching(/is not an HTML page \(it is application\/pdf\)/) });
    expect(await refusal(`${base}/json`)).toMatchObject({ status: 415 });
  });

  it('gives up on a slow page after the time limit', async () => {
    const started = Date.now();
    expect(await refusal(`${base}/slow`, { allowedHosts: LOCAL, timeoutMs: 500 })).toMatchObject({ status: 422, message: expect.stringMatching(/did not arrive within 0\.5 s/) });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('says so for 404, 410 and 5xx answers, a closed port and bad addresses', async () => {
    expect(await refusal(`${base}/missing`)).toMatchObject({ status: 422, message: expect.stringMatching(/the page was not found \(HTTP 404\)/) });
    expect(await refusal(`${base}/gone`)).toMatchObject({ status: 422, message: expect.stringMatching(/HTTP 410/) });
    expect(await refusal(`${base}/error`)).toMatchObject({ status: 422, message: expect.stringMatching(/HTTP 503/) });
    expect(await refusal('http://127.0.0.1:1/')).toMatchObject({ status: 422, message: expect.stringMatching(/Could not reach 127\.0\.0\.1:1: the connection was refused/) });
    expect(await refusal('not a url')).toMatchObject({ status: 400 });
    expect(await refusal('file:///etc/passwd')).toMatchObject({ status: 400 });
    expect(await refusal('http://user:pw@127.0.0.1/')).toMatchObject({ status: 400 });
  });
});

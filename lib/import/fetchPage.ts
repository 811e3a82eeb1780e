/**
 * Fetching a web page for import, safely (issue 16 item 4). The server resolves the host
 * itself and refuses private, loopback, link-local, unique-local, multicast, unspecified and
 * reserved addresses (IPv4 and IPv6, v4-mapped and NAT64 forms too) unless the host is listed
 * in IMPORT_ALLOWED_HOSTS; the connection then goes to exactly the address that was checked
 * (no second DNS answer can slip in). Redirects are followed by hand, at most 5, each checked
 * the same way. The answer must be HTML, at most 5 MB (counted while streaming, after
 * decompression) and arrive within 15 s in total. Every refusal is an AppError with a 4xx
 * status and a message a person understands.
 */
import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { AppError } from '../errors';

export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_REDIRECTS = 5;

export interface FetchedPage {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  contentType: string;
  html: string;
  /** Every address passed through, the requested one first. */
  redirects: string[];
  fetchedAt: Date;
}

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Hosts exempt from the address check; defaults to IMPORT_ALLOWED_HOSTS. */
  allowedHosts?: Set<string>;
}

type Range = [string, number, string];

/** Address ranges never fetched, with the word used in the refusal. */
const V4: Range[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved (documentation)'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved (benchmarking)'],
  ['198.51.100.0', 24, 'reserved (documentation)'],
  ['203.0.113.0', 24, 'reserved (documentation)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const V6: Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['fc00::', 7, 'unique-local'],
  ['ff00::', 8, 'multicast'],
  ['100::', 64, 'reserved (discard)'],
  ['2001:db8::', 32, 'reserved (documentation)'],
];

function blockList(ranges: Range[], family: 'ipv4' | 'ipv6') {
  return ranges.map(([address, prefix, reason]) => {
    const list = new net.BlockList();
    list.addSubnet(address, prefix, family);
    return { list, reason };
  });
}
const V4_LISTS = blockList(V4, 'ipv4');
const V6_LISTS = blockList(V6, 'ipv6');

/** The IPv4 address embedded in a v4-mapped (::ffff:a.b.c.d), v4-compatible or NAT64 (64:ff9b::) IPv6 address. */
function embeddedV4(address: string): string | null {
  const lower = address.toLowerCase();
  const m = /^(?:::ffff:|::ffff:0:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (m) return m[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an IP address must not be fetched ("loopback", "private", ...), or null for a public address. */
export function forbiddenReason(address: string): string | null {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = net.isIP(ip);
  if (family === 4) return V4_LISTS.find((b) => b.list.check(ip, 'ipv4'))?.reason ?? (ip === '255.255.255.255' ? 'broadcast' : null);
  if (family === 6) {
    const v4 = embeddedV4(ip);
    if (v4) return forbiddenReason(v4);
    return V6_LISTS.find((b) => b.list.check(ip, 'ipv6'))?.reason ?? null;
  }
  return 'not an IP';
}

/** IMPORT_ALLOWED_HOSTS: comma-separated host names or addresses exempt from the address check. */
export function allowedHosts(value = process.env.IMPORT_ALLOWED_HOSTS): Set<string> {
  return new Set((value ?? '').split(',').map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, '')).filter(Boolean));
}

const refuse = (code: 'bad_request' | 'forbidden' | 'payload_too_large' | 'unsupported_media_type' | 'unprocessable', message: string) => new AppError(code, `Nothing was imported. ${message}`);

/** The address as a URL we may fetch, or a 400. */
export function parsePageUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    throw refuse('bad_request', `"${raw.slice(0, 200)}" is not a web address: give a full address such as https://example.com/news/story.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('bad_request', `Only http:// and https:// addresses can be imported, not ${url.protocol}//.`);
  if (url.username || url.password) throw refuse('bad_request', 'Addresses with a user name or password in them are refused.');
  url.hash = '';
  return url;
}

/** Resolves the host and checks every address it has; returns the address to connect to. */
async function checkedAddress(url: URL, allowed: Set<string>): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  let addresses: Array<{ address: string; family: number }>;
  if (net.isIP(host)) addresses = [{ address: host, family: net.isIP(host) }];
  else {
    try {
      addresses = await dns.lookup(host, { all: true, verbatim: true });
    } catch {
      throw refuse('unprocessable', `Could not reach ${host}: the name does not resolve (no such host, or no network).`);
    }
  }
  if (addresses.length === 0) throw refuse('unprocessable', `Could not reach ${host}: the name has no address.`);
  if (!allowed.has(host)) {
    for (const { address } of addresses) {
      const reason = forbiddenReason(address);
      if (reason) throw refuse('forbidden', `${url.host} resolves to ${address}, a ${reason} address: only public web addresses are fetched (IMPORT_ALLOWED_HOSTS lists exceptions).`);
    }
  }
  return addresses[0];
}

interface Answer {
  status: number;
  message: string;
  headers: http.IncomingHttpHeaders;
  body: Readable;
}

/** One GET to the checked address (the host name still goes in Host and TLS SNI). */
function request(url: URL, target: { address: string; family: number }, signal: AbortSignal): Promise<Answer> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, {
      method: 'GET',
      signal,
      agent: false,
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'FactCheckWorkbench/1.0 (article import)' },
      lookup: (_host, options, callback) => {
        const cb = callback as (...args: unknown[]) => void;
        if ((options as { all?: boolean }).all) cb(null, [target]);
        else cb(null, target.address, target.family);
      },
    });
    req.on('response', (res) => resolve({ status: res.statusCode ?? 0, message: res.statusMessage ?? '', headers: res.headers, body: res }));
    req.on('error', reject);
    req.end();
  });
}

function decompressed(answer: Answer): Readable {
  const encoding = String(answer.headers['content-encoding'] ?? '').toLowerCase().trim();
  if (encoding === 'gzip' || encoding === 'x-gzip') return answer.body.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return answer.body.pipe(zlib.createInflate());
  if (encoding === 'br') return answer.body.pipe(zlib.createBrotliDecompress());
  return answer.body;
}

async function readCapped(stream: Readable, maxBytes: number, url: URL): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      stream.destroy();
      throw refuse('payload_too_large', `The page at ${url.host} is larger than ${maxBytes / 1024 / 1024} MB.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The charset the headers or the page's own <meta> declare; UTF-8 otherwise. */
function decodeHtml(bytes: Buffer, contentType: string): string {
  const declared = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes).replace(/^\uFEFF/, '').replaceAll('\u0000', '');
}

function networkProblem(error: unknown, url: URL, timeoutMs: number, signal: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (signal.aborted) return refuse('unprocessable', `The page at ${url.host} did not arrive within ${timeoutMs / 1000} s.`);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const why: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was cut off',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
    ETIMEDOUT: 'the connection timed out',
  };
  const reason = why[code] ?? (/cert|ssl|tls/i.test(code + String((error as Error).message)) ? 'its HTTPS certificate is not valid' : 'the request failed');
  return refuse('unprocessable', `Could not reach ${url.host}: ${reason}.`);
}

/** Fetches an HTML page under the rules above. */
export async function fetchPage(raw: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_PAGE_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const allowed = options.allowedHosts ?? allowedHosts();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let url = parsePageUrl(raw);
  const redirects = [url.href];
  try {
    for (;;) {
      const target = await checkedAddress(url, allowed);
      const answer = await request(url, target, controller.signal);
      const location = answer.headers.location;
      if (answer.status >= 300 && answer.status < 400 && location) {
        answer.body.resume();
        if (redirects.length > maxRedirects) throw refuse('unprocessable', `The page at ${redirects[0]} redirects more than ${maxRedirects} times.`);
        url = parsePageUrl(location, url);
        redirects.push(url.href);
        continue;
      }
      if (answer.status < 200 || answer.status >= 300) {
        answer.body.resume();
        const what = answer.status === 404 || answer.status === 410 ? 'the page was not found' : `the server answered HTTP ${answer.status}${answer.message ? ` ${answer.message}` : ''}`;
        throw refuse('unprocessable', `Could not import ${url.href}: ${what} (HTTP ${answer.status}).`);
      }
      const contentType = String(answer.headers['content-type'] ?? '');
      if (!/^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) {
        answer.body.resume();
        throw refuse('unsupported_media_type', `${url.href} is not an HTML page (it is ${contentType.split(';')[0].trim() || 'of no stated type'}).`);
      }
      if (Number(answer.headers['content-length'] ?? 0) > maxBytes) {
        answer.body.destroy();
        throw refuse('payload_too_large', `The page at ${url.host} is larger than ${maxBytes / 1024 / 1024} MB.`);
      }
      const bytes = await readCapped(decompressed(answer), maxBytes, url);
      return { requestedUrl: redirects[0], finalUrl: url.href, status: answer.status, contentType, html: decodeHtml(bytes, contentType), redirects, fetchedAt: new Date() };
    }
  } catch (error) {
    throw networkProblem(error, url, timeoutMs, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

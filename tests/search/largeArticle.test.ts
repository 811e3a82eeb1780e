/**
 * One large article stalls nobody: a 2 MB article imported over HTTP, then the first link
 * suggestion (which indexes its ~20,000 sentences) while /api/health is polled. The route
 * handlers run behind a real Node HTTP server in this process, so a long synchronous step
 * would hold the very event loop that answers the health checks; the longest stall is
 * measured with perf_hooks.monitorEventLoopDelay.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { createToken } from '@/lib/data/tokens';
import { MAX_BODY_BYTES } from '@/lib/validation';
import { splitSentences } from '@/lib/search/sentences';
import { callRoute, importRoute, type Method, type RouteModule } from '../security/routeCall';
import { makeProject, makeUser } from '../helpers';
import { annotate, makeArticle } from '../links/fixtures';
import { sqlFirst } from '@/lib/db/query';

const NEEDLE = 'The harbour pilots of Izmail confirmed that the grain convoy sailed at dawn.';
const MS = 1e6;

/** About `bytes` of news text: the seed articles' sentences, shuffled, in paragraphs, one of them thousands of sentences long. */
function largeBody(bytes: number): string {
  const seeds = fs.readdirSync(path.resolve(__dirname, '../../seeds')).filter((f) => f.endsWith('.txt'));
  const pool = seeds.flatMap((f) => splitSentences(fs.readFileSync(path.resolve(__dirname, '../../seeds', f), 'utf8')).map((s) => s.text));
  let state = 7;
  const random = (n: number) => ((state = (state * 1103515245 + 12345) & 0x7fffffff) % n);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes - 10_000) {
    const count = paragraphs.length === 3 ? 3_000 : 1 + random(40);
    const paragraph = Array.from({ length: count }, () => pool[random(pool.length)]).join(' ');
    paragraphs.push(paragraph);
    size += Buffer.byteLength(paragraph) + 2;
  }
  paragraphs.push(NEEDLE);
  return paragraphs.join('\n\n');
}

const ROUTES: Array<[RegExp, string]> = [
  [/^\/api\/health$/, '/api/health'],
  [/^\/api\/projects\/(?<projectId>\d+)\/articles$/, '/api/projects/:projectId/articles'],
  [/^\/api\/annotations\/(?<id>\d+)\/suggestions$/, '/api/annotations/:id/suggestions'],
];
const modules = new Map<string, RouteModule>();
let server: http.Server;
let base = '';

/** Answers one request with the route handler its path names. */
async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = ROUTES.map(([re, pattern]) => [re.exec(url.pathname), pattern] as const).find(([m]) => m);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!route) return void res.writeHead(404).end();
  const [match, pattern] = route;
  const answer = await callRoute(modules.get(pattern)!, {
    method: req.method as Method,
    url: url.pathname + url.search,
    params: { ...match!.groups },
    token: req.headers.authorization?.replace(/^Bearer /, '') ?? null,
    rawBody: chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined,
    headers: req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {},
  });
  res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.text);
}

/** A Node HTTP server in front of the app's route handlers (the three this test needs). */
async function startServer(): Promise<void> {
  for (const [, pattern] of ROUTES) modules.set(pattern, (await importRoute(pattern))!);
  // A handler that throws is a 500 the test sees, not an unhandled rejection.
  server = http.createServer((req, res) => {
    serve(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let token = '';
let projectId = 0;
let userId = 0;

beforeAll(async () => {
  await startServer();
  const lead = await makeUser();
  userId = lead.user.id;
  projectId = (await makeProject([[userId, 'lead']])).id;
  token = (await createToken({ actor: lead.actor, input: { name: 'large' } })).token;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Polls /api/health every 20 ms until `stop` resolves; returns the slowest answer in ms. */
async function pollHealth(stop: Promise<unknown>): Promise<{ slowest: number; polls: number }> {
  let done = false;
  void stop.finally(() => (done = true));
  let slowest = 0;
  let polls = 0;
  while (!done) {
    const started = performance.now();
    const res = await fetch(`${base}/api/health`);
    expect(await res.json()).toEqual({ ok: true });
    slowest = Math.max(slowest, performance.now() - started);
    polls++;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { slowest, polls };
}

interface Answer {
  indexing: boolean;
  suggestions: Array<{ articleId: number; exact: string }>;
}

async function suggest(annotationId: number): Promise<Answer> {
  const res = await fetch(`${base}/api/annotations/${annotationId}/suggestions`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

/** Asks for suggestions until the index is complete (as a user reopening the picker would). */
async function untilIndexed(annotationId: number) {
  const started = performance.now();
  const first = await suggest(annotationId);
  const firstMs = performance.now() - started;
  let last = first;
  let asked = 1;
  while (last.indexing) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await suggest(annotationId);
    asked++;
  }
  return { first, firstMs, last, asked };
}

describe('a 2 MB article', () => {
  it('is indexed for suggestions a step at a time: suggestions answer at once and /api/health never waits long', async () => {
    const body = largeBody(MAX_BODY_BYTES - 4_096);
    const bytes = Buffer.byteLength(body);
    expect(bytes).toBeGreaterThan(2_000_000);
    expect(bytes).toBeLessThanOrEqual(MAX_BODY_BYTES);

    const importDelay = monitorEventLoopDelay({ resolution: 5 });
    importDelay.enable();
    const imported = await fetch(`${base}/api/projects/${projectId}/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Transcript', body, outlet: 'Pasted' }),
    });
    importDelay.disable();
    expect(imported.status).toBe(201);
    const big = ((await imported.json()) as { article: { id: number } }).article.id;
    const other = await makeArticle(projectId, 'Izmail harbour pilots said the grain convoy sailed at dawn on Tuesday.', 'Port desk');
    const source = await annotate(other.id, userId, 'Izmail harbour pilots said the grain convoy sailed at dawn');

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    const indexed = untilIndexed(source.id);
    const health = await pollHealth(indexed);
    const { first, firstMs, last, asked } = await indexed;
    const totalMs = performance.now() - started;
    delay.disable();

    const stored = (await sqlFirst<{ n: number }>(getDb(), sql`select sentence_count as n from article_search_state where article_id = ${big}`))!.n;
    expect(stored).toBe(splitSentences(body).length);
    expect(last.suggestions[0]).toMatchObject({ articleId: big, exact: NEEDLE });
    const longestStall = delay.max / MS;
    console.info(
      `2 MB article (${bytes} bytes, ${stored} sentences): first suggestions after ${firstMs.toFixed(0)} ms ` +
        `(indexing: ${first.indexing}); fully indexed after ${totalMs.toFixed(0)} ms and ${asked} asks; ` +
        `longest event-loop stall ${longestStall.toFixed(0)} ms; slowest /api/health ${health.slowest.toFixed(0)} ms over ${health.polls} polls; ` +
        `the import itself (JSON, normalization, sha256, one insert) held the event loop for ${(importDelay.max / MS).toFixed(0)} ms`,
    );
    // Before, the first suggestion indexed the whole article in one synchronous step: one stall
    // as long as the indexing (ratio 1). The ratio holds however busy the machine is; the
    // absolute bounds are generous for a shared 2-core machine (the targets, 1 s for the first
    // answer and 100 ms for a health check, hold on a quiet one: see docs/api.md).
    expect(longestStall / totalMs).toBeLessThan(0.25);
    expect(longestStall).toBeLessThan(1_000);
    expect(health.slowest).toBeLessThan(1_500);
    expect(firstMs).toBeLessThan(5_000);
    expect(health.polls).toBeGreaterThan(3);
  }, 180_000);
});

/**
 * The one route table (lib/api/routes.ts): every app/api route file exports exactly the
 * table's handlers, so Next.js and the server's fast lane run the same code; and which
 * requests the fast lane takes from Next.js.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importRoute, METHODS, type Method } from '../security/routeCall';

// next/headers (imported by the route modules) expects what Next.js's server sets up first.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;

let table: typeof import('@/lib/api/routes');
beforeAll(async () => {
  table = await import('@/lib/api/routes');
});

/** Every app/api route file as its path pattern (/api/annotations/:id), next-auth's aside. */
function routeFilePatterns(dir = path.join(process.cwd(), 'app', 'api'), prefix = '/api'): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'auth') continue;
    const segment = entry.name.startsWith('[') ? `:${entry.name.slice(1, -1)}` : entry.name;
    const full = path.join(dir, entry.name);
    if (fs.existsSync(path.join(full, 'route.ts'))) found.push(`${prefix}/${segment}`);
    found.push(...routeFilePatterns(full, `${prefix}/${segment}`));
  }
  return found;
}

describe('the route table and app/api', () => {
  it('every table entry is exported, as the very same function, by its route file', async () => {
    for (const route of table.API_ROUTES) {
      const module = await importRoute(route.path);
      expect(module, `${route.path} has a route file`).not.toBeNull();
      expect(module![route.method], `${route.method} ${route.path}`).toBe(route.handler);
    }
  });

  it('every route file exports only what the table holds', async () => {
    const patterns = routeFilePatterns();
    expect(patterns.length).toBeGreaterThan(20);
    for (const pattern of patterns) {
      const module = (await importRoute(pattern))!;
      const exported = METHODS.filter((m) => typeof module[m] === 'function');
      const declared = table.API_ROUTES.filter((r) => r.path === pattern).map((r) => r.method as Method);
      expect(exported.sort(), pattern).toEqual(declared.sort());
    }
  });

  it('declares each method and path once', () => {
    const keys = table.API_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('routes only writes directly', () => {
    const direct = table.API_ROUTES.filter((r) => r.direct);
    expect(direct.length).toBeGreaterThan(5);
    for (const route of direct) expect(['POST', 'PATCH', 'DELETE']).toContain(route.method);
  });

  it('apiRoute refuses a route the table does not hold', () => {
    expect(() => table.apiRoute('GET', '/api/nowhere')).toThrow('No GET /api/nowhere');
  });
});

describe('matchDirectRoute', () => {
  it('never shadows a static route: where a direct route has a :param, app/ has only dynamic folders beside it', () => {
    for (const route of table.API_ROUTES.filter((r) => r.direct)) {
      const pattern = route.path.split('/').filter(Boolean);
      pattern.forEach((segment, i) => {
        if (!segment.startsWith(':')) return;
        const parent = path.join(process.cwd(), 'app', ...pattern.slice(0, i));
        const statics = fs.readdirSync(parent, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('['));
        expect(statics.map((e) => e.name), `${parent} beside ${segment}`).toEqual([]);
      });
    }
  });

  it.each([
    ['POST', '/api/articles/12/annotations', { articleId: '12' }],
    ['POST', '/api/articles/12/annotations?x=1', { articleId: '12' }],
    ['PATCH', '/api/annotations/7', { id: '7' }],
    ['DELETE', '/api/annotations/7', { id: '7' }],
    ['POST', '/api/annotations/7/reviews', { id: '7' }],
    ['POST', '/api/links', {}],
    ['DELETE', '/api/links/3', { id: '3' }],
    ['POST', '/api/links/3/settle', { id: '3' }],
    ['POST', '/api/annotations/%31%32', null],
    ['PATCH', '/api/annotations/%31%32', { id: '12' }],
    ['PATCH', '/api/annotations/abc', { id: 'abc' }],
  ])('%s %s -> %j', (method, url, params) => {
    const match = table.matchDirectRoute(method, url);
    if (params === null) expect(match).toBeNull();
    else expect(match?.params).toEqual(params);
  });

  it.each([
    ['GET', '/api/articles/12/annotations'],
    ['HEAD', '/api/annotations/7'],
    ['POST', '/api/articles/12/annotations/'],
    ['POST', '/api/articles//annotations'],
    ['POST', '/api/articles/../annotations'],
    ['PATCH', '/api/annotations/%E0%A4%A'],
    ['POST', '/api/projects/1/articles'],
    ['POST', '/projects/1'],
    ['POST', '/api/linksx'],
    [undefined, '/api/links'],
  ])('%s %s is left to Next.js', (method, url) => {
    expect(table.matchDirectRoute(method, url)).toBeNull();
  });
});

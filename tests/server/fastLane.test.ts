/**
 * The write fast lane's routing (server/fastLane.ts): which requests it takes from Next.js,
 * and that each of its routes is the route file's own exported handler, so both paths run the
 * same code.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importRoute } from '../security/routeCall';

// next/headers (imported by the route modules) expects what Next.js's server sets up first.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;

let lane: typeof import('@/server/fastLane');
beforeAll(async () => {
  lane = await import('@/server/fastLane');
});

describe('matchFastRoute', () => {
  it('never shadows a static route: where a fast route has a :param, app/ has only dynamic folders beside it', () => {
    for (const route of lane.FAST_ROUTES) {
      route.pattern.forEach((segment, i) => {
        if (!segment.startsWith(':')) return;
        const parent = path.join(process.cwd(), 'app', ...route.pattern.slice(0, i));
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
    const match = lane.matchFastRoute(method, url);
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
    expect(lane.matchFastRoute(method, url)).toBeNull();
  });

  it('serves only writes, each with the handler its route file exports', async () => {
    for (const route of lane.FAST_ROUTES) {
      expect(['POST', 'PATCH', 'DELETE']).toContain(route.method);
      const pattern = '/' + route.pattern.join('/');
      const module = await importRoute(pattern);
      expect(module, `${pattern} has a route file`).not.toBeNull();
      expect(route.handler, `${route.method} ${pattern}`).toBe(module![route.method as 'POST']);
    }
  });
});

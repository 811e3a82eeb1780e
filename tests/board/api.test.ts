/** GET /api/projects/:projectId/board over HTTP semantics: the page shape, 400s, 404 for strangers. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '@/lib/data/tokens';
import { callRoute, importRoute, type RouteModule } from '../security/routeCall';
import { makeProject, makeUser } from '../helpers';
import { link, makeDesk, reject } from './fixtures';

let route: RouteModule;
let projectId: number;
let token: string, strangerToken: string;

beforeAll(async () => {
  // One after another: concurrent sign-ups collide on PostgreSQL (SERIALIZABLE) and can exhaust their retries.
  const [member, other, stranger] = [await makeUser(), await makeUser(), await makeUser()];
  projectId = (await makeProject([[member.user.id, 'reviewer'], [other.user.id, 'reviewer']])).id;
  token = (await createToken({ actor: member.actor, input: { name: 'tests' } })).token;
  strangerToken = (await createToken({ actor: stranger.actor, input: { name: 'tests' } })).token;
  route = (await importRoute('/api/projects/:projectId/board'))!;
  const desk = await makeDesk(projectId, member.user.id);
  const claim = await desk.statement('Kyiv Independent', 'Ukraine will not legally recognize any occupied territories');
  await link(member.actor, claim, await desk.statement('UNN', 'Ukraine will never recognize the occupied territories as Russian', 'quote'));
  await reject(other.actor, await link(member.actor, claim, await desk.statement('Reuters', 'the occupied territories could be recognized in a deal'), 'conflicts'));
  await desk.statement('Meduza', 'Prices rose by 12 % in Crimea');
});

const get = (query: string, as = token) =>
  callRoute(route, { method: 'GET', url: `/api/projects/${projectId}/board${query}`, params: { projectId: String(projectId) }, token: as });

describe('GET /api/projects/:projectId/board', () => {
  it('answers a page of clusters with outlets, edges and totals', async () => {
    const res = await get('?limit=1&sort=contested');
    expect(res.status).toBe(200);
    const body = res.json as { items: { id: number; corroborates: number; rejectedLinks: number }[]; nextCursor: string; outlets: unknown[]; totals: Record<string, number> };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ corroborates: 1, rejectedLinks: 1 });
    expect(body.totals).toMatchObject({ clusters: 3, contested: 0, rejectedLinks: 1 });
    expect(body.outlets.length).toBeGreaterThan(0);
    const next = await get(`?limit=1&sort=contested&cursor=${encodeURIComponent(body.nextCursor)}`);
    expect((next.json as { items: { id: number }[] }).items[0].id).not.toBe(body.items[0].id);
  });

  it('answers 400 with a message for a bad cursor, limit, sort, filter or parameter', async () => {
    for (const query of ['?cursor=abc.def', '?limit=0', '?limit=1000000000', '?sort=loudest', '?status=maybe', '?reviewer=-1', '?colour=red']) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.json, query).toMatchObject({ error: { code: 'bad_request', message: expect.any(String) } });
    }
  });

  it('answers 404 to a non-member', async () => {
    expect((await get('', strangerToken)).status).toBe(404);
  });
});

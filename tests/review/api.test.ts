/** The review endpoints over HTTP semantics: status codes, If-Match, the error format. */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { bumpVersion, makeArticle, tag } from './fixtures';
import { callRoute, importRoute, type RouteModule } from '../security/routeCall';
import { createToken } from '@/lib/data/tokens';

type Who = Awaited<ReturnType<typeof makeUser>>;
let author: Who, reviewer: Who;
let authorToken: string, reviewerToken: string;
let reviews: RouteModule;
let project: Awaited<ReturnType<typeof makeProject>>;

beforeAll(async () => {
  [author, reviewer] = await Promise.all([makeUser(), makeUser()]);
  project = await makeProject([[author.user.id, 'reviewer'], [reviewer.user.id, 'reviewer']]);
  authorToken = (await createToken({ actor: author.actor, input: { name: 'tests' } })).token;
  reviewerToken = (await createToken({ actor: reviewer.actor, input: { name: 'tests' } })).token;
  reviews = (await importRoute('/api/annotations/:id/reviews'))!;
});

const post = (id: number, token: string, body: unknown, headers: Record<string, string> = {}) =>
  callRoute(reviews, { method: 'POST', url: `/api/annotations/${id}/reviews`, params: { id: String(id) }, token, body, headers });

describe('POST /api/annotations/:id/reviews', () => {
  it('answers 201 with the review and the derived status', async () => {
    const a = await tag(await makeArticle(project.id), author.user.id, 'claim', 'Ukraine will not legally recognize');
    const res = await post(a.id, reviewerToken, { decision: 'accept' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'accepted', review: { decision: 'accept', reviewerId: reviewer.user.id } });
  });

  it('refuses the author (403), a stale If-Match (409) and a malformed one (400)', async () => {
    const article = await makeArticle(project.id, 'Another text: the constitution forbids it.', 'Second');
    const a = await tag(article, author.user.id, 'quote', 'the constitution forbids it');
    const own = await post(a.id, authorToken, { decision: 'accept' });
    expect(own.status).toBe(403);
    expect(own.json).toMatchObject({ error: { code: 'forbidden', message: 'You cannot review your own annotation.' } });
    await bumpVersion(a.id);
    const stale = await post(a.id, reviewerToken, { decision: 'accept' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect((stale.json as { error: { message: string } }).error.message).toMatch(/version 1.*version 2/);
    expect((await post(a.id, reviewerToken, { decision: 'accept' }, { 'if-match': 'soon' })).status).toBe(400);
    expect((await post(a.id, reviewerToken, { decision: 'accept' }, { 'if-match': 'W/"2"' })).status).toBe(201);
  });

  it('refuses a rejection without a reason and an over-long reason with 400', async () => {
    const article = await makeArticle(project.id, 'A third text about officials in Washington.', 'Third');
    const a = await tag(article, author.user.id, 'context', 'officials in Washington');
    expect((await post(a.id, reviewerToken, { decision: 'reject' })).status).toBe(400);
    expect((await post(a.id, reviewerToken, { decision: 'reject', reason: 'x'.repeat(10_001) })).status).toBe(400);
    expect((await post(999_999, reviewerToken, { decision: 'accept' })).status).toBe(404);
  });
});

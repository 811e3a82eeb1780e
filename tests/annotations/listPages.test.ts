/** Keyset pages of an article's annotations (the reader's first page and the rest), over HTTP. */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { callRoute, importRoute, type RouteModule } from '../security/routeCall';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { createAnnotation, deleteAnnotation } from '@/lib/data/annotations';
import { createToken } from '@/lib/data/tokens';

type PageAnswer = { annotations: Array<{ id: number; start: number; end: number; exact: string }>; nextCursor: string | null; total: number; cursor: number };

let list: RouteModule;
let articleId: number, otherArticleId: number;
let member = '', outsider = '';
// Emoji and non-ASCII, and spans sharing a start, so the key's end and id break the ties.
const BODY = '🇺🇦 Зеленський said «Ukraine will not recognise» occupied territories. 🦊 Café owners agreed, naïvely.';
const words = [...BODY.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, exact: m[0] }));

beforeAll(async () => {
  list = (await importRoute('/api/articles/:articleId/annotations'))!;
  const [author, stranger] = await Promise.all([makeUser(), makeUser()]);
  const project = await makeProject([[author.user.id, 'reviewer']]);
  articleId = (await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Pages', body: BODY } })).id;
  otherArticleId = (await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Other', body: 'Another text entirely.' } })).id;
  for (const w of words) {
    await createAnnotation({ actor: author.actor, articleId, input: { label: 'claim', ...w } });
    // A second, longer span from the same start.
    await createAnnotation({ actor: author.actor, articleId, input: { label: 'quote', start: w.start, end: BODY.length, exact: BODY.slice(w.start) } });
  }
  const gone = await createAnnotation({ actor: author.actor, articleId, input: { label: 'claim', start: 0, end: 4, exact: BODY.slice(0, 4) } });
  await deleteAnnotation({ actor: author.actor, annotationId: gone.id });
  member = (await createToken({ actor: author.actor, input: { name: 't' } })).token;
  outsider = (await createToken({ actor: stranger.actor, input: { name: 't' } })).token;
});

const get = (query: string, token = member, id = articleId) =>
  callRoute(list, { method: 'GET', url: `/api/articles/${id}/annotations${query}`, params: { articleId: String(id) }, token });

describe('annotation pages', () => {
  it.each([1, 3, 7, 200])('pages of %i cover every live annotation once, in text order, with the total from the first', async (limit) => {
    const all = ((await get('')).json as PageAnswer).annotations;
    expect(all).toHaveLength(words.length * 2);
    const seen: PageAnswer['annotations'] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const res = await get(`?limit=${limit}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
      expect(res.status).toBe(200);
      const page = res.json as PageAnswer;
      expect(page.total).toBe(all.length);
      expect(page.annotations.length).toBeLessThanOrEqual(limit);
      seen.push(...page.annotations);
      next = page.nextCursor;
      pages++;
    } while (next !== null && pages < 100);
    expect(seen.map((a) => a.id)).toEqual(all.map((a) => a.id));
    expect(pages).toBe(Math.max(1, Math.ceil(all.length / limit)));
  });

  it('refuses a bad limit, a forged cursor and a cursor of another article with a 400, and a non-member with a 404', async () => {
    const first = (await get('?limit=2')).json as PageAnswer;
    const cases: Array<[string, number, string, number?]> = [
      ['?limit=0', 400, 'limit must be'],
      ['?limit=201', 400, 'limit must be'],
      ['?limit=ten', 400, 'limit must be'],
      ['?cursor=abc.def', 400, 'not valid'],
      [`?cursor=${encodeURIComponent(first.nextCursor!)}`, 400, 'another list', otherArticleId],
    ];
    for (const [query, status, message, id] of cases) {
      const res = await get(query, member, id);
      expect(res.status, query).toBe(status);
      expect((res.json as { error: { message: string } }).error.message).toContain(message);
    }
    expect((await get('?limit=2', outsider)).status).toBe(404);
  });
});

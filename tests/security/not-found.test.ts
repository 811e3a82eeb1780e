/**
 * "As if it did not exist" taken literally (issue 13, item 3): for a caller who may not see an
 * item, an id of another project answers exactly what an id that exists nowhere answers, on
 * every route of the authorization matrix and in lib/data. Otherwise ids of other projects
 * could be counted by the difference.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { getAnnotation } from '@/lib/data/annotations';
import { getLink } from '@/lib/data/linkViews';
import { deleteComment, listComments } from '@/lib/data/comments';
import { historyOf } from '@/lib/data/history';
import { getArticle } from '@/lib/data/articles';
import { reviewAnnotation } from '@/lib/data/reviews';
import { isAppError } from '@/lib/errors';
import { MATRIX, rowTitle, type RouteRow } from './authz-matrix';
import { callRoute, importRoute } from './routeCall';
import { buildWorld, restoreCast, type World } from './world';

const MISSING = '987654321';
let w: World;

beforeAll(async () => {
  w = await buildWorld();
}, 60_000);

/** Routes whose path names an item by id (a project, article, annotation, link or comment). */
const byId = MATRIX.filter((r): r is RouteRow => r.kind === 'route' && r.path.includes('/:'));

function urlOf(path: string, params: Record<string, string>, query?: string): string {
  return Object.entries(params).reduce((p, [k, v]) => p.replace(`:${k}`, v), path) + (query ? `?${query}` : '');
}

describe.each(byId.map((row) => [`${rowTitle(row)} (${row.what})`, row] as const))('%s', (_title, row) => {
  test.each(['nonMember', 'admin'] as const)('as %s: an id of another project answers like a missing id', async (who) => {
    const mod = (await importRoute(row.path))!;
    const call = await row.build(w, who);
    const missing = Object.fromEntries(Object.keys(call.params).map((k) => [k, MISSING]));
    const token = w.people[who].token;
    try {
      const real = await callRoute(mod, { method: row.method, url: urlOf(row.path, call.params, call.query), params: call.params, token, body: call.body, headers: call.headers });
      const none = await callRoute(mod, { method: row.method, url: urlOf(row.path, missing, call.query), params: missing, token, body: call.body, headers: call.headers });
      expect(real.status).toBe(404);
      expect(real.json).toEqual(none.json);
    } finally {
      await restoreCast(w);
    }
  });
});

/** The AppError a call throws, as {status, message}. */
async function refusal(fn: () => unknown | Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await fn();
  } catch (error) {
    if (isAppError(error)) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('the call was allowed');
}

test('lib/data answers a stranger the same for an item of another project and a missing id', async () => {
  const stranger = w.people.nonMember.actor;
  const missing = Number(MISSING);
  const cases: Array<[string, (id: number) => unknown, number]> = [
    ['getAnnotation', async (id) => await getAnnotation({ actor: stranger, annotationId: id }), (await w.annotation()).id],
    ['getLink', async (id) => await getLink({ actor: stranger, linkId: id }), (await w.link()).id],
    ['getArticle', async (id) => await getArticle({ actor: stranger, articleId: id }), w.articleId],
    ['listComments', async (id) => await listComments({ actor: stranger, target: { kind: 'annotation', id } }), (await w.annotation()).id],
    ['historyOf', async (id) => await historyOf({ actor: stranger, kind: 'link', id }), (await w.link()).id],
    ['deleteComment', async (id) => await deleteComment({ actor: stranger, commentId: id }), await w.comment()],
    ['reviewAnnotation', (id) => reviewAnnotation({ actor: stranger, id, input: { decision: 'accept' } }), (await w.annotation()).id],
  ];
  for (const [name, call, existing] of cases) {
    expect(await refusal(() => call(existing)), name).toEqual(await refusal(() => call(missing)));
    expect((await refusal(() => call(existing))).status, name).toBe(404);
  }
});

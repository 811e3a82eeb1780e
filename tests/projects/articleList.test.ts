/**
 * The paginated articles list (lib/data/articleList.ts and GET /api/projects/:id/articles) on
 * real SQLite: every row once across pages even while articles arrive, each sort both ways,
 * search over title/outlet/body, outlet and date filters, the counters kept by triggers, the
 * 400s for bad parameters and the 404/401 for the wrong people.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { annotations, articleStats } from '@/lib/db/tables';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { listArticleOutlets, listArticlesPage, type ArticleListItem, type ArticleListQuery } from '@/lib/data/articleList';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { reviewAnnotation } from '@/lib/data/reviews';
import { createToken } from '@/lib/data/tokens';
import { isAppError } from '@/lib/errors';
import { callRoute, importRoute, type RouteModule } from '../security/routeCall';
import { makeProject, makeUser } from '../helpers';
import { first } from '@/lib/db/query';

type Person = Awaited<ReturnType<typeof makeUser>>;
let lead: Person, reviewer: Person, stranger: Person;
let projectId: number;
let route: RouteModule;
let leadToken: string, strangerToken: string;

const OUTLETS = ['Kyiv Independent', 'Ukrainska Pravda', 'Le Monde', 'Süddeutsche Zeitung', null] as const;
const TITLES = [
  'Zelenskyy rules out recognising occupied land',
  'Rada votes on mobilisation bill',
  'Éditorial : la paix, à quel prix ?',
  'Kiew lehnt Gebietsabtretungen ab',
  'Ceasefire talks stall 🇺🇦',
];
const BODY =
  'Ukraine will not legally recognize any temporarily occupied territories as Russian, Zelenskyy said. ' +
  'Наша позиція незмінна — only the Ukrainian people decide. The accession to NATO depends on all members.';

async function addArticle(i: number) {
  return await importArticle({
    actor: lead.actor,
    projectId,
    input: {
      title: `${TITLES[i % TITLES.length]} (${i})`,
      outlet: OUTLETS[i % OUTLETS.length],
      publishedAt: i % 7 === 0 ? null : `2025-04-${String(1 + (i % 28)).padStart(2, '0')}`,
      body: `${BODY}\n\nReport ${i}: ${i % 9 === 0 ? 'the grain corridor reopened' : 'talks continued'}.`,
    },
  });
}

async function page(query: ArticleListQuery, actor = lead.actor) {
  return await listArticlesPage({ actor, projectId, query });
}

/** Every item of a listing, page by page; `between` runs after each page. */
async function all(query: ArticleListQuery, between?: (pageNo: number) => unknown | Promise<unknown>): Promise<ArticleListItem[]> {
  const items: ArticleListItem[] = [];
  let cursor: string | null = query.cursor ?? null;
  for (let n = 0; n < 100; n++) {
    const p = await page({ ...query, cursor });
    items.push(...p.items);
    await between?.(n);
    if (!p.nextCursor) return items;
    cursor = p.nextCursor;
  }
  throw new Error('pagination did not end');
}

async function status(call: () => unknown | Promise<unknown>): Promise<number> {
  try {
    await call();
    return 200;
  } catch (error) {
    if (isAppError(error)) return error.status;
    throw error;
  }
}

let articleIds: number[] = [];

beforeAll(async () => {
  [lead, reviewer, stranger] = await Promise.all([makeUser({ name: 'Olena Lead' }), makeUser({ name: 'Rev' }), makeUser()]);
  projectId = (await makeProject([
    [lead.user.id, 'lead'],
    [reviewer.user.id, 'reviewer'],
  ])).id;
  articleIds = [];
  for (let i = 0; i < 23; i++) articleIds.push((await addArticle(i)).id);
  // Annotations: article k gets k % 4 annotations; the reviewer accepts some.
  for (const [k, id] of articleIds.entries()) {
    for (let j = 0; j < k % 4; j++) {
      const exact = ['Ukraine', 'Zelenskyy', 'NATO'][j];
      const start = BODY.indexOf(exact);
      const a = await createAnnotation({ actor: lead.actor, articleId: id, input: { label: (['claim', 'quote', 'context'] as const)[j], start, end: start + exact.length } });
      if (j === 1) await reviewAnnotation({ actor: reviewer.actor, id: a.id, input: { decision: 'accept' } });
    }
  }
  route = (await importRoute('/api/projects/:projectId/articles'))!;
  leadToken = (await createToken({ actor: lead.actor, input: { name: 'api' } })).token;
  strangerToken = (await createToken({ actor: stranger.actor, input: { name: 'api' } })).token;
});

describe('pagination', () => {
  it('covers every article exactly once, in import order by default', async () => {
    const items = await all({ limit: '5' });
    expect(items.map((a) => a.id)).toEqual(articleIds);
    expect((await page({ limit: '5' })).total).toBe(articleIds.length);
  });

  it('never repeats or skips a row when articles are imported between pages', async () => {
    const before = new Set(articleIds);
    let extra = 100;
    const items = await all({ limit: '4', sort: '-date' }, async () => await addArticle(extra++));
    const ids = items.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of before) expect(ids).toContain(id);
    articleIds = (await all({ limit: '200' })).map((a) => a.id);
  });

  it('pages sorted by a counter stay consistent while counts change', async () => {
    const first = await page({ sort: '-annotations', limit: '3' });
    const start = BODY.indexOf('NATO');
    // An article far down the order gains annotations; the next pages go on from the key sent.
    await createAnnotation({ actor: lead.actor, articleId: articleIds[4], input: { label: 'claim', start, end: start + 4 } });
    const rest = await all({ sort: '-annotations', limit: '3', cursor: first.nextCursor });
    const ids = [...first.items, ...rest].map((a) => a.id);
    // The article whose count changed may move past the cursor; every other one is seen once.
    const others = ids.filter((id) => id !== articleIds[4]);
    expect(new Set(others).size).toBe(others.length);
    expect(new Set(others).size).toBe(articleIds.length - 1);
  });
});

describe('sorts', () => {
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const cases: Array<[string, (a: ArticleListItem) => string | number]> = [
    ['date', (a) => a.publishedAt ?? ''],
    ['outlet', (a) => a.outlet ?? ''],
    ['annotations', (a) => a.annotationCounts.total],
    ['unreviewed', (a) => a.unreviewed],
    ['imported', (a) => a.id],
  ];
  it.each(cases)('%s ascending and descending, ties broken by id', async (sort, key) => {
    for (const dir of ['', '-']) {
      const items = await all({ sort: `${dir}${sort}`, limit: '6' });
      expect(items).toHaveLength(articleIds.length);
      const expected = [...items].sort((a, b) => (dir ? -1 : 1) * (cmp(key(a), key(b)) || cmp(a.id, b.id)));
      expect(items.map((a) => a.id)).toEqual(expected.map((a) => a.id));
    }
  });
});

describe('search and filters', () => {
  it('finds words of the title, the outlet and the body, accents folded, last word as a prefix', async () => {
    expect((await all({ q: 'mobilisation' })).every((a) => a.title.startsWith('Rada votes'))).toBe(true);
    expect((await all({ q: 'mobilisation' })).length).toBeGreaterThan(0);
    expect((await all({ q: 'suddeutsche' })).every((a) => a.outlet === 'Süddeutsche Zeitung')).toBe(true);
    const corridor = await all({ q: 'grain corr' });
    expect(corridor.length).toBeGreaterThan(0);
    expect(corridor.every((a) => /\((0|9|18|10[0-9])\)$/.test(a.title))).toBe(true);
    expect((await all({ q: 'позиція' })).length).toBe(articleIds.length);
    expect((await page({ q: '!!!' })).items).toEqual([]);
    expect((await page({ q: 'mobilisation' })).total).toBe((await all({ q: 'mobilisation' })).length);
  });

  it('filters by outlet and by a date range (undated articles fall outside any range)', async () => {
    const monde = await all({ outlet: 'Le Monde' });
    expect(monde.length).toBeGreaterThan(0);
    expect(monde.every((a) => a.outlet === 'Le Monde')).toBe(true);
    const april = await all({ from: '2025-04-05', to: '2025-04-10', sort: 'date' });
    expect(april.length).toBeGreaterThan(0);
    expect(april.every((a) => a.publishedAt! >= '2025-04-05' && a.publishedAt! <= '2025-04-10')).toBe(true);
    expect(await listArticleOutlets({ actor: lead.actor, projectId })).toEqual(['Kyiv Independent', 'Le Monde', 'Süddeutsche Zeitung', 'Ukrainska Pravda']);
  });
});

describe('counters kept by triggers', () => {
  it('match a fresh count of live annotations after creates, reviews, edits and deletes', async () => {
    const id = articleIds[2];
    const start = BODY.indexOf('members');
    const a = await createAnnotation({ actor: lead.actor, articleId: id, input: { label: 'quote', start, end: start + 7 } });
    await updateAnnotation({ actor: lead.actor, annotationId: a.id, input: { label: 'claim' }, ifMatch: 1 });
    await reviewAnnotation({ actor: reviewer.actor, id: a.id, input: { decision: 'reject', reason: 'Not a claim.' } });
    await deleteAnnotation({ actor: lead.actor, annotationId: a.id });
    const db = getDb();
    for (const articleId of articleIds) {
      const live = and(eq(annotations.articleId, articleId), isNull(annotations.deletedAt));
      const n = (await first(db.select({ n: count() }).from(annotations).where(live)))!.n;
      const proposed = (await first(db.select({ n: count() }).from(annotations).where(and(live, eq(annotations.status, 'proposed')))))!.n;
      const stats = (await first(db.select().from(articleStats).where(eq(articleStats.articleId, articleId))))!;
      expect([stats.annotationCount, stats.unreviewedCount], `article ${articleId}`).toEqual([n, proposed]);
      expect(stats.claimCount + stats.quoteCount + stats.contextCount).toBe(n);
    }
  });
});

describe('bad parameters get a clear 400', () => {
  it.each<[string, ArticleListQuery | Record<string, string>, RegExp]>([
    ['limit 0', { limit: '0' }, /limit/],
    ['limit 10^9', { limit: '1000000000' }, /limit/],
    ['a forged cursor', { cursor: 'eyJmIjoieCJ9.abc' }, /cursor/],
    ['an unknown sort', { sort: 'popularity' }, /sort must be one of/],
    ['an unknown filter', { author: 'x' }, /Unknown parameter author/],
    ['a bad date', { from: '2025-02-30' }, /from must be a date/],
    ['from after to', { from: '2025-05-01', to: '2025-04-01' }, /from must not be after to/],
  ])('%s', async (_name, query, message) => {
    const error = await Promise.resolve()
      .then(async () => await page(query as ArticleListQuery))
      .catch((e: unknown) => e);
    expect(isAppError(error) && error.status).toBe(400);
    expect((error as Error).message).toMatch(message);
  });

  it('a cursor of another sort or filter is refused', async () => {
    const cursor = (await page({ sort: 'date', limit: '2' })).nextCursor!;
    await expect(page({ sort: 'outlet', limit: '2', cursor })).rejects.toThrow(/another list, sort or filter/);
    await expect(page({ sort: 'date', q: 'Rada', limit: '2', cursor })).rejects.toThrow(/another list, sort or filter/);
  });
});

describe('GET /api/projects/:projectId/articles', () => {
  const get = (query: string, token: string | null = leadToken) =>
    callRoute(route, { method: 'GET', url: `/api/projects/${projectId}/articles?${query}`, params: { projectId: String(projectId) }, token });

  it('answers {items, nextCursor, total} and follows the cursor', async () => {
    const first = await get('limit=10&sort=outlet');
    expect(first.status).toBe(200);
    const body = first.json as { items: ArticleListItem[]; nextCursor: string; total: number };
    expect(body.items).toHaveLength(10);
    expect(body.total).toBe(articleIds.length);
    const second = await get(`limit=10&sort=outlet&cursor=${encodeURIComponent(body.nextCursor)}`);
    expect((second.json as { items: ArticleListItem[] }).items[0].id).not.toBe(body.items[9].id);
  });

  it('400 for bad parameters, 404 for a stranger, 401 without a session', async () => {
    for (const q of ['limit=0', 'limit=1000000000', 'cursor=garbage', 'sort=nope', 'colour=red']) {
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect((res.json as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
    }
    expect((await get('', strangerToken)).status).toBe(404);
    expect((await get('', null)).status).toBe(401);
    expect(await status(async () => await page({}, stranger.actor))).toBe(404);
    expect(await status(async () => await listArticleOutlets({ actor: stranger.actor, projectId }))).toBe(404);
    expect(await status(async () => await page({}, SYSTEM))).toBe(200);
  });
});

/**
 * Keyset pages of the links of a project (GET /api/links?projectId=) and of a history
 * (GET /api/annotations/:id/history, the history page): every row once even while rows are
 * added between pages, newest first for the history, the 400s and the wrong people.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { createAnnotation } from '@/lib/data/annotations';
import { createLink } from '@/lib/data/links';
import { listLinksForProject, pageLinksForProject, type LinkView } from '@/lib/data/linkViews';
import { addComment } from '@/lib/data/comments';
import { historyOf, historyPage, type HistoryEntry } from '@/lib/data/history';
import { createToken } from '@/lib/data/tokens';
import { isAppError } from '@/lib/errors';
import { callRoute, importRoute } from '../security/routeCall';
import { makeProject, makeUser } from '../helpers';

type Person = Awaited<ReturnType<typeof makeUser>>;
let lead: Person, reviewer: Person, stranger: Person;
let projectId: number;
const statements: number[][] = [];

const BODIES = [
  'Zelenskyy said Ukraine will not recognise occupied territories. NATO membership needs all allies. Kyiv stays firm.',
  'Зеленський заявив, що Україна не визнає окуповані території. Вступ до НАТО потребує згоди всіх. Київ непохитний.',
  'Selenskyj sagte, die Ukraine werde besetzte Gebiete nicht anerkennen. Der NATO-Beitritt braucht alle. Kiew bleibt fest 🇺🇦.',
];

async function tagSentences(articleId: number, body: string) {
  const ids: number[] = [];
  for (const sentence of body.split(/(?<=\.)\s+/)) {
    const start = body.indexOf(sentence);
    ids.push((await createAnnotation({ actor: lead.actor, articleId, input: { label: 'claim', start, end: start + sentence.length - 1 } })).id);
  }
  return ids;
}

let nextPair = 0;
/** A new link between two statements of different articles (27 distinct pairs, used in turn). */
async function addLink(who: Person = lead, relation: 'corroborates' | 'conflicts' = 'corroborates') {
  const n = nextPair++ % 27;
  const [x, y] = [[0, 1], [0, 2], [1, 2]][n % 3];
  const from = statements[x][Math.floor(n / 3) % 3];
  const to = statements[y][Math.floor(n / 9)];
  return createLink({ actor: who.actor, input: { fromAnnotationId: from, toAnnotationId: to, relation } });
}

function allLinks(limit: string, between?: () => Promise<unknown>) {
  return (async () => {
    const items: LinkView[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof pageLinksForProject>> = await pageLinksForProject({ actor: reviewer.actor, projectId, query: { limit, cursor } });
      items.push(...page.items);
      if (!page.nextCursor) return items;
      cursor = page.nextCursor;
      await between?.();
    }
  })();
}

beforeAll(async () => {
  [lead, reviewer, stranger] = await Promise.all([makeUser({ name: 'Olena' }), makeUser({ name: 'Taras' }), makeUser()]);
  projectId = (await makeProject([[lead.user.id, 'lead'], [reviewer.user.id, 'reviewer']])).id;
  for (const [i, body] of BODIES.entries()) {
    const article = await importArticle({ actor: SYSTEM, projectId, input: { title: `Article ${i}`, body, outlet: ['Kyiv Independent', 'Ukrainska Pravda', 'Der Spiegel'][i] } });
    statements.push(await tagSentences(article.id, body));
  }
  for (let i = 0; i < 7; i++) await addLink();
});

describe('links of a project, a page at a time', () => {
  it('covers every live link once, oldest first, the same as the full list', async () => {
    const items = await allLinks('3');
    expect(items.map((l) => l.id)).toEqual((await listLinksForProject({ actor: reviewer.actor, projectId })).map((l) => l.id));
  });

  it('links made between pages show up once, none is repeated or lost', async () => {
    const before = (await listLinksForProject({ actor: reviewer.actor, projectId })).map((l) => l.id);
    const items = await allLinks('2', () => addLink(reviewer, 'corroborates'));
    const ids = items.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of before) expect(ids).toContain(id);
  });

  it('marks a pair as disputed by others even when the opposite link is on another page', async () => {
    const first = await addLink(lead, 'corroborates');
    for (let i = 0; i < 3; i++) await addLink();
    // The same pair, the other relation, by someone else, pages later.
    const opposite = await createLink({ actor: reviewer.actor, input: { fromAnnotationId: first.fromAnnotationId, toAnnotationId: first.toAnnotationId, relation: 'conflicts' } });
    const items = await allLinks('1');
    expect(items.find((l) => l.id === first.id)!.disputedByOthers).toBe(true);
    expect(items.find((l) => l.id === opposite.id)!.disputedByOthers).toBe(true);
  });

  it('GET /api/links?projectId= answers {items, nextCursor}; bad parameters 400; strangers 404', async () => {
    const mod = (await importRoute('/api/links'))!;
    const token = (await createToken({ actor: reviewer.actor, input: { name: 't' } })).token;
    const strangerToken = (await createToken({ actor: stranger.actor, input: { name: 't' } })).token;
    const get = (query: string, t = token) => callRoute(mod, { method: 'GET', url: `/api/links?projectId=${projectId}&${query}`, params: {}, token: t });
    const first = await get('limit=2');
    expect(first.status).toBe(200);
    const body = first.json as { items: LinkView[]; nextCursor: string };
    expect(body.items).toHaveLength(2);
    const second = await get(`limit=2&cursor=${encodeURIComponent(body.nextCursor)}`);
    expect((second.json as { items: LinkView[] }).items[0].id).toBeGreaterThan(body.items[1].id);
    for (const q of ['limit=0', 'limit=1000000000', 'cursor=forged.x', 'sort=relation', `cursor=${encodeURIComponent(body.nextCursor)}x`]) {
      expect((await get(q)).status, q).toBe(400);
    }
    expect((await get('', strangerToken)).status).toBe(404);
    // A cursor of another project's list does not fit this one.
    const otherProject = (await makeProject([[reviewer.user.id, 'reviewer']])).id;
    const res = await callRoute(mod, { method: 'GET', url: `/api/links?projectId=${otherProject}&cursor=${encodeURIComponent(body.nextCursor)}`, params: {}, token });
    expect(res.status).toBe(400);
  });
});

describe('history, a page at a time, newest first', () => {
  const target = () => statements[0][0];

  it('pages cover the whole history once, newest first, also while comments are added', async () => {
    for (let i = 0; i < 5; i++) await addComment({ actor: reviewer.actor, target: { kind: 'annotation', id: target() }, input: { body: `Question ${i}: is this dated? ✓` } });
    const full = (await historyOf({ actor: lead.actor, kind: 'annotation', id: target() })).entries.map((e) => e.id);
    const seen: HistoryEntry[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof historyPage>> = await historyPage({ actor: lead.actor, kind: 'annotation', id: target(), query: { limit: '3', cursor } });
      seen.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
      // Newer entries land on the first page, never on the older pages being read.
      await addComment({ actor: reviewer.actor, target: { kind: 'annotation', id: target() }, input: { body: 'Later remark' } });
    }
    expect(seen.map((e) => e.id)).toEqual([...full].reverse());
  });

  it('the API pages the same way and refuses bad parameters', async () => {
    const mod = (await importRoute('/api/annotations/:id/history'))!;
    const token = (await createToken({ actor: lead.actor, input: { name: 't' } })).token;
    const get = (query: string) => callRoute(mod, { method: 'GET', url: `/api/annotations/${target()}/history?${query}`, params: { id: String(target()) }, token });
    const first = await get('limit=2');
    const body = first.json as { items: HistoryEntry[]; nextCursor: string };
    expect(first.status).toBe(200);
    expect(body.items).toHaveLength(2);
    expect(body.items[0].id).toBeGreaterThan(body.items[1].id);
    const second = await get(`limit=2&cursor=${encodeURIComponent(body.nextCursor)}`);
    expect((second.json as { items: HistoryEntry[] }).items[0].id).toBeLessThan(body.items[1].id);
    for (const q of ['limit=0', 'limit=1000000000', 'cursor=abc.def', 'order=asc']) expect((await get(q)).status, q).toBe(400);
    // Another item's cursor is refused.
    const other = statements[1][0];
    const res = await callRoute(mod, { method: 'GET', url: `/api/annotations/${other}/history?cursor=${encodeURIComponent(body.nextCursor)}`, params: { id: String(other) }, token });
    expect(res.status).toBe(400);
  });

  it('strangers get 404', async () => {
    let status = 0;
    try {
      await historyPage({ actor: stranger.actor, kind: 'annotation', id: target(), query: {} });
    } catch (error) {
      status = isAppError(error) ? error.status : -1;
    }
    expect(status).toBe(404);
  });
});

/**
 * The review queue a page at a time: every item exactly once across pages (also when items are
 * reviewed or added between pages), the filters and their counts, 400s for bad input, and
 * query plans that walk indexes rather than whole tables.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { link } from './fixtures';
import { disputedItems, reviewAnnotation, reviewLink, reviewQueue } from '@/lib/data/reviews';
import { importArticle } from '@/lib/data/articles';
import { SYSTEM } from '@/lib/data/actor';
import { getDb } from '@/lib/db/client';
import { capturePlans, expectNoFullScans } from '../scale/plan';
import { annotations, type Label } from '@/lib/db/tables';
import type { QueueItem } from '@/lib/data/reviewQueue';
import { first } from '@/lib/db/query';


type Who = Awaited<ReturnType<typeof makeUser>>;
let olena: Who, dilshod: Who, me: Who, lead: Who, viewer: Who;
let project: Awaited<ReturnType<typeof makeProject>>;
const arts: Array<{ id: number; projectId: number; body: string }> = [];

const TEXTS = [
  { outlet: 'UNN', title: 'Zelensky: we will not recognise occupied land 🇺🇦', body: 'Kyiv • UNN. Україна ніколи не визнає тимчасово окуповані території російськими, заявив Зеленський. ' },
  { outlet: 'Zamin.uz', title: 'Зеленский исключил признание', body: 'Zamin.uz — Зеленский заявил, что Украина не признает оккупированные территории. Москва не ответила. ' },
  { outlet: null, title: 'Wire copy', body: 'Ukraine will not legally recognize any temporarily occupied territories as Russian, Zelenskyy said. ' },
];
const LABELS: Label[] = ['claim', 'quote', 'context'];

/** Inserts `n` annotations of `authorId` spread over the article body (10 characters each). */
async function spans(article: { id: number; projectId: number; body: string }, authorId: number, n: number, offset = 0) {
  const rows: Array<typeof annotations.$inferSelect> = [];
  for (let i = 0; i < n; i++) {
    const start = offset + i * 11;
    rows.push(await first(getDb()
      .insert(annotations)
      .values({ projectId: article.projectId, articleId: article.id, authorId, label: LABELS[i % 3], start, end: start + 10, exact: article.body.slice(start, start + 10) })
      .returning()));
  }
  return rows;
}

const key = (i: QueueItem) => `${i.kind}-${i.id}`;

function allPages(query: Record<string, string> = {}, limit = '7', between?: (page: number) => Promise<void> | void) {
  return (async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result = await reviewQueue({ actor: me.actor, projectId: project.id, query: { ...query, limit, cursor } });
      seen.push(...result.items.map(key));
      cursor = result.nextCursor;
      if (!cursor) return seen;
      await between?.(page);
    }
    throw new Error('the queue did not end');
  })();
}

beforeAll(async () => {
  [olena, dilshod, me, lead, viewer] = await Promise.all(['Olena', 'Dilshod', 'Me', 'Lead', 'Viewer'].map((name) => makeUser({ name })));
  project = await makeProject([[olena.user.id, 'reviewer'], [dilshod.user.id, 'reviewer'], [me.user.id, 'reviewer'], [lead.user.id, 'lead'], [viewer.user.id, 'viewer']]);
  for (const t of TEXTS) {
    const body = t.body.repeat(12);
    const article = await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: t.title, body, ...(t.outlet ? { outlet: t.outlet } : {}) } });
    arts.push({ id: article.id, projectId: project.id, body });
  }
  // Olena: 12 per article; Dilshod: 6 on the first article; mine: 3 (never in my queue).
  const o: Array<Awaited<ReturnType<typeof spans>>> = [];
  for (const a of arts) o.push(await spans(a, olena.user.id, 12));
  await spans(arts[0], dilshod.user.id, 6, 200);
  await spans(arts[1], me.user.id, 3, 400);
  // Links by Dilshod between outlets; one by me.
  await link(project.id, dilshod.user.id, o[0][0].id, o[1][0].id, 'conflicts');
  await link(project.id, dilshod.user.id, o[0][1].id, o[2][1].id, 'corroborates');
  await link(project.id, dilshod.user.id, o[1][2].id, o[2][2].id, 'conflicts');
  await link(project.id, me.user.id, o[1][3].id, o[2][3].id, 'corroborates');
});

describe('queue pages', () => {
  it('sends every item exactly once, in article order, with a total that covers all pages', async () => {
    const first = await reviewQueue({ actor: me.actor, projectId: project.id, query: { limit: '7' } });
    expect(first.items).toHaveLength(7);
    expect(first.left).toBe(36 + 6 + 3);
    const seen = await allPages();
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    // An article's links come after its annotations, under the article of their first end.
    const all = await allPages({}, '100');
    expect(all).toEqual(seen);
    const page = await reviewQueue({ actor: me.actor, projectId: project.id, query: { limit: '100' } });
    const firstArticle = page.items.filter((i) => i.span.articleId === arts[0].id).map((i) => i.kind);
    expect(firstArticle).toEqual([...new Array(18).fill('annotation'), 'link', 'link']);
    expect(page.groups.map((g) => g.articleId)).toEqual(arts.map((a) => a.id));
  });

  it('keeps every item exactly once when items are reviewed or added between pages', async () => {
    const before = (await reviewQueue({ actor: me.actor, projectId: project.id, query: { limit: '100' } })).items.map(key);
    const added: string[] = [];
    const reviewed: string[] = [];
    const seen = await allPages({}, '6', async (page) => {
      if (page === 1) {
        // Review one item already sent and one not yet sent; add one behind and one ahead of the cursor.
        const [sent, ahead] = [before[2], before[30]];
        for (const k of [sent, ahead]) {
          const [kind, id] = k.split('-');
          if (kind === 'link') await reviewLink({ actor: me.actor, id: Number(id), input: { decision: 'accept' } });
          else await reviewAnnotation({ actor: me.actor, id: Number(id), input: { decision: 'accept' } });
          reviewed.push(k);
        }
        const [behind] = await spans(arts[0], olena.user.id, 1, 1);
        const [later] = await spans(arts[2], olena.user.id, 1, 600);
        added.push(`annotation-${behind.id}`, `annotation-${later.id}`);
      }
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(reviewed[0]);
    expect(seen).not.toContain(reviewed[1]);
    expect(seen).toContain(added[1]);
    expect(seen).not.toContain(added[0]);
    for (const k of before) if (k !== reviewed[1]) expect(seen).toContain(k);
  });
});

describe('queue filters and counts', () => {
  it('counts per label, author, outlet and article, each facet under the other filters', async () => {
    const { counts } = await reviewQueue({ actor: me.actor, projectId: project.id });
    const total = counts.total;
    expect(counts.label.map((f) => f.value)).toEqual(['claim', 'quote', 'context', 'link']);
    expect(counts.label.reduce((n, f) => n + f.count, 0)).toBe(total);
    expect(counts.author.map((f) => f.name).sort()).toEqual(['Dilshod', 'Olena']);
    expect(counts.outlet.map((f) => f.name).sort()).toEqual(['No outlet', 'UNN', 'Zamin.uz']);
    expect(counts.article.reduce((n, f) => n + f.count, 0)).toBe(total);

    const unn = await reviewQueue({ actor: me.actor, projectId: project.id, query: { outlet: 'UNN', limit: '100' } });
    expect(unn.items.every((i) => i.span.outlet === 'UNN')).toBe(true);
    expect(unn.left).toBe(unn.items.length);
    // The outlet facet still lists the other outlets (its own filter is not applied to it).
    expect(unn.counts.outlet.find((f) => f.value === 'Zamin.uz')?.count).toBe(counts.outlet.find((f) => f.value === 'Zamin.uz')?.count);
    expect(unn.counts.label.reduce((n, f) => n + f.count, 0)).toBe(unn.left);

    const links = await reviewQueue({ actor: me.actor, projectId: project.id, query: { label: 'link', limit: '100' } });
    expect(links.items.every((i) => i.kind === 'link')).toBe(true);
    expect(links.left).toBe(counts.label.find((f) => f.value === 'link')!.count);
    expect(links.items.map((i) => i.authorName)).not.toContain('Me');

    const quotes = await reviewQueue({ actor: me.actor, projectId: project.id, query: { label: 'quote', author: String(dilshod.user.id), limit: '100' } });
    expect(quotes.items.every((i) => i.kind === 'annotation' && i.span.label === 'quote' && i.authorName === 'Dilshod')).toBe(true);
    expect(quotes.left).toBe(quotes.items.length);
    expect(quotes.left).toBeGreaterThan(0);

    const none = await reviewQueue({ actor: me.actor, projectId: project.id, query: { outlet: '-', limit: '100' } });
    expect(none.items.every((i) => i.span.outlet === null)).toBe(true);
    expect(none.left).toBe(counts.outlet.find((f) => f.value === '-')!.count);

    const one = await reviewQueue({ actor: me.actor, projectId: project.id, query: { article: String(arts[1].id), limit: '100' } });
    expect(one.groups.map((g) => g.articleId)).toEqual([arts[1].id]);
    expect(one.left).toBe(counts.article.find((f) => f.value === String(arts[1].id))!.count);
    expect(one.items[0].span.before + one.items[0].span.exact).toContain('Zamin.uz');
  });

  it('refuses bad filters, cursors and limits with a 400 and a message', async () => {
    const call = (query: Record<string, string>) => reviewQueue({ actor: me.actor, projectId: project.id, query });
    await expect(call({ label: 'rumour' })).rejects.toThrow(/label must be one of: claim, quote, context, link/);
    await expect(call({ author: 'Olena' })).rejects.toThrow(/author must be/);
    await expect(call({ article: '-3' })).rejects.toThrow(/article must be/);
    await expect(call({ outlet: 'x'.repeat(201) })).rejects.toThrow(/outlet/);
    await expect(call({ limit: '0' })).rejects.toThrow(/limit must be a whole number from 1 to 100/);
    await expect(call({ limit: '1000000000' })).rejects.toThrow(/limit/);
    await expect(call({ cursor: 'forged.cursor' })).rejects.toThrow(/cursor is not valid/);
    const { nextCursor } = await reviewQueue({ actor: me.actor, projectId: project.id, query: { limit: '2' } });
    await expect(call({ cursor: nextCursor!, label: 'claim' })).rejects.toThrow(/another list, sort or filter/);
    // Another reviewer cannot replay my cursor.
    await expect(reviewQueue({ actor: olena.actor, projectId: project.id, query: { cursor: nextCursor! } })).rejects.toThrow(/another list/);
    try {
      await call({ label: 'rumour' });
    } catch (error) {
      expect((error as { status: number }).status).toBe(400);
    }
  });

  it('answers viewers 403 and non-members 404', async () => {
    const outsider = await makeUser();
    await expect(reviewQueue({ actor: viewer.actor, projectId: project.id })).rejects.toThrow(/viewer/);
    await expect(reviewQueue({ actor: outsider.actor, projectId: project.id })).rejects.toThrow(/not found|Project/i);
  });
});

describe('disputed items for a lead', () => {
  it('come a page at a time with both reviewers’ decisions and reasons', async () => {
    const target = (await reviewQueue({ actor: dilshod.actor, projectId: project.id, query: { author: String(olena.user.id), limit: '1' } })).items[0];
    await reviewAnnotation({ actor: dilshod.actor, id: target.id, input: { decision: 'accept', reason: 'Word for word in the text.' } });
    await reviewAnnotation({ actor: me.actor, id: target.id, input: { decision: 'reject', reason: 'That is a quote, not a claim.' } });
    const disputed = await disputedItems({ actor: lead.actor, projectId: project.id, query: { limit: '5' } });
    const item = disputed.items.find((i) => i.id === target.id)!;
    expect(disputed.total).toBeGreaterThanOrEqual(1);
    expect(item.reviews?.map((r) => [r.reviewerName, r.decision, r.reason]).sort()).toEqual([
      ['Dilshod', 'accept', 'Word for word in the text.'],
      ['Me', 'reject', 'That is a quote, not a claim.'],
    ]);
    await expect(disputedItems({ actor: me.actor, projectId: project.id })).rejects.toThrow(/reviewer/);
  });
});

describe('query plans', () => {
  it('walk indexes: no full scan of annotations, links or reviews', async () => {
    const statements = (await capturePlans(async () => {
      const { nextCursor } = await reviewQueue({ actor: me.actor, projectId: project.id, query: { limit: '5' } });
      await reviewQueue({ actor: me.actor, projectId: project.id, query: { limit: '5', cursor: nextCursor } });
      await reviewQueue({ actor: me.actor, projectId: project.id, query: { outlet: 'UNN', label: 'claim' } });
    })).filter((source) => /^select/i.test(source) && /"annotations"|"links"|"reviews"/.test(source));
    expect(statements.length).toBeGreaterThan(4);
    await expectNoFullScans(statements, ['annotations', 'links', 'reviews']);
  });
});

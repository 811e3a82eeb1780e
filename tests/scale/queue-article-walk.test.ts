/**
 * The review queue's article filter lists the 50 articles with most items left, found by a
 * walk from the largest article down that stops once no smaller one can make the list
 * (lib/data/reviewQueueCounts.ts). With more articles than the list holds, and reviews that
 * empty the largest ones, the walk must still find exactly what counting every article finds:
 * the counts before migration 0020 (tests/review/queueCountsOracle.ts), for several people
 * and filters, with archived articles and links into them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { capturePlans } from './plan';
import { rows as rawRows } from './rawSql';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { createAnnotation } from '@/lib/data/annotations';
import { createLink } from '@/lib/data/links';
import { archiveArticle } from '@/lib/data/articleArchive';
import { reviewAnnotation, reviewLink, settle } from '@/lib/data/reviews';
import { ARTICLE_FACET_LIMIT, queueCounts, type QueueFilters } from '@/lib/data/reviewQueueCounts';
import { makeProject, makeUser } from '../helpers';
import { queueCountsOracle } from '../review/queueCountsOracle';

const ARTICLES = 72;
const OUTLETS = ['Українська правда', 'Le Monde', 'Reuters', ''];
const BODY = `${'Україна ніколи не визнає окуповані території російськими, заявив Зеленський; «Kyiv ne reconnaîtra jamais» — Le Monde. '.repeat(3)}🇺🇦 🙂`;

type Who = Awaited<ReturnType<typeof makeUser>>;
let authors: Who[];
let me: Who, lead: Who;
let projectId: number;
const articleIds: number[] = [];

beforeAll(async () => {
  const people = await Promise.all(['Olena Kovalenko', 'Dilshod Ёқубов', 'Zoë Martin', 'Me', 'Lead'].map((name) => makeUser({ name })));
  authors = people.slice(0, 3);
  [me, lead] = people.slice(3);
  projectId = (await makeProject([...authors.map((a) => [a.user.id, 'reviewer'] as [number, 'reviewer']), [me.user.id, 'reviewer'], [lead.user.id, 'lead']])).id;
  const firstOf: number[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const outlet = OUTLETS[i % OUTLETS.length];
    const article = await importArticle({ actor: SYSTEM, projectId, input: { title: `Стаття ${i} ✓`, body: `№ ${i}. ${BODY}`, ...(outlet ? { outlet } : {}) } });
    articleIds.push(article.id);
    // Sizes from 1 to 12 items, spread so the largest articles are not the first ones.
    const size = 1 + ((i * 7) % 12);
    const here: number[] = [];
    for (let k = 0; k < size; k++) {
      const author = authors[(i + k) % authors.length];
      const label = (['claim', 'quote', 'context'] as const)[(i + k) % 3];
      here.push((await createAnnotation({ actor: author.actor, articleId: article.id, input: { label, start: k * 9, end: k * 9 + 8 } })).id);
    }
    firstOf.push(here[0]);
    // I review every item of the largest articles: they drop out of my list, not out of the lead's.
    if (size >= 11) for (const id of here) await reviewAnnotation({ actor: me.actor, id, input: { decision: 'accept' } });
    // A lead reviews and then settles some items: two live reviews of one item count it once.
    if (i % 5 === 0) {
      await reviewAnnotation({ actor: lead.actor, id: here[0], input: { decision: 'reject', reason: 'Не та цитата.' } });
      await reviewAnnotation({ actor: me.actor, id: here[0], input: { decision: 'accept' } }).catch(() => undefined);
    }
  }
  for (let i = 1; i < ARTICLES; i += 4) {
    const link = await createLink({ actor: authors[i % 3].actor, input: { fromAnnotationId: firstOf[i], toAnnotationId: firstOf[i - 1], relation: 'corroborates' } });
    if (i % 8 === 1) await reviewLink({ actor: me.actor, id: link.id, input: { decision: 'accept' } });
  }
  const disputed = firstOf[10];
  await settle({ actor: lead.actor, kind: 'annotation', id: disputed, input: { decision: 'accept', reason: 'Checked against the transcript.' } }).catch(() => undefined);
  // Archived articles leave the queue, and links into them leave it at their other end.
  await archiveArticle({ actor: lead.actor, articleId: articleIds[0] });
  await archiveArticle({ actor: lead.actor, articleId: articleIds[8] });
});

describe('the article filter at more articles than it lists', () => {
  it('has more articles than the list holds, so the walk must stop somewhere', async () => {
    expect((await queueCounts(getDb(), projectId, lead.user.id, {})).article).toHaveLength(ARTICLE_FACET_LIMIT);
  });

  it('equals counting every article, for each person and filter', async () => {
    const filterSets: QueueFilters[] = [
      {},
      { label: 'claim' },
      { label: 'link' },
      { outlet: 'Reuters' },
      { outlet: '-' },
      { outlet: 'Українська правда', label: 'quote' },
      { authorId: authors[1].user.id },
      { authorId: authors[0].user.id, label: 'context', outlet: 'Le Monde' },
      { articleId: articleIds[3] },
      { articleId: articleIds[ARTICLES - 1], label: 'claim' },
    ];
    for (const who of [me, lead, authors[2]]) {
      for (const filters of filterSets) {
        const got = await queueCounts(getDb(), projectId, who.user.id, filters);
        expect(got, `${who.user.name} ${JSON.stringify(filters)}`).toEqual(await queueCountsOracle(getDb(), projectId, who.user.id, filters));
      }
    }
  });

  it('leaves out the largest articles once I reviewed them', async () => {
    const mine = (await queueCounts(getDb(), projectId, me.user.id, {})).article.map((a) => Number(a.value));
    const leads = (await queueCounts(getDb(), projectId, lead.user.id, {})).article.map((a) => Number(a.value));
    const largest = articleIds.filter((_, i) => 1 + ((i * 7) % 12) >= 11 && i !== 0 && i !== 8);
    expect(largest.length).toBeGreaterThan(5);
    for (const id of largest) {
      expect(leads).toContain(id);
      expect(mine).not.toContain(id);
    }
  });
});

describe('a queue nearly done', () => {
  it('stops the walk once every item left is found, with the same counts as counting every article', async () => {
    const finisher = authors[2];
    const open = new Set([articleIds[5], articleIds[40], articleIds[70]]);
    const rows = await rawRows<{ id: number; articleId: number }>(sql`select a.id, a.article_id as "articleId" from annotations a join articles r on r.id = a.article_id where a.project_id = ${projectId} and a.author_id <> ${finisher.user.id} and a.deleted_at is null and r.archived_at is null order by a.id`);
    for (const row of rows) if (!open.has(row.articleId)) await reviewAnnotation({ actor: finisher.actor, id: row.id, input: { decision: 'accept' } });
    let got!: Awaited<ReturnType<typeof queueCounts>>;
    // Each batch of the walk is a statement of its own (the next one starts after the last size read).
    const walks = (await capturePlans(async () => (got = await queueCounts(getDb(), projectId, finisher.user.id, { label: 'claim' })))).filter((source) => source.includes('queue_article_sizes')).length;
    expect(got).toEqual(await queueCountsOracle(getDb(), projectId, finisher.user.id, { label: 'claim' }));
    expect(await queueCounts(getDb(), projectId, finisher.user.id, {})).toEqual(await queueCountsOracle(getDb(), projectId, finisher.user.id, {}));
    expect(got.article.length).toBeLessThan(ARTICLE_FACET_LIMIT);
    // Found before the sizes ran out: one batch of 64 of the 72 articles, not two.
    expect(walks).toBe(1);
  });
});

/**
 * EXPLAIN QUERY PLAN of the page queries (issue 12, item 5): the articles list (every sort,
 * every filter, first and later pages), the links of a project and the history must never
 * scan a whole annotations, links, reviews or articles table. A small project is enough: the
 * plan depends on the indexes, not on the row count. Other engineers: add your queries with
 * expectNoFullScan / capturePlans from ./plan.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle, listArticles, getArticle } from '@/lib/data/articles';
import { ARTICLE_SORTS, articleCountQuery, articlePageQuery, listArticleOutlets, listArticlesPage, parseArticleQuery } from '@/lib/data/articleList';
import { createAnnotation } from '@/lib/data/annotations';
import { createLink } from '@/lib/data/links';
import { linkPageQuery, linksForAnnotation, pageLinksForProject } from '@/lib/data/linkViews';
import { reviewAnnotation, reviewLink } from '@/lib/data/reviews';
import { addComment } from '@/lib/data/comments';
import { historyPage, historyQuery, historyScope } from '@/lib/data/history';
import { listAnnotations } from '@/lib/data/annotationViews';
import { makeProject, makeUser } from '../helpers';
import { WATCHED, capturePlans, expectNoFullScan, expectNoFullScans, explain, fullScans, sqlOf } from './plan';

const BODY =
  'Ukraine will not legally recognize any temporarily occupied territories as Russian, Zelenskyy said on Friday. ' +
  'Україна не визнає окуповані території. Officials in Washington declined to comment 🇺🇦.';

type Person = Awaited<ReturnType<typeof makeUser>>;
let lead: Person, reviewer: Person;
let projectId: number;
let annotationId: number;

beforeAll(async () => {
  [lead, reviewer] = await Promise.all([makeUser(), makeUser()]);
  projectId = (await makeProject([[lead.user.id, 'lead'], [reviewer.user.id, 'reviewer']])).id;
  const other = (await makeProject([[lead.user.id, 'lead']])).id;
  for (const [p, n] of [[projectId, 6], [other, 3]] as const) {
    let previous: number[] = [];
    for (let i = 0; i < n; i++) {
      const article = await importArticle({ actor: SYSTEM, projectId: p, input: { title: `Report ${i}`, outlet: i % 2 ? 'Kyiv Independent' : 'Le Monde', publishedAt: `2025-04-0${i + 1}`, body: `${BODY} (${p}-${i})` } });
      const ids: number[] = [];
      for (const word of ['Ukraine', 'Zelenskyy', 'Officials']) {
        const start = BODY.indexOf(word);
        ids.push((await createAnnotation({ actor: lead.actor, articleId: article.id, input: { label: 'claim', start, end: start + word.length } })).id);
      }
      if (p === projectId) {
        annotationId ??= ids[0];
        await reviewAnnotation({ actor: reviewer.actor, id: ids[0], input: { decision: 'accept' } });
        if (previous.length) {
          const link = await createLink({ actor: lead.actor, input: { fromAnnotationId: ids[0], toAnnotationId: previous[1], relation: 'corroborates' } });
          await reviewLink({ actor: reviewer.actor, id: link.id, input: { decision: 'accept' } });
        }
        await addComment({ actor: reviewer.actor, target: { kind: 'annotation', id: ids[0] }, input: { body: 'Said on Friday?' } });
      }
      previous = ids;
    }
  }
});

describe('the plan checker itself', () => {
  it('sees a full scan, also of an aliased table, and accepts index walks', async () => {
    const p = onPostgres() ? '$1' : '?';
    expect(await fullScans(`select * from annotations where note = ${p}`, ['x'])).toEqual([onPostgres() ? 'Seq Scan on annotations' : 'SCAN annotations']);
    expect(await fullScans(`select * from "links" "l" where "l"."note" = ${p}`, ['x'])).toEqual([onPostgres() ? 'Seq Scan on links l' : 'SCAN l']);
    expect(await fullScans(`select * from annotations where project_id = ${p}`, [1])).toEqual([]);
    expect(await fullScans('select id from annotations order by project_id')).toEqual([]);
  });
});

describe('articles list', () => {
  const filterSets = [{}, { q: 'Zelenskyy frid' }, { outlet: 'Le Monde' }, { from: '2025-04-02', to: '2025-04-05' }, { q: 'Ukraine', outlet: 'Le Monde', from: '2025-04-01' }];
  it.each(ARTICLE_SORTS)('sort %s: first and later pages, with every filter, use indexes', async (sort) => {
    const db = getDb();
    for (const filters of filterSets) {
      const parsed = parseArticleQuery({ ...filters, sort });
      const key = /imported/.test(sort) ? [3] : /annotations|unreviewed/.test(sort) ? [2, 3] : ['2025-04-03', 3];
      for (const afterKey of [undefined, key]) await expectNoFullScan(...sqlOf(articlePageQuery(db, projectId, parsed, afterKey, 50)));
      await expectNoFullScan(...sqlOf(articleCountQuery(db, projectId, parsed)));
    }
  });

  it('a whole page load (list, outlets, the old full list) scans nothing', async () => {
    const statements = await capturePlans(async () => {
      await listArticlesPage({ actor: lead.actor, projectId, query: { sort: '-unreviewed', q: 'Ukraine', limit: '2' } });
      await listArticleOutlets({ actor: lead.actor, projectId });
      await listArticles({ actor: lead.actor, projectId });
    });
    expect(statements.length).toBeGreaterThan(2);
    await expectNoFullScans(statements);
  });
});

describe('links of a project', () => {
  it('first and later pages use indexes', async () => {
    const db = getDb();
    await expectNoFullScan(...sqlOf(linkPageQuery(db, projectId, undefined, 50)));
    await expectNoFullScan(...sqlOf(linkPageQuery(db, projectId, 10, 50)));
    const statements = await capturePlans(async () => {
      const first = await pageLinksForProject({ actor: lead.actor, projectId, query: { limit: '2' } });
      await pageLinksForProject({ actor: lead.actor, projectId, query: { limit: '2', cursor: first.nextCursor } });
    });
    await expectNoFullScans(statements);
  });
});

describe('history', () => {
  it('a page, newest first, and the next one use indexes', async () => {
    const db = getDb();
    const { scope } = await historyScope(db, lead.actor, 'annotation', annotationId);
    await expectNoFullScan(...sqlOf(historyQuery(db, scope.where, 'desc', 51)), ['events', ...WATCHED]);
    // The item's own events by entity, not every event of the project.
    const plan = await explain(...sqlOf(historyQuery(db, scope.where, 'desc', 51)));
    expect(plan.join('\n')).toMatch(/events_entity_idx/);
    expect(plan.join('\n')).not.toMatch(/events_project_idx/);
    const statements = await capturePlans(async () => {
      const first = await historyPage({ actor: lead.actor, kind: 'annotation', id: annotationId, query: { limit: '2' } });
      await historyPage({ actor: lead.actor, kind: 'annotation', id: annotationId, query: { limit: '2', cursor: first.nextCursor } });
    });
    await expectNoFullScans(statements);
  });
});

describe('shared check: the reader of one article', () => {
  it('the article, its annotations and an annotation’s links scan nothing', async () => {
    const article = (await listArticles({ actor: lead.actor, projectId }))[0];
    const statements = await capturePlans(async () => {
      await getArticle({ actor: lead.actor, articleId: article.id });
      await listAnnotations({ actor: lead.actor, articleId: article.id });
      await linksForAnnotation({ actor: lead.actor, annotationId });
    });
    await expectNoFullScans(statements);
  });
});

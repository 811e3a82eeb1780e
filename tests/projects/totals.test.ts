/**
 * The projects page's figures (lib/data/articleList.ts projectArticleTotals): the live articles
 * of a project and the annotations they hold, summed from the article_stats counters. Archived
 * articles leave both, as they leave the list; strangers get a 404; no table is scanned.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { archiveArticle, restoreArticle } from '@/lib/data/articleArchive';
import { listArticlesPage, projectArticleTotals } from '@/lib/data/articleList';
import { createAnnotation, deleteAnnotation } from '@/lib/data/annotations';
import { appError, makeProject, makeUser } from '../helpers';
import { capturePlans, expectNoFullScans } from '../scale/plan';

const BODY = 'Зеленський: Україна не визнає окуповані території 🇺🇦. Le président refuse toute cession de territoire. ';

type Person = Awaited<ReturnType<typeof makeUser>>;
let lead: Person, stranger: Person;
let projectId: number;
const articleIds: number[] = [];

async function listed() {
  const items = (await listArticlesPage({ actor: lead.actor, projectId, query: { limit: '100' } })).items;
  return { articles: items.length, annotations: items.reduce((sum, a) => sum + a.annotationCounts.total, 0) };
}

beforeAll(async () => {
  [lead, stranger] = await Promise.all(['Lead Лідія', 'Stranger'].map((name) => makeUser({ name })));
  projectId = (await makeProject([[lead.user.id, 'lead']])).id;
  for (const outlet of ['UNN', 'Le Monde', 'Zamin.uz']) {
    const id = (await importArticle({ actor: SYSTEM, projectId, input: { title: `${outlet} report`, outlet, body: `${outlet}: ${BODY.repeat(3)}` } })).id;
    articleIds.push(id);
    for (let i = 0; i < 3; i++) await createAnnotation({ actor: lead.actor, articleId: id, input: { label: 'claim', start: i * 10, end: i * 10 + 8 } });
  }
});

describe('project totals', () => {
  it('equal the sums over the articles list, through deletes and archiving', async () => {
    expect(await projectArticleTotals({ actor: lead.actor, projectId })).toEqual({ articles: 3, annotations: 9 });
    const extra = await createAnnotation({ actor: lead.actor, articleId: articleIds[0], input: { label: 'quote', start: 40, end: 50 } });
    await deleteAnnotation({ actor: lead.actor, annotationId: extra.id });
    expect(await projectArticleTotals({ actor: lead.actor, projectId })).toEqual(await listed());
    await archiveArticle({ actor: lead.actor, articleId: articleIds[1] });
    expect(await projectArticleTotals({ actor: lead.actor, projectId })).toEqual({ articles: 2, annotations: 6 });
    expect(await projectArticleTotals({ actor: lead.actor, projectId })).toEqual(await listed());
    await restoreArticle({ actor: lead.actor, articleId: articleIds[1] });
    expect(await projectArticleTotals({ actor: lead.actor, projectId })).toEqual({ articles: 3, annotations: 9 });
  });

  it('are zero for an empty project, 404 for a stranger, and read no table whole', async () => {
    const empty = (await makeProject([[lead.user.id, 'lead']])).id;
    expect(await projectArticleTotals({ actor: lead.actor, projectId: empty })).toEqual({ articles: 0, annotations: 0 });
    expect((await appError(async () => await projectArticleTotals({ actor: stranger.actor, projectId }))).status).toBe(404);
    const plans = await capturePlans(async () => await projectArticleTotals({ actor: lead.actor, projectId }));
    await expectNoFullScans(plans);
  });
});

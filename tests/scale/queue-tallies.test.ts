/**
 * The review queue's filter counts come from queue_tallies (triggers keep one counter per
 * project, article, label and author) less the reviewer's own live reviews. Checked against
 * what the counters stand for: after every kind of write the table equals a GROUP BY over
 * annotations and links, and every facet equals the items one walks through page by page with
 * the other filters applied. The coarser counters of migration 0017 (per outlet, per article)
 * and reviews.target_author_id are checked the same way after a long run of random writes.
 * The count queries walk indexes only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { onPostgres } from '@/lib/db/engine';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { createAnnotation, deleteAnnotation, restoreAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { createLink, deleteLink } from '@/lib/data/links';
import { archiveArticle, restoreArticle } from '@/lib/data/articleArchive';
import { updateArticleMetadata } from '@/lib/data/articles';
import { AppError } from '@/lib/errors';
import { disputedItems, reviewAnnotation, reviewLink, reviewQueue } from '@/lib/data/reviews';
import type { QueueFilters, QueueItem } from '@/lib/data/reviewQueue';
import { makeProject, makeUser } from '../helpers';
import { capturePlans, explain, expectNoFullScans, fullScans, paramsOf } from './plan';
import { column, invariantProblems, rows, run } from './rawSql';

/** A bound parameter as the captured SQL spells it: `?` on SQLite, `$n` on PostgreSQL. */
const PARAM = onPostgres() ? String.raw`\$\d+` : String.raw`\?`;

const TEXTS = [
  { outlet: 'UNN', title: 'Зеленський: окуповані землі не визнаємо 🇺🇦', body: 'Україна ніколи не визнає тимчасово окуповані території російськими, заявив Зеленський у п’ятницю. ' },
  { outlet: 'Le Monde', title: 'Kyiv refuse toute reconnaissance', body: 'Kyiv ne reconnaîtra jamais les territoires occupés, a déclaré le président ukrainien vendredi soir. ' },
  { outlet: null, title: 'Wire copy', body: 'Ukraine will not legally recognize any temporarily occupied territories as Russian, Zelenskyy said 🙂. ' },
];

type Who = Awaited<ReturnType<typeof makeUser>>;
let olena: Who, dilshod: Who, me: Who, lead: Who;
let projectId: number;
const articleIds: number[] = [];
const ids: number[][] = [];

/** What the counters stand for, from the tables themselves (rows with n = 0 are no counter). */
async function recounted(): Promise<string[]> {
  const found = await rows<Record<string, number | string>>(sql`select project_id, article_id, label, author_id, count(*) as n from annotations where deleted_at is null and project_id = ${projectId} group by 1, 2, 3, 4
       union all
       select l.project_id, a.article_id, 'link', l.author_id, count(*) from links l join annotations a on a.id = l.from_annotation_id where l.deleted_at is null and l.project_id = ${projectId} group by 1, 2, 4`);
  return found.map((r) => `${r.article_id} ${r.label} ${r.author_id} ${r.n}`).sort();
}

async function tallies(): Promise<string[]> {
  const found = await rows<Record<string, number | string>>(sql`select article_id, label, author_id, n from queue_tallies where project_id = ${projectId}`);
  expect(found.filter((r) => Number(r.n) < 0)).toEqual([]);
  return found.filter((r) => Number(r.n) > 0).map((r) => `${r.article_id} ${r.label} ${r.author_id} ${r.n}`).sort();
}

/** Every item of my queue under `filters`, walked a page at a time. */
async function walk(filters: Record<string, string>): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  let cursor: string | null = null;
  do {
    const page = await reviewQueue({ actor: me.actor, projectId, query: { ...filters, limit: '100', cursor } });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const FACETS = {
  label: (i: QueueItem) => (i.kind === 'link' ? 'link' : i.span.label),
  author: (i: QueueItem) => i.authorName,
  outlet: (i: QueueItem) => i.span.outlet ?? '-',
  article: (i: QueueItem) => String(i.span.articleId),
};

/** Each facet's counts equal the items found with every other filter applied. */
async function expectCountsMatchPages(filters: Partial<Record<keyof QueueFilters | 'label' | 'author' | 'article' | 'outlet', string>>) {
  const { counts, left } = await reviewQueue({ actor: me.actor, projectId, query: filters });
  expect(left).toBe((await walk(filters)).length);
  for (const [facet, valueOf] of Object.entries(FACETS) as Array<[keyof typeof FACETS, (i: QueueItem) => string]>) {
    const others = Object.fromEntries(Object.entries(filters).filter(([k]) => k !== facet)) as Record<string, string>;
    const expected = new Map<string, number>();
    for (const item of await walk(others)) expected.set(valueOf(item), (expected.get(valueOf(item)) ?? 0) + 1);
    const got = new Map(counts[facet].map((f) => [facet === 'author' ? f.name : f.value, f.count]));
    expect([...got].sort(), `${facet} under ${JSON.stringify(filters)}`).toEqual([...expected].sort());
  }
}

beforeAll(async () => {
  [olena, dilshod, me, lead] = await Promise.all(['Olena Kovalenko', 'Dilshod Ёқубов', 'Me', 'Lead'].map((name) => makeUser({ name })));
  projectId = (await makeProject([[olena.user.id, 'reviewer'], [dilshod.user.id, 'reviewer'], [me.user.id, 'reviewer'], [lead.user.id, 'lead']])).id;
  for (const t of TEXTS) {
    const article = await importArticle({ actor: SYSTEM, projectId, input: { title: t.title, body: t.body.repeat(8), ...(t.outlet ? { outlet: t.outlet } : {}) } });
    articleIds.push(article.id);
    const here: number[] = [];
    for (const [i, who] of [olena, olena, dilshod, olena, me, dilshod].entries()) {
      const start = i * 12;
      here.push((await createAnnotation({ actor: who.actor, articleId: article.id, input: { label: (['claim', 'quote', 'context'] as const)[i % 3], start, end: start + 10 } })).id);
    }
    ids.push(here);
  }
});

describe('queue_tallies', () => {
  it('equals a GROUP BY over annotations and links after every kind of write', async () => {
    expect(await tallies()).toEqual(await recounted());
    const l1 = await createLink({ actor: dilshod.actor, input: { fromAnnotationId: ids[0][0], toAnnotationId: ids[1][0], relation: 'conflicts' } });
    await createLink({ actor: olena.actor, input: { fromAnnotationId: ids[1][1], toAnnotationId: ids[2][1], relation: 'corroborates' } });
    await createLink({ actor: me.actor, input: { fromAnnotationId: ids[2][3], toAnnotationId: ids[0][3], relation: 'corroborates' } });
    expect(await tallies()).toEqual(await recounted());
    await updateAnnotation({ actor: olena.actor, annotationId: ids[0][1], ifMatch: 1, input: { label: 'claim' } });
    expect(await tallies()).toEqual(await recounted());
    await deleteAnnotation({ actor: dilshod.actor, annotationId: ids[2][2] });
    expect(await tallies()).toEqual(await recounted());
    await restoreAnnotation({ actor: dilshod.actor, annotationId: ids[2][2] });
    expect(await tallies()).toEqual(await recounted());
    await deleteLink({ actor: dilshod.actor, linkId: l1.id });
    expect(await tallies()).toEqual(await recounted());
    // Writes no data function makes today, so the triggers are right for them too: an annotation
    // moved to another article takes its links along; a hard delete of a link.
    await run(sql`update annotations set article_id = ${articleIds[2]} where id = ${ids[1][1]}`);
    expect(await tallies()).toEqual(await recounted());
    const extra = await importArticle({ actor: SYSTEM, projectId, input: { title: 'Gone', body: TEXTS[2].body } });
    const doomed = await createAnnotation({ actor: olena.actor, articleId: extra.id, input: { label: 'quote', start: 0, end: 7 } });
    await createLink({ actor: dilshod.actor, input: { fromAnnotationId: doomed.id, toAnnotationId: ids[0][0], relation: 'corroborates' } });
    expect(await tallies()).toEqual(await recounted());
    await run(sql`delete from links where from_annotation_id = ${doomed.id}`);
    expect(await tallies()).toEqual(await recounted());
  });
});

describe('queue counts from the tallies', () => {
  it('match the items page by page, for every facet, before and after reviews', async () => {
    const filterSets = [{}, { outlet: 'UNN' }, { outlet: '-' }, { label: 'claim', author: String(olena.user.id) }, { label: 'link' }, { article: String(articleIds[1]), label: 'quote' }];
    for (const filters of filterSets) await expectCountsMatchPages(filters);
    // My reviews take items out; a new review of the same item replaces the old one (counted once).
    const first = await walk({});
    for (const item of first.slice(0, 5)) {
      if (item.kind === 'link') await reviewLink({ actor: me.actor, id: item.id, input: { decision: 'accept' } });
      else await reviewAnnotation({ actor: me.actor, id: item.id, input: { decision: 'reject', reason: 'Не та цитата.' } });
    }
    const again = first.find((i) => i.kind === 'annotation')!;
    await reviewAnnotation({ actor: me.actor, id: again.id, input: { decision: 'accept' } });
    expect((await reviewQueue({ actor: me.actor, projectId })).left).toBe(first.length - 5);
    for (const filters of filterSets) await expectCountsMatchPages(filters);
  });

  it('count disputed items for a lead without scanning, and the queue reads indexes only', async () => {
    const target = (await walk({ author: String(olena.user.id) }))[0];
    await reviewAnnotation({ actor: dilshod.actor, id: target.id, input: { decision: 'accept' } });
    await reviewAnnotation({ actor: me.actor, id: target.id, input: { decision: 'reject', reason: 'Misquoted 🙃' } });
    expect((await disputedItems({ actor: lead.actor, projectId })).total).toBe(1);
    const plans = await capturePlans(async () => {
      await reviewQueue({ actor: me.actor, projectId, query: { outlet: 'Le Monde', label: 'claim' } });
      await reviewQueue({ actor: dilshod.actor, projectId });
      await disputedItems({ actor: lead.actor, projectId });
    });
    expect(plans.some((sql) => sql.includes('queue_tallies'))).toBe(true);
    await expectNoFullScans(plans);
    // The counts never read every article's counters, nor the reviewer's reviews: counters by key only.
    for (const query of [{}, { label: 'claim' }, { author: String(olena.user.id) }, { outlet: 'UNN' }, { article: String(articleIds[0]) }]) {
      const counts = (await capturePlans(async () => await reviewQueue({ actor: me.actor, projectId, query }))).filter((sql) => /queue_(outlet|reviewed|article_sizes)/.test(sql) || new RegExp(`from "queue_tallies" t where t.project_id = ${PARAM} and t.article_id in`).test(sql));
      expect(counts.length, JSON.stringify(query)).toBeGreaterThan(0);
      for (const statement of counts) {
        if (onPostgres()) {
          // PostgreSQL: no Seq Scan of a counter or a corpus table, and no reviews read at all.
          const watched = ['queue_tallies', 'queue_outlet_tallies', 'queue_reviewed_tallies', 'queue_reviewed_outlet_tallies', 'queue_article_sizes', 'articles', 'annotations', 'links', 'reviews'];
          expect(await fullScans(statement, paramsOf(statement), watched), `${JSON.stringify(query)}\n${statement}`).toEqual([]);
          expect((await explain(statement, paramsOf(statement))).filter((line) => / on reviews\b/.test(line)), JSON.stringify(query)).toEqual([]);
          continue;
        }
        const plan = await explain(statement, paramsOf(statement, 1));
        expect(plan.filter((line) => /^SCAN (t|o|s|r|articles|annotations|links|reviews)\b/.test(line)), `${JSON.stringify(query)}\n${statement}`).toEqual([]);
        expect(plan.filter((line) => /\breviews\b/.test(line) || /^SEARCH r\b/.test(line)), JSON.stringify(query)).toEqual([]);
      }
    }
    // The disputed list reads the disputed items only (by status), not the whole project in order.
    const disputed = (await capturePlans(async () => await disputedItems({ actor: lead.actor, projectId }))).filter((sql) => sql.includes("'disputed'") || new RegExp(`"status" = ${PARAM}`).test(sql));
    if (onPostgres()) {
      // Which of the indexes serves a few rows is PostgreSQL's choice by table statistics (tiny
      // here); that no whole table is read it must answer alike.
      expect(disputed.length).toBeGreaterThan(0);
      await expectNoFullScans(disputed);
      return;
    }
    const disputedPlans: string[] = [];
    for (const statement of disputed) disputedPlans.push((await explain(statement, paramsOf(statement, 'disputed'))).join('\n'));
    expect(disputedPlans.join('\n')).not.toMatch(/annotations_project_article_idx/);
    expect(disputedPlans.join('\n')).toMatch(/links_project_status_idx/);
  });
});

/** A small seeded generator, so a failing run can be replayed. */
function seeded(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    // The high bits: the low ones of this generator repeat with a short period.
    return Math.floor((x / 2147483648) * n);
  };
}

/** The `cli check` problems of the queue's counters and the reviews' target authors (none when they hold). */
async function counterProblems(): Promise<string[]> {
  const names = [
    'review queue tallies match the live annotations and links',
    'review queue counters per outlet and per article match the live annotations and links',
    'review queue counters of what each reviewer reviewed, and article sizes, match the live reviews',
    'reviews name the author of what they reviewed',
  ];
  return (await invariantProblems(names)).flatMap((i) => i.problems);
}

describe('the queue counters under random writes', () => {
  it('equal a fresh count after every write, and the counts match the pages at the end', async () => {
    const pick = seeded(20261202);
    const people = [olena, dilshod, me];
    const outlets = ['UNN', 'Le Monde', 'Zamin.uz', ''];
    // Ordered by id, so a seeded run picks the same rows on either engine.
    const liveAnnotations = () =>
      rows<{ id: number; articleId: number; authorId: number; version: number }>(sql`select id, article_id as "articleId", author_id as "authorId", version from annotations where project_id = ${projectId} and deleted_at is null order by id`);
    const deletedAnnotations = () => rows<{ id: number; authorId: number }>(sql`select id, author_id as "authorId" from annotations where project_id = ${projectId} and deleted_at is not null order by id`);
    const liveLinks = () => rows<{ id: number; authorId: number }>(sql`select id, author_id as "authorId" from links where project_id = ${projectId} and deleted_at is null order by id`);
    const who = (userId: number) => people.find((p) => p.user.id === userId) ?? lead;
    const one = <T>(list: T[]) => list[pick(list.length)];
    const writes: Array<() => unknown> = [
      () => createAnnotation({ actor: one(people).actor, articleId: one(articleIds), input: { label: one(['claim', 'quote', 'context'] as const), start: pick(40) * 5, end: pick(40) * 5 + 4 } }),
      async () => {
        const a = one(await liveAnnotations());
        return updateAnnotation({ actor: who(a.authorId).actor, annotationId: a.id, ifMatch: a.version, input: { label: one(['claim', 'quote', 'context'] as const) } });
      },
      async () => {
        const a = one(await liveAnnotations());
        return deleteAnnotation({ actor: who(a.authorId).actor, annotationId: a.id });
      },
      async () => {
        const a = (await deletedAnnotations())[0];
        return a && await restoreAnnotation({ actor: who(a.authorId).actor, annotationId: a.id });
      },
      async () => {
        const live = await liveAnnotations();
        const from = one(live);
        const to = one(live.filter((a) => a.articleId !== from.articleId));
        return createLink({ actor: one(people).actor, input: { fromAnnotationId: from.id, toAnnotationId: to.id, relation: one(['corroborates', 'conflicts'] as const) } });
      },
      async () => {
        const l = one(await liveLinks());
        return l && deleteLink({ actor: who(l.authorId).actor, linkId: l.id });
      },
      async () => {
        const reviewer = one([me, me, dilshod, lead]);
        const a = one((await liveAnnotations()).filter((x) => x.authorId !== reviewer.user.id));
        return reviewAnnotation({ actor: reviewer.actor, id: a.id, input: pick(2) ? { decision: 'accept' } : { decision: 'reject', reason: 'Цитата неточна.' } });
      },
      async () => {
        const l = one((await liveLinks()).filter((x) => x.authorId !== me.user.id));
        return l && reviewLink({ actor: me.actor, id: l.id, input: { decision: 'accept' } });
      },
      async () => await updateArticleMetadata({ actor: lead.actor, articleId: one(articleIds), input: { outlet: one(outlets) } }),
      // One article archived at a time, mostly: a link into it drops out of the queue at its other end.
      async () => {
        const archived = await column<number>(sql`select id from articles where project_id = ${projectId} and archived_at is not null order by id`);
        return archived.length ? await restoreArticle({ actor: lead.actor, articleId: archived[0] }) : await archiveArticle({ actor: lead.actor, articleId: one(articleIds) });
      },
    ];
    const done = writes.map(() => 0);
    for (let step = 0; step < 120; step++) {
      const kind = pick(writes.length);
      try {
        if (await writes[kind]()) done[kind]++;
      } catch (error) {
        // Refusals are part of the mix (a self-link, an archived article, reviewing one's own): nothing was written.
        if (!(error instanceof AppError) || error.status >= 500) throw error;
      }
      expect(await counterProblems(), `after step ${step}`).toEqual([]);
      if (step % 30 === 29) for (const filters of [{}, { outlet: 'UNN', label: 'claim' }, { article: String(one(articleIds)) }]) await expectCountsMatchPages(filters);
    }
    for (const article of articleIds) {
      try {
        await restoreArticle({ actor: lead.actor, articleId: article });
      } catch {
        // Not archived.
      }
    }
    await archiveArticle({ actor: lead.actor, articleId: articleIds[2] });
    for (const filters of [{}, { outlet: 'UNN' }, { outlet: '-' }, { label: 'link' }, { author: String(dilshod.user.id), label: 'quote' }, { article: String(articleIds[0]) }, { article: String(articleIds[2]) }]) await expectCountsMatchPages(filters);
    // Every kind of write happened, not only refusals.
    expect(done.filter((n) => n === 0)).toEqual([]);
  });
});

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
import { getSqlite } from '@/lib/db/client';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { createAnnotation, deleteAnnotation, restoreAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { createLink, deleteLink } from '@/lib/data/links';
import { archiveArticle, restoreArticle } from '@/lib/data/articleArchive';
import { updateArticleMetadata } from '@/lib/data/articles';
import { AppError } from '@/lib/errors';
import { INVARIANTS } from '@/cli/invariants';
import { disputedItems, reviewAnnotation, reviewLink, reviewQueue } from '@/lib/data/reviews';
import type { QueueFilters, QueueItem } from '@/lib/data/reviewQueue';
import { makeProject, makeUser } from '../helpers';
import { capturePlans, expectNoFullScans } from './plan';

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
function recounted(): string[] {
  const rows = getSqlite()
    .prepare(
      `select project_id, article_id, label, author_id, count(*) as n from annotations where deleted_at is null and project_id = ? group by 1, 2, 3, 4
       union all
       select l.project_id, a.article_id, 'link', l.author_id, count(*) from links l join annotations a on a.id = l.from_annotation_id where l.deleted_at is null and l.project_id = ? group by 1, 2, 4`,
    )
    .all(projectId, projectId) as Array<Record<string, number | string>>;
  return rows.map((r) => `${r.article_id} ${r.label} ${r.author_id} ${r.n}`).sort();
}

function tallies(): string[] {
  const rows = getSqlite().prepare('select article_id, label, author_id, n from queue_tallies where project_id = ?').all(projectId) as Array<Record<string, number | string>>;
  expect(rows.filter((r) => Number(r.n) < 0)).toEqual([]);
  return rows.filter((r) => Number(r.n) > 0).map((r) => `${r.article_id} ${r.label} ${r.author_id} ${r.n}`).sort();
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
    expect(tallies()).toEqual(recounted());
    const l1 = await createLink({ actor: dilshod.actor, input: { fromAnnotationId: ids[0][0], toAnnotationId: ids[1][0], relation: 'conflicts' } });
    await createLink({ actor: olena.actor, input: { fromAnnotationId: ids[1][1], toAnnotationId: ids[2][1], relation: 'corroborates' } });
    await createLink({ actor: me.actor, input: { fromAnnotationId: ids[2][3], toAnnotationId: ids[0][3], relation: 'corroborates' } });
    expect(tallies()).toEqual(recounted());
    await updateAnnotation({ actor: olena.actor, annotationId: ids[0][1], ifMatch: 1, input: { label: 'claim' } });
    expect(tallies()).toEqual(recounted());
    await deleteAnnotation({ actor: dilshod.actor, annotationId: ids[2][2] });
    expect(tallies()).toEqual(recounted());
    await restoreAnnotation({ actor: dilshod.actor, annotationId: ids[2][2] });
    expect(tallies()).toEqual(recounted());
    await deleteLink({ actor: dilshod.actor, linkId: l1.id });
    expect(tallies()).toEqual(recounted());
    // Writes no data function makes today, so the triggers are right for them too: an annotation
    // moved to another article takes its links along; a hard delete of a link.
    getSqlite().prepare('update annotations set article_id = ? where id = ?').run(articleIds[2], ids[1][1]);
    expect(tallies()).toEqual(recounted());
    const extra = await importArticle({ actor: SYSTEM, projectId, input: { title: 'Gone', body: TEXTS[2].body } });
    const doomed = await createAnnotation({ actor: olena.actor, articleId: extra.id, input: { label: 'quote', start: 0, end: 7 } });
    await createLink({ actor: dilshod.actor, input: { fromAnnotationId: doomed.id, toAnnotationId: ids[0][0], relation: 'corroborates' } });
    expect(tallies()).toEqual(recounted());
    getSqlite().prepare('delete from links where from_annotation_id = ?').run(doomed.id);
    expect(tallies()).toEqual(recounted());
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
    const plans = await capturePlans(getSqlite(), async () => {
      await reviewQueue({ actor: me.actor, projectId, query: { outlet: 'Le Monde', label: 'claim' } });
      await reviewQueue({ actor: dilshod.actor, projectId });
      await disputedItems({ actor: lead.actor, projectId });
    });
    expect(plans.some((sql) => sql.includes('queue_tallies'))).toBe(true);
    expectNoFullScans(getSqlite(), plans);
    // The counts never read every article's counters, nor the reviewer's reviews: counters by key only.
    for (const query of [{}, { label: 'claim' }, { author: String(olena.user.id) }, { outlet: 'UNN' }, { article: String(articleIds[0]) }]) {
      const counts = (await capturePlans(getSqlite(), async () => await reviewQueue({ actor: me.actor, projectId, query }))).filter((sql) => /queue_(outlet|reviewed|article_sizes)/.test(sql) || /from "queue_tallies" t where t.project_id = \? and t.article_id in/.test(sql));
      expect(counts.length, JSON.stringify(query)).toBeGreaterThan(0);
      for (const statement of counts) {
        const plan = (getSqlite().prepare(`explain query plan ${statement}`).all(...new Array((statement.match(/\?/g) ?? []).length).fill(1)) as Array<{ detail: string }>).map((r) => r.detail);
        expect(plan.filter((line) => /^SCAN (t|o|s|r|articles|annotations|links|reviews)\b/.test(line)), `${JSON.stringify(query)}\n${statement}`).toEqual([]);
        expect(plan.filter((line) => /\breviews\b/.test(line) || /^SEARCH r\b/.test(line)), JSON.stringify(query)).toEqual([]);
      }
    }
    // The disputed list reads the disputed items only (by status), not the whole project in order.
    const disputedPlans = (await capturePlans(getSqlite(), async () => await disputedItems({ actor: lead.actor, projectId })))
      .filter((sql) => sql.includes("'disputed'") || /"status" = \?/.test(sql))
      .map((sql) => (getSqlite().prepare(`explain query plan ${sql}`).all(...new Array((sql.match(/\?/g) ?? []).length).fill('disputed')) as Array<{ detail: string }>).map((r) => r.detail).join('\n'));
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
function counterProblems(): string[] {
  const names = [
    'review queue tallies match the live annotations and links',
    'review queue counters per outlet and per article match the live annotations and links',
    'review queue counters of what each reviewer reviewed, and article sizes, match the live reviews',
    'reviews name the author of what they reviewed',
  ];
  return INVARIANTS.filter((i) => names.includes(i.name)).flatMap((i) => i.run(getSqlite()));
}

describe('the queue counters under random writes', () => {
  it('equal a fresh count after every write, and the counts match the pages at the end', async () => {
    const pick = seeded(20261202);
    const people = [olena, dilshod, me];
    const outlets = ['UNN', 'Le Monde', 'Zamin.uz', ''];
    const liveAnnotations = () =>
      getSqlite().prepare('select id, article_id as articleId, author_id as authorId, version from annotations where project_id = ? and deleted_at is null').all(projectId) as Array<{ id: number; articleId: number; authorId: number; version: number }>;
    const deletedAnnotations = () => getSqlite().prepare('select id, author_id as authorId from annotations where project_id = ? and deleted_at is not null').all(projectId) as Array<{ id: number; authorId: number }>;
    const liveLinks = () => getSqlite().prepare('select id, author_id as authorId from links where project_id = ? and deleted_at is null').all(projectId) as Array<{ id: number; authorId: number }>;
    const who = (userId: number) => people.find((p) => p.user.id === userId) ?? lead;
    const one = <T>(list: T[]) => list[pick(list.length)];
    const writes: Array<() => unknown> = [
      () => createAnnotation({ actor: one(people).actor, articleId: one(articleIds), input: { label: one(['claim', 'quote', 'context'] as const), start: pick(40) * 5, end: pick(40) * 5 + 4 } }),
      () => {
        const a = one(liveAnnotations());
        return updateAnnotation({ actor: who(a.authorId).actor, annotationId: a.id, ifMatch: a.version, input: { label: one(['claim', 'quote', 'context'] as const) } });
      },
      () => {
        const a = one(liveAnnotations());
        return deleteAnnotation({ actor: who(a.authorId).actor, annotationId: a.id });
      },
      async () => {
        const a = deletedAnnotations()[0];
        return a && await restoreAnnotation({ actor: who(a.authorId).actor, annotationId: a.id });
      },
      () => {
        const from = one(liveAnnotations());
        const to = one(liveAnnotations().filter((a) => a.articleId !== from.articleId));
        return createLink({ actor: one(people).actor, input: { fromAnnotationId: from.id, toAnnotationId: to.id, relation: one(['corroborates', 'conflicts'] as const) } });
      },
      () => {
        const l = one(liveLinks());
        return l && deleteLink({ actor: who(l.authorId).actor, linkId: l.id });
      },
      () => {
        const reviewer = one([me, me, dilshod, lead]);
        const a = one(liveAnnotations().filter((x) => x.authorId !== reviewer.user.id));
        return reviewAnnotation({ actor: reviewer.actor, id: a.id, input: pick(2) ? { decision: 'accept' } : { decision: 'reject', reason: 'Цитата неточна.' } });
      },
      () => {
        const l = one(liveLinks().filter((x) => x.authorId !== me.user.id));
        return l && reviewLink({ actor: me.actor, id: l.id, input: { decision: 'accept' } });
      },
      async () => await updateArticleMetadata({ actor: lead.actor, articleId: one(articleIds), input: { outlet: one(outlets) } }),
      // One article archived at a time, mostly: a link into it drops out of the queue at its other end.
      async () => {
        const archived = getSqlite().prepare('select id from articles where project_id = ? and archived_at is not null').pluck().all(projectId) as number[];
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
      expect(counterProblems(), `after step ${step}`).toEqual([]);
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

/**
 * The link F1 cache (lib/data/agreement.ts, triggers in drizzle/0016_agree2_link_cache.sql):
 * after every kind of write that can change a link's key (link insert, delete, soft delete
 * and restore, relation, ends, author; an end's span, article or deletion; an end's article
 * archived and restored) the pooled link F1 equals a from-scratch computation over the links
 * table, and a warm read's queries touch no links table.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { capturePlans, expectNoFullScans } from '../scale/plan';
import { link, makeArticle } from './fixtures';
import { getDb } from '@/lib/db/client';
import { rows, run, value } from '../scale/rawSql';
import { agreementLinkAuthors, agreementLinkPairs, annotations, articles, links, type Relation } from '@/lib/db/tables';
import { createAnnotation } from '@/lib/data/annotations';
import { createLink, deleteLink } from '@/lib/data/links';
import { archiveArticle, restoreArticle } from '@/lib/data/articleArchive';
import { projectAgreement } from '@/lib/data/agreement';
import { f1, linkMatchCount, type LinkInput } from '@/lib/metrics/agreement';
import { all, exec } from '@/lib/db/query';

const TEXTS = [
  'Ukraine will not legally recognize any temporarily occupied territories as Russian, Zelenskyy said on Friday.',
  'Україна не визнає окуповані території російськими, заявив Зеленський у Києві 🇺🇦. Позиція незмінна.',
  'Stoltenberg said NATO membership depends on all allies 🤝; officials in Washington declined to comment.',
];
const RELATIONS: Relation[] = ['corroborates', 'conflicts'];

function prng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/** Link F1 of every pair, from the links table as the app computed it before the cache. */
async function freshLinks(projectId: number) {
  const from = alias(annotations, 'from_end');
  const to = alias(annotations, 'to_end');
  const fa = alias(articles, 'from_article');
  const ta = alias(articles, 'to_article');
  const rows = await all(getDb()
    .select({ authorId: links.authorId, relation: links.relation, fa: from.articleId, fs: from.start, fe: from.end, ta: to.articleId, ts: to.start, te: to.end })
    .from(links)
    .innerJoin(from, eq(from.id, links.fromAnnotationId))
    .innerJoin(to, eq(to.id, links.toAnnotationId))
    .innerJoin(fa, eq(fa.id, from.articleId))
    .innerJoin(ta, eq(ta.id, to.articleId))
    .where(and(eq(links.projectId, projectId), isNull(links.deletedAt), isNull(fa.archivedAt), isNull(ta.archivedAt))));
  const byAuthor = new Map<number, LinkInput[]>();
  for (const r of rows) byAuthor.set(r.authorId, [...(byAuthor.get(r.authorId) ?? []), { ends: [`${r.fa}:${r.fs}:${r.fe}`, `${r.ta}:${r.ts}:${r.te}`], relation: r.relation }]);
  const counts = (a: number, b: number) => linkMatchCount(byAuthor.get(a) ?? [], byAuthor.get(b) ?? []);
  return { counts, f1: (a: number, b: number) => f1(counts(a, b)) };
}

async function expectSame(actor: Parameters<typeof projectAgreement>[0]['actor'], projectId: number, step: string) {
  const { pairs } = await projectAgreement({ actor, projectId });
  const want = await freshLinks(projectId);
  for (const p of pairs) {
    const [lo, hi] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
    const w = want.f1(lo, hi);
    expect(p.linkF1 === null ? null : Number(p.linkF1.toFixed(12)), `${step}: pair ${lo}-${hi}`).toBe(w === null ? null : Number(w.toFixed(12)));
  }
  // The cached counts themselves, not only the F1 they give (F1 is 0 whatever the sizes when nothing matches).
  const marked = new Map((await all(getDb().select().from(agreementLinkAuthors).where(eq(agreementLinkAuthors.projectId, projectId)))).map((r) => [r.authorId, r.links]));
  for (const [author, size] of marked) expect(size, `${step}: links of ${author}`).toBe(want.counts(author, author).a);
  for (const r of await all(getDb().select().from(agreementLinkPairs).where(eq(agreementLinkPairs.projectId, projectId)))) {
    if (marked.has(r.a) && marked.has(r.b)) expect(r.matches, `${step}: matches of ${r.a}-${r.b}`).toBe(want.counts(r.a, r.b).matches);
  }
  return pairs;
}

describe('link F1 cache', () => {
  it('equals a fresh computation after a random sequence of every kind of write', async () => {
    const lead = await makeUser({ name: 'Lead' });
    const people = await Promise.all([1, 2, 3].map((i) => makeUser({ name: `Reviewer ${i}` })));
    const p = await makeProject([[lead.user.id, 'lead'], ...people.map((x) => [x.user.id, 'reviewer'] as [number, 'reviewer'])]);
    const docs: Array<Awaited<ReturnType<typeof makeArticle>>> = [];
    for (const [i, body] of TEXTS.entries()) docs.push(await makeArticle(p.id, body, `Article ${i}`));
    const random = prng(2026);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    // Every reviewer tags every article at the same place, so links of different authors often match.
    const spans: Array<{ id: number; who: number; articleId: number }> = [];
    for (const [who, person] of people.entries()) {
      for (const doc of docs) {
        for (const start of [0]) {
          const made = await createAnnotation({ actor: person.actor, articleId: doc.id, input: { label: 'claim', start, end: start + 10 } });
          spans.push({ id: made.id, who, articleId: doc.id });
        }
      }
    }
    // Each reviewer links the same places (their own spans), so the links of different authors match.
    for (const [who, person] of people.entries()) {
      const own = spans.filter((x) => x.who === who);
      for (const [x, y] of [[own[0], own[1]], [own[1], own[2]]]) {
        await createLink({ actor: person.actor, input: { fromAnnotationId: x.id, toAnnotationId: y.id, relation: 'corroborates' } });
      }
    }
    const kinds = new Map<string, number>();
    let compared = 0;
    let matched = 0;
    for (let step = 0; step < 140; step++) {
      const live = await rows<{ id: number; authorId: number; f: number; t: number; d: unknown }>(sql`select id, author_id as "authorId", from_annotation_id as f, to_annotation_id as t, deleted_at as d from links where project_id = ${p.id}`);
      const r = random();
      let kind: string;
      if (r < 0.35 || live.length < 3) {
        kind = 'link insert';
        const [x, y] = [pick(spans), pick(spans)];
        if (x.articleId === y.articleId) continue;
        const author = pick(people);
        try {
          if (random() < 0.5) await link(p.id, author.user.id, x.id, y.id, pick(RELATIONS));
          else await createLink({ actor: author.actor, input: { fromAnnotationId: Math.min(x.id, y.id), toAnnotationId: Math.max(x.id, y.id), relation: pick(RELATIONS) } });
        } catch {
          continue; // the same link twice: refused, nothing written
        }
      } else if (r < 0.43) {
        kind = 'link delete';
        const l = pick(live.filter((x) => x.d === null));
        if (!l) continue;
        const author = people.find((x) => x.user.id === l.authorId)!;
        try {
          await deleteLink({ actor: author.actor, linkId: l.id });
        } catch {
          continue; // an end in an archived article: refused, nothing written
        }
      } else if (r < 0.55) {
        kind = 'link restore or hard delete';
        const restore = random() < 0.5;
        const l = pick(live.filter((x) => (x.d === null) !== restore));
        if (!l) continue;
        if (restore) {
          try {
            await run(sql`update links set deleted_at = null where id = ${l.id}`);
          } catch {
            continue; // the same live link twice: refused, nothing written
          }
        } else {
          await run(sql`delete from reviews where link_id = ${l.id}`);
          await run(sql`delete from links where id = ${l.id}`);
        }
      } else if (r < 0.62) {
        kind = 'link relation';
        try {
          await run(sql`update links set relation = case relation when 'corroborates' then 'conflicts' else 'corroborates' end where id = ${pick(live).id}`);
        } catch {
          continue; // the same live link twice: refused, nothing written
        }
      } else if (r < 0.68) {
        kind = 'link author';
        try {
          await run(sql`update links set author_id = ${pick(people).user.id} where id = ${pick(live).id}`);
        } catch {
          continue;
        }
      } else if (r < 0.74) {
        kind = 'link ends';
        const l = pick(live);
        const other = pick(spans.filter((s) => s.id !== l.f && s.articleId !== spans.find((x) => x.id === l.f)!.articleId));
        try {
          await run(sql`update links set from_annotation_id = ${Math.min(l.f, other.id)}, to_annotation_id = ${Math.max(l.f, other.id)} where id = ${l.id}`);
        } catch {
          continue;
        }
      } else if (r < 0.85) {
        kind = 'span moved';
        const start = Math.floor(random() * 2) * 20;
        await run(sql`update annotations set start = ${start}, "end" = ${start + 10} where id = ${pick(spans).id}`);
      } else if (r < 0.89) {
        kind = 'span article';
        await run(sql`update annotations set article_id = ${pick(docs).id} where id = ${pick(spans).id}`);
      } else if (r < 0.95) {
        kind = 'span deleted';
        // Deleted at the epoch's first millisecond, or restored (a Date through the column: either engine's timestamp).
        const span = pick(spans).id;
        const deleted = await value(sql`select deleted_at from annotations where id = ${span}`);
        await exec(getDb().update(annotations).set({ deletedAt: deleted === null ? new Date(1) : null }).where(eq(annotations.id, span)));
      } else {
        kind = 'article archived or restored';
        const doc = pick(docs);
        const archived = await value(sql`select archived_at as a from articles where id = ${doc.id}`);
        if (archived === null) await archiveArticle({ actor: lead.actor, articleId: doc.id });
        else await restoreArticle({ actor: lead.actor, articleId: doc.id });
      }
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const pairs = await expectSame(lead.actor, p.id, `step ${step} (${kind})`);
      compared += pairs.length;
      matched += pairs.filter((x) => x.linkF1 !== null && x.linkF1 > 0).length;
    }
    expect(compared).toBeGreaterThan(100);
    expect([...kinds.keys()].sort()).toEqual(['article archived or restored', 'link author', 'link delete', 'link ends', 'link insert', 'link relation', 'link restore or hard delete', 'span article', 'span deleted', 'span moved']);
    expect(matched).toBeGreaterThan(10); // links did match, not only 0 and null
  });

  it('a link write drops only its author, and a warm read scans no links table', async () => {
    const people = await Promise.all([1, 2, 3].map(() => makeUser()));
    const p = await makeProject(people.map((x) => [x.user.id, 'reviewer']));
    const [one, two] = [await makeArticle(p.id, TEXTS[0], 'One'), await makeArticle(p.id, TEXTS[1], 'Two')];
    const ends = [];
    for (const person of people) {
      const x = await createAnnotation({ actor: person.actor, articleId: one.id, input: { label: 'claim', start: 0, end: 10 } });
      const y = await createAnnotation({ actor: person.actor, articleId: two.id, input: { label: 'quote', start: 5, end: 25 } });
      ends.push([x.id, y.id]);
    }
    await createLink({ actor: people[0].actor, input: { fromAnnotationId: ends[0][0], toAnnotationId: ends[1][1], relation: 'corroborates' } });
    await createLink({ actor: people[1].actor, input: { fromAnnotationId: ends[0][0], toAnnotationId: ends[1][1], relation: 'corroborates' } });
    const first = await projectAgreement({ actor: people[2].actor, projectId: p.id });
    const pair = (data: typeof first, x: number, y: number) => data.pairs.find((q) => (q.a === x && q.b === y) || (q.a === y && q.b === x))!;
    expect(pair(first, people[0].user.id, people[1].user.id).linkF1).toBe(1);
    expect(pair(first, people[0].user.id, people[2].user.id).linkF1).toBe(0);
    const cached = async () => (await all(getDb().select({ id: agreementLinkAuthors.authorId }).from(agreementLinkAuthors).where(eq(agreementLinkAuthors.projectId, p.id)))).map((r) => r.id).sort();
    expect(await cached()).toEqual(people.map((x) => x.user.id).sort());
    await createLink({ actor: people[2].actor, input: { fromAnnotationId: ends[0][0], toAnnotationId: ends[1][1], relation: 'conflicts' } });
    expect(await cached()).toEqual([people[0].user.id, people[1].user.id].sort());
    const second = await projectAgreement({ actor: people[2].actor, projectId: p.id });
    expect(pair(second, people[0].user.id, people[2].user.id).linkF1).toBe(0);
    expect(pair(second, people[0].user.id, people[1].user.id).linkF1).toBe(1);
    const statements = await capturePlans(() => projectAgreement({ actor: people[2].actor, projectId: p.id }));
    expect(statements.some((s) => /agreement_link_pairs/.test(s))).toBe(true);
    expect(statements.filter((s) => /(from|join) "links"/.test(s))).toEqual([]);
    await expectNoFullScans(statements);
  });
});

/**
 * The agreement cache's kept totals (lib/data/agreement.ts, triggers in
 * drizzle/0018_agree_pair_totals.sql): after a random sequence of every kind of write that
 * changes agreement (span create, relabel, move, delete, restore and hard delete; article
 * import, new revision, archive and restore) and of writes that must not (reviews), the
 * pooled figures, the reviewers and the per-article table equal a fresh computation from the
 * spans, and `cli check` finds the totals equal to a fresh sum of the cached rows. A warm read
 * pools nothing: it reads the totals by key.
 */
import { describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { capturePlans, expectNoFullScans } from '../scale/plan';
import { makeArticle } from './fixtures';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { getDb, getSqlite } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { invariantProblems, run, value } from '../scale/rawSql';
import { createAnnotation, deleteAnnotation, restoreAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { archiveArticle, restoreArticle } from '@/lib/data/articleArchive';
import { createRevision } from '@/lib/data/revisions';
import { reviewAnnotation } from '@/lib/data/reviews';
import { projectAgreement } from '@/lib/data/agreement';
import { isAppError } from '@/lib/errors';
import { f1, kappa, poolScores } from '@/lib/metrics/agreement';
import { freshAgreement, type AgreementRow } from './freshAgreement';
import { INVARIANTS } from '@/cli/invariants';
import type { Actor } from '@/lib/data/actor';
import type { Label } from '@/lib/domain';

const LABELS: Label[] = ['claim', 'quote', 'context'];
const TEXTS = [
  'Ukraine will not legally recognize any temporarily occupied territories as Russian, Zelenskyy said on Friday. He added that the constitution forbids it.',
  'Україна не визнає окуповані території російськими, заявив Зеленський у Києві 🇺🇦. Позиція незмінна, додав він, і вирішувати може лише народ.',
  'Stoltenberg said NATO membership depends on all allies 🤝; officials in Washington declined to comment on the London talks.',
  'Die Bundesregierung prüft weitere Lieferungen von Luftabwehrsystemen, sagte ein Sprecher in Berlin; Einzelheiten nannte er nicht.',
];
const CHECK_NAME = 'agreement totals match the cached agreement rows';
const CHECK = INVARIANTS.find((i) => i.name === CHECK_NAME)!;
const check = async () => (await invariantProblems([CHECK_NAME]))[0].problems;

function prng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/** Agreement from scratch, pooled per pair as the page shows it. */
async function fresh(projectId: number) {
  const { rows, perPair, reviewers } = await freshAgreement(projectId);
  const pooled = new Map([...perPair].map(([key, parts]) => {
    const s = poolScores(parts);
    return [key, { exact: f1(s.exact), overlap: f1(s.overlap), kappa: kappa(s.confusion), articles: parts.length, spansA: s.exact.a, spansB: s.exact.b }] as const;
  }));
  return { rows, pooled, reviewers };
}

const rounded = (x: number | null) => (x === null ? null : Number(x.toFixed(9)));

async function expectSame(actor: Actor, projectId: number, step: string) {
  const want = await fresh(projectId);
  const first = await projectAgreement({ actor, projectId, limit: '5' });
  expect(first.reviewers.map((r) => r.id).sort((x, y) => x - y), `${step}: reviewers`).toEqual(want.reviewers);
  for (const p of first.pairs) {
    const [lo, hi] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
    const w = want.pooled.get(`${lo}-${hi}`) ?? { exact: null, overlap: null, kappa: null, articles: 0, spansA: 0, spansB: 0 };
    const [spansLo, spansHi] = p.a < p.b ? [p.spansA, p.spansB] : [p.spansB, p.spansA];
    expect([rounded(p.exactF1), rounded(p.overlapF1), rounded(p.kappa), p.articles, spansLo, spansHi], `${step}: pair ${lo}-${hi}`).toEqual([rounded(w.exact), rounded(w.overlap), rounded(w.kappa), w.articles, w.spansA, w.spansB]);
  }
  const got: AgreementRow[] = [];
  let page = first.articles;
  for (;;) {
    for (const { articleId, pair: p } of page.items) {
      const [a, b] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
      got.push([articleId, a, b, rounded(p.exactF1), rounded(p.overlapF1), rounded(p.kappa)]);
    }
    if (!page.nextCursor) break;
    page = (await projectAgreement({ actor, projectId, cursor: page.nextCursor, limit: '5' })).articles;
  }
  expect(got, `${step}: per-article table`).toEqual(want.rows.map(([id, a, b, ...scores]) => [id, a, b, ...scores.map(rounded)]));
  expect(await check(), `${step}: cli check`).toEqual([]);
  return want;
}

describe('agreement totals', () => {
  it('equal a fresh computation after a random sequence of every kind of write', async () => {
    const lead = await makeUser({ name: 'Lead' });
    const people = await Promise.all(['Олена', 'Reviewer 2', 'Jürgen', 'Reviewer 10'].map((name) => makeUser({ name })));
    const p = await makeProject([[lead.user.id, 'lead'], ...people.map((x) => [x.user.id, 'reviewer'] as [number, 'reviewer'])]);
    const docs: Array<Awaited<ReturnType<typeof makeArticle>>> = [];
    for (const [i, body] of TEXTS.slice(0, 3).entries()) docs.push(await makeArticle(p.id, body, `Article ${i}`));
    const random = prng(2026);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const spans: Array<{ id: number; who: number }> = [];
    const version = async (id: number) => Number(await value(sql`select version from annotations where id = ${id}`));
    const kinds = new Map<string, number>();
    let pooledSeen = 0;
    for (let step = 0; step < 160; step++) {
      const r = random();
      let kind: string;
      try {
        if (r < 0.4 || spans.length < 6) {
          kind = 'span create';
          const who = Math.floor(random() * people.length);
          const doc = pick(docs);
          // Few places, so spans of different reviewers often match or overlap.
          const start = pick([0, 5, 20, 40]);
          const made = await createAnnotation({ actor: people[who].actor, articleId: doc.id, input: { label: pick(LABELS), start, end: start + pick([10, 15, 30]) } });
          spans.push({ id: made.id, who });
        } else if (r < 0.5) {
          kind = 'span relabel';
          const x = pick(spans);
          await updateAnnotation({ actor: people[x.who].actor, annotationId: x.id, ifMatch: await version(x.id), input: { label: pick(LABELS) } });
        } else if (r < 0.58) {
          kind = 'span move';
          const x = pick(spans);
          const start = pick([0, 5, 20]);
          await updateAnnotation({ actor: people[x.who].actor, annotationId: x.id, ifMatch: await version(x.id), input: { start, end: start + 12 } });
        } else if (r < 0.66) {
          kind = 'span delete';
          const x = pick(spans);
          await deleteAnnotation({ actor: people[x.who].actor, annotationId: x.id });
        } else if (r < 0.7) {
          kind = 'span restore';
          const x = pick(spans);
          await restoreAnnotation({ actor: people[x.who].actor, annotationId: x.id });
        } else if (r < 0.74) {
          kind = 'span hard delete';
          const x = spans.splice(Math.floor(random() * spans.length), 1)[0];
          for (const table of ['reviews', 'comments', 'verdicts', 'annotation_anchors']) await run(sql`delete from ${sql.identifier(table)} where annotation_id = ${x.id}`);
          await run(sql`delete from annotations where id = ${x.id}`);
        } else if (r < 0.82) {
          kind = 'review';
          const x = pick(spans);
          const reviewer = pick(people.filter((_, i) => i !== x.who));
          await reviewAnnotation({ actor: reviewer.actor, id: x.id, input: { decision: pick(['accept', 'reject']), reason: 'Checked against the source.' } });
        } else if (r < 0.9) {
          kind = 'article archived or restored';
          const doc = pick(docs);
          const archived = await value(sql`select archived_at as a from articles where id = ${doc.id}`);
          if (archived === null) await archiveArticle({ actor: lead.actor, articleId: doc.id });
          else await restoreArticle({ actor: lead.actor, articleId: doc.id });
        } else if (r < 0.95) {
          kind = 'article revision';
          const doc = pick(docs);
          const body = String(await value(sql`select body from articles where id = ${doc.id}`));
          await createRevision({ actor: lead.actor, articleId: doc.id, input: { body: `Оновлено. ${body}` } });
        } else {
          kind = 'article import';
          if (docs.length >= TEXTS.length) continue;
          docs.push(await makeArticle(p.id, TEXTS[docs.length], `Article ${docs.length}`));
        }
      } catch (error) {
        // Refused (an archived article, a deleted span, one's own review): nothing written.
        if (!isAppError(error) || error.status >= 500) throw error;
        continue;
      }
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const want = await expectSame(lead.actor, p.id, `step ${step} (${kind})`);
      pooledSeen += want.pooled.size;
    }
    expect([...kinds.keys()].sort()).toEqual(['article archived or restored', 'article import', 'article revision', 'review', 'span create', 'span delete', 'span hard delete', 'span move', 'span relabel', 'span restore']);
    expect(pooledSeen).toBeGreaterThan(300); // pairs did share articles, not only empty figures
  });

  it('a warm read takes the totals by key and sums no cached rows', async () => {
    const people = await Promise.all([1, 2, 3].map(() => makeUser()));
    const p = await makeProject(people.map((x) => [x.user.id, 'reviewer']));
    for (const body of TEXTS) {
      const doc = await makeArticle(p.id, body);
      for (const person of people) await createAnnotation({ actor: person.actor, articleId: doc.id, input: { label: 'claim', start: 0, end: 20 } });
    }
    await projectAgreement({ actor: people[0].actor, projectId: p.id });
    const statements = await capturePlans(() => projectAgreement({ actor: people[0].actor, projectId: p.id }));
    expect(statements.some((s) => /agreement_pair_totals/.test(s))).toBe(true);
    expect(statements.filter((s) => /sum\(|group by/i.test(s))).toEqual([]);
    await expectNoFullScans(statements);
  });

  it('cli check notices totals that differ from the cached rows', async () => {
    const people = await Promise.all([1, 2].map(() => makeUser()));
    const p = await makeProject(people.map((x) => [x.user.id, 'reviewer']));
    const doc = await makeArticle(p.id, TEXTS[1]);
    for (const person of people) await createAnnotation({ actor: person.actor, articleId: doc.id, input: { label: 'quote', start: 3, end: 30 } });
    await projectAgreement({ actor: people[0].actor, projectId: p.id });
    expect(await check()).toEqual([]);
    const archivedAt = onPostgres() ? 'now()' : '1';
    for (const planted of [
      `update agreement_pair_totals set agree1 = agree1 + 1 where project_id = ${p.id}`,
      `update agreement_authors set articles = articles + 1 where project_id = ${p.id}`,
      `update articles set archived_at = ${archivedAt} where id = ${doc.id}; insert into agreement_articles values (${doc.id}, ${p.id}, '[]')`,
    ]) {
      // Planted in a transaction of its own and rolled back: the check runs inside it.
      if (onPostgres()) {
        const { PG_INVARIANTS } = await import('@/cli/pgInvariants');
        const client = await (getDb() as unknown as { $client: pg.Pool }).$client.connect();
        try {
          await client.query('begin');
          for (const statement of planted.split('; ')) await client.query(statement);
          expect((await PG_INVARIANTS.find((i) => i.name === CHECK_NAME)!.run(client)).length, planted).toBeGreaterThan(0);
        } finally {
          await client.query('rollback');
          client.release();
        }
        continue;
      }
      const sqlite = getSqlite();
      sqlite.exec('savepoint plant');
      try {
        sqlite.exec(planted);
        expect(CHECK.run(sqlite).length, planted).toBeGreaterThan(0);
      } finally {
        sqlite.exec('rollback to plant; release plant');
      }
    }
  });
});

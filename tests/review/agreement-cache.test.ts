/**
 * The agreement cache (lib/data/agreement.ts, triggers in drizzle/0005_agreement_cache.sql):
 * a write drops exactly its article's cached rows in the same transaction, and after any
 * sequence of random writes the cached figures equal a fresh computation from the spans (the
 * reference below uses the character-array measures of lib/metrics, not the cache's counts).
 * Also: the run-length counts equal the character confusion, and the page cursors refuse bad
 * input with a 400.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { makeArticle } from './fixtures';
import { freshAgreement } from './freshAgreement';
import { getDb } from '@/lib/db/client';
import { agreementArticles, agreementPairs } from '@/lib/db/tables';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { pairDisagreements, projectAgreement } from '@/lib/data/agreement';
import { addConfusion, charCounts, emptyConfusion, f1, kappa, poolScores, type SpanInput } from '@/lib/metrics/agreement';
import { listDisagreements } from '@/lib/metrics/disagreements';
import type { Label } from '@/lib/domain';
import type { Actor } from '@/lib/data/actor';
import { all } from '@/lib/db/query';

const LABELS: Label[] = ['claim', 'quote', 'context'];

function prng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const TEXTS = [
  'Ukraine will not legally recognize any temporarily occupied territories as Russian, Zelenskyy said on Friday. He added that the constitution forbids it.',
  'Україна не визнає окуповані території російськими, заявив Зеленський у Києві 🇺🇦. Позиція незмінна, додав він, і вирішувати може лише народ.',
  'Stoltenberg said NATO membership depends on all allies 🤝; officials in Washington declined to comment on the London talks.',
];

describe('run-length character counts', () => {
  it('equal the diagonal and the margins of the character confusion, on random spans', () => {
    const random = prng(7);
    for (let round = 0; round < 300; round++) {
      const length = 1 + Math.floor(random() * 80);
      const spans = (n: number): SpanInput[] =>
        Array.from({ length: n }, () => {
          const start = Math.floor(random() * length);
          return { start, end: Math.min(length, start + 1 + Math.floor(random() * 20)), label: LABELS[Math.floor(random() * 3)] };
        });
      const a = spans(Math.floor(random() * 5));
      const b = spans(Math.floor(random() * 5));
      const matrix = addConfusion(emptyConfusion(), a, b, length);
      const counts = charCounts(a, b, length);
      expect(counts.agree).toEqual([0, 1, 2, 3].map((k) => matrix[k][k]));
      expect(counts.a).toEqual(matrix.map((row) => row.reduce((s, v) => s + v, 0)));
      expect(counts.b).toEqual([0, 1, 2, 3].map((k) => matrix.reduce((s, row) => s + row[k], 0)));
    }
  });
});

/** Agreement from scratch, pooled per pair as [exact F1, overlap F1, kappa, articles]. */
async function fresh(projectId: number) {
  const { rows, perPair, spans } = await freshAgreement(projectId);
  const pooled = new Map([...perPair].map(([key, parts]) => {
    const s = poolScores(parts);
    return [key, [f1(s.exact), f1(s.overlap), kappa(s.confusion), parts.length]] as const;
  }));
  return { rows, pooled, spans };
}

/** Every row of the per-article table, following the cursors, oriented a < b. */
async function cachedRows(actor: Actor, projectId: number) {
  const out: Array<[number, number, number, number | null, number | null, number | null]> = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof projectAgreement>> = await projectAgreement({ actor, projectId, cursor, limit: '7' });
    for (const { articleId, pair: p } of page.articles.items) {
      const [a, b] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
      out.push([articleId, a, b, p.exactF1, p.overlapF1, p.kappa]);
    }
    cursor = page.articles.nextCursor;
  } while (cursor);
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
}

const close = (x: number | null, y: number | null) => (x === null || y === null ? x === y : Math.abs(x - y) < 1e-9);

async function expectSame(actor: Actor, projectId: number) {
  const want = await fresh(projectId);
  const got = await cachedRows(actor, projectId);
  expect(got.map((r) => r.slice(0, 3))).toEqual(want.rows.map((r) => r.slice(0, 3)));
  got.forEach((r, i) => r.slice(3).forEach((v, k) => expect(close(v as number | null, want.rows[i][3 + k])).toBe(true)));
  const { pairs } = await projectAgreement({ actor, projectId });
  for (const p of pairs) {
    const key = p.a < p.b ? `${p.a}-${p.b}` : `${p.b}-${p.a}`;
    const [exact, overlap, k, shared] = want.pooled.get(key) ?? [null, null, null, 0];
    expect([close(p.exactF1, exact), close(p.overlapF1, overlap), close(p.kappa, k), p.articles === shared]).toEqual([true, true, true, true]);
  }
  return want;
}

describe('agreement cache', () => {
  it('stays equal to a fresh computation through random creates, edits, relabels and deletes', async () => {
    const people = await Promise.all([1, 2, 3, 4].map((i) => makeUser({ name: `Reviewer ${i}` })));
    const p = await makeProject(people.map((x) => [x.user.id, 'reviewer']));
    const docs: Array<Awaited<ReturnType<typeof makeArticle>>> = [];
    for (const [i, body] of TEXTS.entries()) docs.push(await makeArticle(p.id, body, `Article ${i}`));
    const random = prng(42);
    const live: Array<{ id: number; version: number; who: number; length: number; articleId: number }> = [];
    for (let round = 0; round < 12; round++) {
      for (let w = 0; w < 6; w++) {
        const r = random();
        if (r < 0.55 || live.length < 4) {
          const who = Math.floor(random() * people.length);
          const doc = docs[Math.floor(random() * docs.length)];
          const start = Math.floor(random() * (TEXTS[docs.indexOf(doc)].length - 30));
          const made = await createAnnotation({ actor: people[who].actor, articleId: doc.id, input: { label: LABELS[Math.floor(random() * 3)], start, end: start + 5 + Math.floor(random() * 25) } });
          live.push({ id: made.id, version: made.version, who, length: TEXTS[docs.indexOf(doc)].length, articleId: doc.id });
        } else if (r < 0.8) {
          const x = live[Math.floor(random() * live.length)];
          const input = random() < 0.5 ? { label: LABELS[Math.floor(random() * 3)] } : { start: 0, end: 12 };
          const made = await updateAnnotation({ actor: people[x.who].actor, annotationId: x.id, ifMatch: x.version, input });
          x.version = made.version;
        } else {
          const i = Math.floor(random() * live.length);
          await deleteAnnotation({ actor: people[live[i].who].actor, annotationId: live[i].id });
          live.splice(i, 1);
        }
      }
      await expectSame(people[0].actor, p.id);
    }
    // The disagreement list, followed page by page, is the fresh list of every article.
    const [a, b] = [people[0].user.id, people[1].user.id];
    const spans = (await fresh(p.id)).spans;
    // Articles both tagged only, as the page says.
    const want = docs.flatMap((d) => {
      const [sa, sb] = [a, b].map((who) => spans.filter((s) => s.articleId === d.id && s.authorId === who));
      return sa.length && sb.length ? listDisagreements(sa, sb).map((x) => [d.id, x.kind, x.a?.id ?? null, x.b?.id ?? null]) : [];
    });
    expect(want.length).toBeGreaterThan(3);
    const got: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof pairDisagreements>> = await pairDisagreements({ actor: people[2].actor, projectId: p.id, a, b, cursor, limit: '2' });
      got.push(...page.items.map((x) => [x.articleId, x.kind, x.a?.id ?? null, x.b?.id ?? null]));
      cursor = page.nextCursor;
    } while (cursor);
    expect(got).toEqual(want);
  });

  it('a write drops the cached rows of its article only, in the same transaction', async () => {
    const [x, y] = await Promise.all([makeUser(), makeUser()]);
    const p = await makeProject([[x.user.id, 'reviewer'], [y.user.id, 'reviewer']]);
    const [one, two] = [await makeArticle(p.id, TEXTS[0], 'One'), await makeArticle(p.id, TEXTS[1], 'Two')];
    for (const doc of [one, two]) {
      await createAnnotation({ actor: x.actor, articleId: doc.id, input: { label: 'claim', start: 0, end: 20 } });
      await createAnnotation({ actor: y.actor, articleId: doc.id, input: { label: 'claim', start: 0, end: 20 } });
    }
    const before = await projectAgreement({ actor: x.actor, projectId: p.id });
    expect(before.pairs[0].kappa).toBe(1);
    const cached = async () => (await all(getDb().select({ id: agreementArticles.articleId }).from(agreementArticles).where(eq(agreementArticles.projectId, p.id)))).map((r) => r.id).sort();
    expect(await cached()).toEqual([one.id, two.id].sort());
    const made = await createAnnotation({ actor: y.actor, articleId: one.id, input: { label: 'quote', start: 40, end: 60 } });
    expect(await cached()).toEqual([two.id]);
    expect(await all(getDb().select().from(agreementPairs).where(eq(agreementPairs.articleId, one.id)))).toEqual([]);
    const after = await projectAgreement({ actor: x.actor, projectId: p.id });
    expect(after.pairs[0].kappa).toBeLessThan(1);
    expect(await cached()).toEqual([one.id, two.id].sort());
    await updateAnnotation({ actor: y.actor, annotationId: made.id, ifMatch: made.version, input: { label: 'context' } });
    expect(await cached()).toEqual([two.id]);
    await deleteAnnotation({ actor: y.actor, annotationId: made.id });
    expect((await projectAgreement({ actor: x.actor, projectId: p.id })).pairs[0].kappa).toBe(1);
  });

  it('refuses a forged, foreign or stale cursor and a bad limit with a 400', async () => {
    const [x, y] = await Promise.all([makeUser(), makeUser()]);
    const p = await makeProject([[x.user.id, 'reviewer'], [y.user.id, 'reviewer']]);
    const other = await makeProject([[x.user.id, 'reviewer']]);
    const doc = await makeArticle(p.id, TEXTS[2], 'Three');
    for (let i = 0; i < 3; i++) {
      await createAnnotation({ actor: x.actor, articleId: doc.id, input: { label: 'claim', start: i * 20, end: i * 20 + 10 } });
      await createAnnotation({ actor: y.actor, articleId: doc.id, input: { label: 'quote', start: i * 20, end: i * 20 + 10 } });
    }
    const page = await pairDisagreements({ actor: x.actor, projectId: p.id, a: x.user.id, b: y.user.id, limit: '1' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0].kind).toBe('label');
    const cursor = page.nextCursor!;
    const status = async (f: () => Promise<unknown>) => {
      try {
        await f();
        return 200;
      } catch (error) {
        return (error as { status?: number }).status;
      }
    };
    expect(await status(() => pairDisagreements({ actor: x.actor, projectId: p.id, a: x.user.id, b: y.user.id, cursor }))).toBe(200);
    expect(await status(() => pairDisagreements({ actor: x.actor, projectId: p.id, a: x.user.id, b: y.user.id, cursor: cursor.slice(0, -2) + 'xx' }))).toBe(400);
    expect(await status(() => pairDisagreements({ actor: x.actor, projectId: p.id, a: y.user.id, b: x.user.id, cursor }))).toBe(400);
    expect(await status(() => projectAgreement({ actor: x.actor, projectId: p.id, cursor }))).toBe(400);
    const articleCursor = (await projectAgreement({ actor: x.actor, projectId: p.id, limit: '1' })).articles.nextCursor;
    expect(articleCursor).toBeNull(); // one article, one pair: a single row
    expect(await status(() => projectAgreement({ actor: x.actor, projectId: other.id, cursor }))).toBe(400);
    for (const limit of ['0', '1000000000', '-1', 'ten', '2.5']) {
      expect(await status(() => projectAgreement({ actor: x.actor, projectId: p.id, limit }))).toBe(400);
      expect(await status(() => pairDisagreements({ actor: x.actor, projectId: p.id, a: x.user.id, b: y.user.id, limit }))).toBe(400);
    }
    expect(await status(() => pairDisagreements({ actor: x.actor, projectId: p.id, a: x.user.id, b: x.user.id }))).toBe(400);
  });
});

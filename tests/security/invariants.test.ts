/**
 * After a burst of mixed writes through lib/data (creates, If-Match edits, deletes, undos,
 * links, reviews, settlements, comments, verdicts, and many refused attempts in between) the
 * database passes every check of `npm run cli -- check` (cli/invariants.ts, or on PostgreSQL
 * cli/pgInvariants.ts), and every
 * article body still hashes to its stored sha256. The checks also catch planted corruption.
 */
import crypto from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { isAppError } from '@/lib/errors';
import { getDb } from '@/lib/db/client';
import { all } from '@/lib/db/query';
import { annotations, articles } from '@/lib/db/tables';
import { createAnnotation, deleteAnnotation, restoreAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { createLink, deleteLink } from '@/lib/data/links';
import { reviewAnnotation, reviewLink, settle } from '@/lib/data/reviews';
import { addComment } from '@/lib/data/comments';
import { proposeVerdict } from '@/lib/data/verdicts';
import { invariantProblems, problemsWhile } from './checks';
import { buildWorld, type UserKind, type World } from './world';

let w: World;
const WRITERS: UserKind[] = ['authorReviewer', 'otherReviewer', 'lead', 'viewer', 'nonMember'];

/** A small deterministic PRNG so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

async function bodyHashes(): Promise<string[]> {
  const rows = await all(getDb().select({ id: articles.id, body: articles.body, sha256: articles.sha256 }).from(articles));
  return rows.filter((r) => crypto.createHash('sha256').update(r.body, 'utf8').digest('hex') !== r.sha256).map((r) => `article ${r.id}`);
}

type Op = (actor: World['people'][UserKind]['actor'], pick: <T>(xs: T[]) => T) => unknown;

function ops(state: { annotations: number[]; links: number[] }): Op[] {
  const len = 60;
  return [
    async (actor, pick) => {
      const start = Math.floor(pick([0, 5, 10, 20, 30, 40]));
      const a = await createAnnotation({ actor, articleId: pick([w.articleId, w.article2Id]), input: { label: pick(['claim', 'quote', 'context']), start, end: start + pick([3, 8, 15]), note: 'burst' } });
      state.annotations.push(a.id);
    },
    async (actor, pick) => await updateAnnotation({ actor, annotationId: pick(state.annotations), ifMatch: pick([1, 2, 3]), input: { note: `edit ${Math.random()}`, end: pick([20, 25, len]) } }),
    async (actor, pick) => await deleteAnnotation({ actor, annotationId: pick(state.annotations) }),
    async (actor, pick) => await restoreAnnotation({ actor, annotationId: pick(state.annotations) }),
    async (actor, pick) => state.links.push((await createLink({ actor, input: { fromAnnotationId: pick(state.annotations), toAnnotationId: pick(state.annotations), relation: pick(['corroborates', 'conflicts']) } })).id),
    async (actor, pick) => await deleteLink({ actor, linkId: pick(state.links) }),
    async (actor, pick) => await reviewAnnotation({ actor, id: pick(state.annotations), input: { decision: pick(['accept', 'reject']), reason: 'because' } }),
    async (actor, pick) => await reviewLink({ actor, id: pick(state.links), input: { decision: pick(['accept', 'reject']), reason: 'because' } }),
    async (actor, pick) => await settle({ actor, kind: 'annotation', id: pick(state.annotations), input: { decision: pick(['accept', 'reject']), reason: 'settled' } }),
    async (actor, pick) => await addComment({ actor, target: { kind: 'annotation', id: pick(state.annotations) }, input: { body: 'A thought.' } }),
    async (actor, pick) => await proposeVerdict({ actor, annotationId: pick(state.annotations), input: { verdict: pick(['true', 'false', 'mixed']), rationale: 'Sources.' } }),
  ];
}

beforeAll(async () => {
  w = await buildWorld();
}, 60_000);

describe('invariants after a burst of mixed writes', () => {
  test('1,500 random writes (most allowed, many refused) leave every invariant holding', async () => {
    const random = prng(7);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const state = { annotations: [] as number[], links: [] as number[] };
    const table = ops(state);
    await createAnnotation({ actor: w.people.authorReviewer.actor, articleId: w.articleId, input: { label: 'claim', start: 0, end: 9 } });
    state.annotations.push(...(await all(getDb().select({ id: annotations.id }).from(annotations).orderBy(annotations.id))).map((r) => r.id));
    const outcome = { ok: 0, refused: 0 };
    for (let i = 0; i < 1500; i++) {
      const actor = w.people[pick(WRITERS)].actor;
      try {
        await pick(table)(actor, pick);
        outcome.ok++;
      } catch (error) {
        if (!isAppError(error) || error.status >= 500) throw error;
        outcome.refused++;
      }
    }
    expect(outcome.ok).toBeGreaterThan(200);
    expect(outcome.refused).toBeGreaterThan(100);
    const problems = await invariantProblems();
    expect(Object.entries(problems).filter(([, p]) => p.length), JSON.stringify(problems).slice(0, 2000)).toEqual([]);
    expect(await bodyHashes()).toEqual([]);
  });
});

describe('the checks catch planted corruption', () => {
  // Rows of its own to corrupt (two statements and a live link between them), so these tests
  // do not depend on the burst above having run first.
  beforeAll(async () => {
    const actor = w.people.authorReviewer.actor;
    const from = await createAnnotation({ actor, articleId: w.articleId, input: { label: 'claim', start: 0, end: 9 } });
    const to = await createAnnotation({ actor, articleId: w.article2Id, input: { label: 'quote', start: 0, end: 9 } });
    await createLink({ actor, input: { fromAnnotationId: from.id, toAnnotationId: to.id, relation: 'corroborates' } });
  });

  /** `sql` on both engines, or `{ sqlite, pg }` where they must differ. */
  const plant = async (sql: string | { sqlite: string; pg: string }, check: string) => {
    const corruption = typeof sql === 'string' ? { sqlite: sql, pg: sql } : sql;
    const problems = (await problemsWhile(corruption))[check];
    expect(problems.length, `${check} did not notice: ${JSON.stringify(sql)}`).toBeGreaterThan(0);
  };
  test('an exact that no longer matches the article', () =>
    plant("update annotations set exact = 'tampered' where id = (select min(id) from annotations where deleted_at is null)", 'annotation spans match their articles'));
  test('a span past the end of its article', () =>
    plant('update annotations set "end" = 1000000 where id = (select min(id) from annotations where deleted_at is null)', 'annotation spans match their articles'));
  test('a live link to a deleted annotation', () =>
    plant(
      {
        sqlite: 'update annotations set deleted_at = 1 where id = (select from_annotation_id from links where deleted_at is null limit 1)',
        pg: 'update annotations set deleted_at = now() where id = (select from_annotation_id from links where deleted_at is null limit 1)',
      },
      'no live link to a deleted annotation',
    ));
  test('a status that its reviews do not derive', () =>
    plant("update annotations set status = case status when 'accepted' then 'rejected' else 'accepted' end where id = (select min(id) from annotations where deleted_at is null)", 'annotation statuses match their reviews'));
});

test('a review of an older version that still counts is noticed (issue 13, item 2)', async () => {
  const sql = 'update annotations set substance_version = version + 1 where id = (select annotation_id from reviews where annotation_id is not null and superseded_at is null limit 1)';
  expect((await problemsWhile({ sqlite: sql, pg: sql }))['only reviews of the current annotation version count'].length).toBeGreaterThan(0);
});

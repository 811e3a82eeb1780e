/**
 * `cli check` on PostgreSQL (cli/pgInvariants.ts): the seed corpus, with reviews, links, a
 * revision and an agreement cache added so every invariant has rows to look at, passes every
 * check; each invariant, broken behind the triggers' back (inside a transaction rolled back
 * afterwards, so the tests stay independent), is reported by exactly that check; and the
 * command line prints and exits as on SQLite (tests/cli/backup-restore-check.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVARIANTS } from '@/cli/invariants';
import { INVARIANT_NAMES } from '@/cli/invariantRules';
import pg from 'pg';
import { inCheckSnapshot, integrityCoverage, PG_INVARIANTS } from '@/cli/pgInvariants';
import { cli } from '../cli/run';
import { createEmptyDatabase, dropDatabase, migratedDatabase, PG_TEST_URL, type TestDatabase } from './pgTestDb';
import { loadSeedCorpus } from './pgSeedCorpus';

let db: TestDatabase;
let seed: { projectId: number; userId: number; articleIds: number[] };
/** The newest migration of drizzle/pg, the one the journal test takes away. */
const LAST_PG_MIGRATION = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../drizzle/pg/meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }).entries.at(-1)!.tag;

/** The rows the corruptions below aim at. */
const at = {} as {
  reviewerId: number;
  claim: { id: number; articleId: number; start: number; end: number };
  accepted: number;
  acceptReview: number;
  link: { id: number; from: number; to: number };
  linkReview: number;
  revised: { articleId: number; annotationId: number };
  agreementArticle: number;
};

async function one<R>(text: string, values?: unknown[]): Promise<R> {
  return (await db.rows(text, values))[0] as R;
}

/** The failing checks, by name, and their problems; run in a transaction as `check` does. */
async function failures(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const invariant of PG_INVARIANTS) {
    const problems = await invariant.run(db.client);
    if (problems.length) out[invariant.name] = problems;
  }
  return out;
}

/** What fails after `corrupt` ran (in a transaction that is then rolled back). */
async function failuresAfter(corrupt: () => Promise<unknown>): Promise<Record<string, string[]>> {
  await db.client.query('begin');
  try {
    await corrupt();
    return await failures();
  } finally {
    await db.client.query('rollback');
  }
}

/** Runs `change` on `table` with its user triggers off: what they keep is left as it was. */
async function behindTriggers(table: string, change: () => Promise<unknown>): Promise<void> {
  await db.rows(`alter table ${table} disable trigger user`);
  await change();
  await db.rows(`alter table ${table} enable trigger user`);
}

async function addStatement(articleId: number, label: string, start: number, end: number, attributes: object = {}): Promise<{ id: number; articleId: number; start: number; end: number }> {
  const { body } = await one<{ body: string }>('select body from articles where id = $1', [articleId]);
  return one(
    `insert into annotations (project_id, article_id, author_id, label, start, "end", exact, attributes) values ($1, $2, $3, $4, $5, $6, $7, $8)
     returning id, article_id as "articleId", start, "end"`,
    [seed.projectId, articleId, seed.userId, label, start, end, body.slice(start, end), JSON.stringify(attributes)],
  );
}

/** A statement over the article's first ten characters, written on `client`; returns its id. */
async function addStatementWith(client: pg.Client, articleId: number, label: string): Promise<number> {
  const result = await client.query<{ id: number }>(
    `insert into annotations (project_id, article_id, author_id, label, start, "end", exact, attributes)
     select project_id, id, $2, $3, 0, 10, substr(body, 1, 10), $4 from articles where id = $1 returning id`,
    [articleId, seed.userId, label, JSON.stringify(label === 'quote' ? { speaker: 'Olena Zelenska' } : {})],
  );
  return result.rows[0].id;
}

async function review(target: { annotationId?: number; linkId?: number }, decision: 'accept' | 'reject', extra: { isFinal?: boolean; superseded?: boolean } = {}): Promise<number> {
  const row = await one<{ id: number }>(
    `insert into reviews (project_id, annotation_id, link_id, reviewer_id, decision, is_final, target_version, superseded_at)
     values ($1, $2, $3, $4, $5, $6, 1, $7) returning id`,
    [seed.projectId, target.annotationId ?? null, target.linkId ?? null, at.reviewerId, decision, extra.isFinal ?? false, extra.superseded ? new Date() : null],
  );
  return row.id;
}

describe.skipIf(!PG_TEST_URL)('cli check on PostgreSQL', () => {
  beforeAll(async () => {
    db = await migratedDatabase('wb_check');
    seed = await loadSeedCorpus(db.client);
    const [first, second, third] = seed.articleIds;
    at.reviewerId = (await one<{ id: number }>(`insert into users (email, name, password_hash) values ('reviewer@example.org', 'Reviewer', 'x') returning id`)).id;
    at.claim = await addStatement(first, 'claim', 0, 12);
    const context = await addStatement(first, 'context', 20, 40);
    const other = await addStatement(second, 'claim', 5, 30, { speaker: 'Emmanuel Macron' });
    // Reviewed statements, their cached status as lib/data writes it: accepted; a superseded reject and a final accept.
    const accepted = await addStatement(second, 'claim', 40, 60);
    at.accepted = accepted.id;
    at.acceptReview = await review({ annotationId: accepted.id }, 'accept');
    await review({ annotationId: context.id }, 'reject', { superseded: true });
    await review({ annotationId: context.id }, 'reject');
    await review({ annotationId: context.id }, 'accept', { isFinal: true });
    await db.rows(`update annotations set status = 'accepted' where id = any($1)`, [[accepted.id, context.id]]);
    // A rejected link across two articles.
    const [from, to] = [at.claim.id, other.id].sort((a, b) => a - b);
    const link = await one<{ id: number }>(
      `insert into links (project_id, from_annotation_id, to_annotation_id, relation, author_id, status) values ($1, $2, $3, 'conflicts', $4, 'rejected') returning id`,
      [seed.projectId, from, to, seed.userId],
    );
    at.link = { id: link.id, from, to };
    at.linkReview = await review({ linkId: link.id }, 'reject');
    // A revision: the seed quote of the third article stays on revision 1's text.
    const { body } = await one<{ body: string }>('select body from articles where id = $1', [third]);
    const revisedBody = `Updated. ${body}`;
    await db.rows(
      `insert into article_revisions (article_id, project_id, number, body, sha256, source) values ($1, $2, 2, $3, 'rev2', 'refetch')`,
      [third, seed.projectId, revisedBody],
    );
    await db.rows('update articles set body = $2, sha256 = $3, current_revision = 2 where id = $1', [third, revisedBody, 'rev2']);
    at.revised = { articleId: third, annotationId: (await one<{ id: number }>('select id from annotations where article_id = $1 and revision = 1', [third])).id };
    // The agreement cache of an article for two reviewers, as lib/data/agreement.ts fills it.
    at.agreementArticle = seed.articleIds[3];
    await db.rows('insert into agreement_articles (article_id, project_id, authors) values ($1, $2, $3)', [at.agreementArticle, seed.projectId, JSON.stringify([seed.userId, at.reviewerId])]);
    await db.rows(`insert into agreement_pairs values ($1, $2, $3, $4, 3, 4, 1, 2, 1, 10, 11, 12, 13, 1, 2, 3, 4, 5, 6, 7, 8)`, [seed.projectId, at.agreementArticle, seed.userId, at.reviewerId]);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('finds every invariant holding on the seed corpus with reviews, links, a revision and agreement rows', async () => {
    // Every invariant has rows to look at.
    for (const table of ['annotations', 'links', 'reviews', 'article_revisions', 'queue_tallies', 'queue_outlet_tallies', 'queue_article_tallies', 'speaker_tallies', 'article_stats', 'agreement_pair_totals', 'agreement_authors']) {
      expect((await one<{ n: number }>(`select count(*)::int as n from ${table}`)).n, table).toBeGreaterThan(0);
    }
    expect(await failuresAfter(async () => {})).toEqual({});
    // One list of names: both engines check the same things, in the same order.
    expect(PG_INVARIANTS.map((i) => i.name)).toEqual(Object.values(INVARIANT_NAMES));
    expect(INVARIANTS.map((i) => i.name)).toEqual(Object.values(INVARIANT_NAMES));
  });

  it('runs amcheck when the extension is installed: passes, and names an index that lost rows', async () => {
    expect(await integrityCoverage(db.client)).toMatch(/amcheck is not installed/);
    const result = await failuresAfter(async () => {
      await db.rows('create extension amcheck');
      expect(await integrityCoverage(db.client)).toMatch(/amcheck bt_index_check and verify_heapam on every table and index\.$/);
    });
    expect(result).toEqual({});
    // An expression index whose IMMUTABLE function changed no longer holds the rows' entries
    // (committed first: amcheck does not verify an index against the transaction that made it).
    await db.rows('create extension amcheck');
    await db.rows(`create function wb_check_key(integer) returns integer immutable language sql as 'select $1'`);
    await db.rows('create index wb_check_key_idx on users (wb_check_key(id))');
    await db.rows(`create or replace function wb_check_key(integer) returns integer immutable language sql as 'select $1 + 1000'`);
    try {
      const stale = await failuresAfter(async () => {});
      expect(Object.keys(stale)).toEqual(['integrity_check']);
      expect(stale.integrity_check).toEqual([expect.stringMatching(/^index wb_check_key_idx fails amcheck's bt_index_check: heap tuple \(\d+,\d+\) from table "users" lacks matching index tuple within index "wb_check_key_idx"$/)]);
    } finally {
      await db.rows('drop index wb_check_key_idx');
      await db.rows('drop function wb_check_key(integer)');
      await db.rows('drop extension amcheck');
    }
  });

  it('passes while another connection writes, every check reading one snapshot', async () => {
    const writer = new pg.Client({ connectionString: db.url });
    await writer.connect();
    let writing = true;
    let writes = 0;
    // Statements created, relabelled and tombstoned on the one article no other test looks at.
    const writes$ = (async () => {
      while (writing) {
        const a = await addStatementWith(writer, seed.articleIds[4], writes % 3 === 0 ? 'quote' : 'claim');
        await writer.query(`update annotations set label = 'context' where id = $1`, [a]);
        if (writes % 2) await writer.query('update annotations set deleted_at = now() where id = $1', [a]);
        writes++;
      }
    })();
    try {
      for (let round = 0; round < 5; round++) {
        expect(await inCheckSnapshot(db.client, failures)).toEqual({});
      }
    } finally {
      writing = false;
      await writes$;
      await writer.end();
    }
    expect(writes).toBeGreaterThan(10);
    // Left behind are these statements, counted alike by the triggers.
    expect(await inCheckSnapshot(db.client, failures)).toEqual({});
  });

  describe('reports each broken invariant by that check alone', () => {
    it('integrity_check: a disabled or missing trigger, an invalid index, a missing migration, a NOT VALID check with violating rows', async () => {
      expect(await failuresAfter(() => db.rows('alter table annotations disable trigger article_stats_annotation_ai'))).toEqual({
        integrity_check: ['trigger article_stats_annotation_ai on annotations is disabled: what it keeps drifts (ALTER TABLE annotations ENABLE TRIGGER article_stats_annotation_ai)'],
      });
      expect(await failuresAfter(() => db.rows('drop trigger speaker_tallies_ai on annotations'))).toEqual({
        integrity_check: ['trigger speaker_tallies_ai on annotations is missing: what it keeps drifts'],
      });
      expect(await failuresAfter(() => db.rows(`update pg_index set indisvalid = false where indexrelid = 'annotations_project_idx'::regclass`))).toEqual({
        integrity_check: ['index annotations_project_idx on annotations is invalid (a failed CREATE INDEX CONCURRENTLY or REINDEX): queries skip it and it enforces nothing; drop and recreate it'],
      });
      expect(await failuresAfter(() => db.rows('delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)'))).toEqual({
        integrity_check: [`migration ${LAST_PG_MIGRATION} is not applied (run npm run pg:migrate)`],
      });
      expect(await failuresAfter(() => db.rows(`update drizzle.__drizzle_migrations set hash = 'edited' where created_at = (select min(created_at) from drizzle.__drizzle_migrations)`))).toEqual({
        integrity_check: ["migration 0000_schema was applied from a different text than this build's"],
      });
      const backwards = await failuresAfter(async () => {
        await db.rows('alter table links drop constraint links_order_check');
        await db.rows(`insert into links (project_id, from_annotation_id, to_annotation_id, relation, author_id) values ($1, $2, $3, 'corroborates', $4)`, [seed.projectId, at.link.to, at.link.from, seed.userId]);
        await db.rows('alter table links add constraint links_order_check check (from_annotation_id < to_annotation_id) not valid');
      });
      expect(backwards).toEqual({
        integrity_check: ['check constraint links_order_check of links is NOT VALID: 1 row violates it (ALTER TABLE links VALIDATE CONSTRAINT links_order_check)'],
      });
    });

    it('foreign_key_check: a row written with enforcement off, a NOT VALID or disabled foreign key', async () => {
      const orphan = await failuresAfter(async () => {
        await db.rows('set local session_replication_role = replica');
        await db.rows(`insert into memberships (project_id, user_id, role) values ($1, 4242, 'viewer')`, [seed.projectId]);
        await db.rows('set local session_replication_role = origin');
      });
      expect(orphan).toEqual({ foreign_key_check: ['memberships row with user_id 4242 refers to a missing row of users'] });
      const { name } = await one<{ name: string }>(`select conname as name from pg_constraint where conrelid = 'memberships'::regclass and contype = 'f' and confrelid = 'users'::regclass`);
      const notValid = await failuresAfter(async () => {
        await db.rows(`alter table memberships drop constraint ${name}`);
        await db.rows(`insert into memberships (project_id, user_id, role) values ($1, 4343, 'viewer')`, [seed.projectId]);
        await db.rows(`alter table memberships add constraint ${name} foreign key (user_id) references users (id) not valid`);
      });
      expect(notValid).toEqual({
        foreign_key_check: [
          `foreign key ${name} of memberships is NOT VALID: rows written before it was added were never checked (ALTER TABLE memberships VALIDATE CONSTRAINT ${name})`,
          'memberships row with user_id 4343 refers to a missing row of users',
        ],
      });
      const disabled = await failuresAfter(() => db.rows('alter table memberships disable trigger all'));
      expect(disabled.foreign_key_check).toContain(`foreign key ${name} of memberships is not enforced: its triggers are disabled (ALTER TABLE memberships ENABLE TRIGGER ALL)`);
      expect(Object.keys(disabled)).toEqual(['foreign_key_check']);
    });

    it('annotation spans: an exact text that differs, a span past the end, the text of an orphaned revision', async () => {
      const { claim } = at;
      const length = (await one<{ n: number }>('select length(body)::int as n from articles where id = $1', [claim.articleId])).n;
      expect(await failuresAfter(() => db.rows(`update annotations set exact = 'not the text' where id = $1`, [claim.id]))).toEqual({
        [INVARIANT_NAMES.annotationSpans]: [`annotation ${claim.id} exact text differs from the article text at [${claim.start}, ${claim.end})`],
      });
      expect(await failuresAfter(() => db.rows(`update annotations set "end" = $2 where id = $1`, [claim.id, length + 5]))).toEqual({
        [INVARIANT_NAMES.annotationSpans]: [`annotation ${claim.id} span [${claim.start}, ${length + 5}) is outside its article (length ${length})`],
      });
      const { annotationId, articleId } = at.revised;
      const { start, end } = await one<{ start: number; end: number }>('select start, "end" from annotations where id = $1', [annotationId]);
      expect(await failuresAfter(() => db.rows(`update article_revisions set body = 'Changed. ' || body where article_id = $1 and number = 1`, [articleId]))).toEqual({
        [INVARIANT_NAMES.annotationSpans]: [`annotation ${annotationId} exact text differs from the article text at [${start}, ${end})`],
      });
    });

    it('no live link to a deleted annotation', async () => {
      expect(await failuresAfter(() => db.rows('update annotations set deleted_at = now() where id = $1', [at.link.to]))).toEqual({
        [INVARIANT_NAMES.danglingLinks]: [`link ${at.link.id} is live but its annotation ${at.link.to} is deleted`],
      });
    });

    it('annotation and link statuses match their reviews', async () => {
      expect(await failuresAfter(() => db.rows(`update annotations set status = 'rejected' where id = $1`, [at.accepted]))).toEqual({
        [INVARIANT_NAMES.annotationStatuses]: [`annotation ${at.accepted} has status rejected but its reviews say accepted`],
      });
      expect(await failuresAfter(() => db.rows(`update links set status = 'disputed' where id = $1`, [at.link.id]))).toEqual({
        [INVARIANT_NAMES.linkStatuses]: [`link ${at.link.id} has status disputed but its reviews say rejected`],
      });
    });

    it('only reviews of the current annotation and link version count', async () => {
      expect(await failuresAfter(() => db.rows('update annotations set substance_version = 2 where id = $1', [at.accepted]))).toEqual({
        [INVARIANT_NAMES.annotationReviewVersions]: [`review ${at.acceptReview} of annotation ${at.accepted} is for version 1 but still counts, though the annotation changed at version 2`],
      });
      expect(await failuresAfter(() => db.rows('update links set substance_version = 3 where id = $1', [at.link.id]))).toEqual({
        [INVARIANT_NAMES.linkReviewVersions]: [`review ${at.linkReview} of link ${at.link.id} is for version 1 but still counts, though the link changed at version 3`],
      });
    });

    it('review queue tallies, and their per-outlet and per-article counters', async () => {
      const { projectId, userId } = seed;
      const { n } = await one<{ n: number }>(`select n from queue_tallies where article_id = $1 and label = 'claim'`, [at.claim.articleId]);
      const tally = await failuresAfter(() => behindTriggers('queue_tallies', () => db.rows(`update queue_tallies set n = n + 2 where article_id = $1 and label = 'claim'`, [at.claim.articleId])));
      expect(tally).toEqual({
        [INVARIANT_NAMES.queueTallies]: [`queue tally of project ${projectId}, article ${at.claim.articleId}, claims by user ${userId}: kept ${n + 2}, counted ${n}`],
      });
      const { outlet } = await one<{ outlet: string }>(`select coalesce(nullif(outlet, ''), '-') as outlet from articles where id = (select article_id from annotations where id = $1)`, [at.link.from]);
      const coarse = await failuresAfter(() => db.rows(`update queue_outlet_tallies set n = n - 1 where project_id = $1 and label = 'link'`, [projectId]));
      expect(coarse).toEqual({
        [INVARIANT_NAMES.queueCoarseTallies]: [`queue tally of project ${projectId}, outlet ${outlet}, links by user ${userId}: kept 0, counted 1`],
      });
      const byArticle = await failuresAfter(() => db.rows(`delete from queue_article_tallies where article_id = $1 and label = 'context'`, [at.claim.articleId]));
      expect(byArticle).toEqual({
        [INVARIANT_NAMES.queueCoarseTallies]: [`queue tally of project ${projectId}, article ${at.claim.articleId}, contexts: kept 0, counted 1`],
      });
    });

    it('the counters of what each reviewer reviewed, and the article sizes', async () => {
      const kept = await one<{ project_id: number; article_id: number; label: string; author_id: number; n: number }>(
        'select project_id, article_id, label, author_id, n from queue_reviewed_tallies where reviewer_id = $1 and n > 0 order by article_id, label limit 1',
        [at.reviewerId],
      );
      const reviewed = await failuresAfter(() =>
        behindTriggers('queue_reviewed_tallies', () => db.rows('update queue_reviewed_tallies set n = n + 5 where reviewer_id = $1 and article_id = $2 and label = $3 and author_id = $4', [at.reviewerId, kept.article_id, kept.label, kept.author_id])),
      );
      expect(reviewed).toEqual({
        [INVARIANT_NAMES.queueReviewedTallies]: [
          `reviewed tally of user ${at.reviewerId} in project ${kept.project_id}, article ${kept.article_id}, ${kept.label}s by user ${kept.author_id}: kept ${kept.n + 5}, counted ${kept.n}`,
        ],
      });
      const size = await one<{ outlet: string; n: number }>(`select outlet, n from queue_article_sizes where article_id = $1 and label = '*'`, [at.claim.articleId]);
      const sizes = await failuresAfter(() => db.rows(`update queue_article_sizes set n = n + 1 where article_id = $1 and label = '*'`, [at.claim.articleId]));
      expect(sizes).toEqual({
        [INVARIANT_NAMES.queueReviewedTallies]: [`queue size of project ${seed.projectId}, article ${at.claim.articleId} (outlet ${size.outlet}), all items: kept ${size.n + 1}, counted ${size.n}`],
      });
    });

    it('the inbox entries and what they come from', async () => {
      // An entry no comment, review or verdict gives (say, one a lost delete trigger left behind).
      const stray = await failuresAfter(() => db.rows(`insert into inbox_entries (source, source_id, recipient_id, created_at) values ('mine', 987654, $1, 0)`, [seed.userId]));
      expect(stray).toEqual({ [INVARIANT_NAMES.inboxEntries]: [`inbox entry mine 987654 for user ${seed.userId} is kept but not derived`] });
    });

    it('reviews name the author of what they reviewed', async () => {
      const wrong = await failuresAfter(() => behindTriggers('reviews', () => db.rows('update reviews set target_author_id = reviewer_id where link_id = $1', [at.link.id])));
      expect(wrong).toEqual({
        [INVARIANT_NAMES.reviewTargetAuthors]: [`review ${at.linkReview} names user ${at.reviewerId} as the author of what it reviewed, but it is user ${seed.userId}`],
      });
    });

    it('article counters, speaker suggestions and agreement totals match what they count', async () => {
      const articleId = at.claim.articleId;
      expect(await failuresAfter(() => db.rows('update article_stats set quote_count = quote_count + 3 where article_id = $1', [articleId]))).toEqual({
        [INVARIANT_NAMES.articleStats]: [`article ${articleId} quote count: kept 4, counted 1`],
      });
      expect(await failuresAfter(() => db.rows(`insert into speaker_tallies (project_id, speaker, n) values ($1, 'Анна Ахматова', 4)`, [seed.projectId]))).toEqual({
        [INVARIANT_NAMES.speakerTallies]: [`speaker tally of project ${seed.projectId}, speaker "Анна Ахматова": kept 4, counted 0`],
      });
      const pair = `${seed.userId}-${at.reviewerId}`;
      expect(await failuresAfter(() => db.rows('update agreement_pair_totals set spans_a = spans_a + 1'))).toEqual({
        [INVARIANT_NAMES.agreementTotals]: [`agreement total spans_a of reviewers ${pair} in project ${seed.projectId}: kept 4, counted 3`],
      });
      expect(await failuresAfter(() => db.rows('update agreement_authors set articles = 2 where author_id = $1', [at.reviewerId]))).toEqual({
        [INVARIANT_NAMES.agreementTotals]: [`agreement articles of reviewer ${at.reviewerId} in project ${seed.projectId}: kept 2, counted 1`],
      });
      const archived = await failuresAfter(() => behindTriggers('articles', () => db.rows('update articles set archived_at = now() where id = $1', [at.agreementArticle])));
      expect(archived).toEqual({ [INVARIANT_NAMES.agreementTotals]: [`archived article ${at.agreementArticle} still has agreement rows`] });
    });
  });

  describe('through the command line', () => {
    const check = (url: string) => cli(['check'], { env: { DATABASE_URL: url } });

    it('prints every check and exits 0 on a sound database, as on SQLite', () => {
      const result = check(db.url);
      expect(result.code).toBe(0);
      expect(result.lines[0]).toBe(`Checking PostgreSQL postgres@${new URL(db.url).host}/${db.name}`);
      expect(result.lines.slice(1)).toEqual([...Object.values(INVARIANT_NAMES).map((name) => `ok    ${name}`), 'All 16 checks passed.']);
      expect(result.stderr).toMatch(/^integrity_check on PostgreSQL: migration journal, .*\n$/);
    });

    it('lists the problems of each failed check and exits 1', async () => {
      await db.rows('update article_stats set quote_count = quote_count + 3 where article_id = $1', [at.claim.articleId]);
      await db.rows(`insert into speaker_tallies (project_id, speaker, n) values ($1, 'Анна Ахматова', 4)`, [seed.projectId]);
      try {
        const result = check(db.url);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain(`FAIL  article counters match their annotations\n        article ${at.claim.articleId} quote count: kept 4, counted 1\n`);
        expect(result.stdout).toContain(`FAIL  speaker suggestions match the live quotes\n        speaker tally of project ${seed.projectId}, speaker "Анна Ахматова": kept 4, counted 0\n`);
        expect(result.stdout).toContain('ok    integrity_check\n');
        expect(result.lines.at(-1)).toBe('2 of 16 checks failed.');
        expect(result.stderr.split('\n').at(-2)).toBe('error: 2 of 16 checks failed (see above).');
      } finally {
        await db.rows('update article_stats set quote_count = quote_count - 3 where article_id = $1', [at.claim.articleId]);
        await db.rows(`delete from speaker_tallies where speaker = 'Анна Ахматова'`);
      }
      expect(check(db.url).code).toBe(0);
    });

    it('stops with one line and exit 1 on an unreachable, missing or unmigrated database, or a URL that is not postgres://', async () => {
      const unreachable = check('postgres://someone:secret@127.0.0.1:1/workbench');
      expect([unreachable.code, unreachable.stdout, unreachable.stderr]).toEqual([1, '', 'error: PostgreSQL is unreachable at someone@127.0.0.1:1/workbench (ECONNREFUSED)\n']);
      const missingUrl = new URL(db.url);
      missingUrl.pathname = '/no_such_database';
      const missing = check(missingUrl.toString());
      expect([missing.code, missing.stdout]).toEqual([1, '']);
      expect(missing.stderr).toMatch(/^error: PostgreSQL database missing at postgres@[^ ]+\/no_such_database \(.*\)\n$/);
      const empty = await createEmptyDatabase('wb_check_empty');
      try {
        const unmigrated = check(empty.url);
        expect([unmigrated.code, unmigrated.stdout]).toEqual([1, '']);
        expect(unmigrated.stderr).toBe(`error: PostgreSQL database postgres@${new URL(empty.url).host}/${empty.name} has no workbench schema (no migration journal): run npm run pg:migrate first\n`);
      } finally {
        await dropDatabase(empty.name);
      }
      const other = check('mysql://localhost/workbench');
      expect([other.code, other.stderr]).toEqual([1, 'error: DATABASE_URL is not a postgres:// URL (unset it to check the SQLite database in DATA_DIR)\n']);
    });
  });
});

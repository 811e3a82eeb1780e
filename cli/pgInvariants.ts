/**
 * PostgreSQL's implementation of the invariants `check` verifies (names, per-row rules and
 * wording: cli/invariantRules.ts, shared with SQLite's cli/invariants.ts), over node-postgres.
 * Run them inside inCheckSnapshot() (`check` does) so every kept counter and its fresh count
 * come from the same snapshot while the app writes (integrity_check's amcheck calls also need a
 * transaction: each runs under a savepoint).
 *
 * What differs from SQLite, because PostgreSQL can say other things:
 * - integrity_check: there is no whole-database checksum to ask for. It checks the migration
 *   journal against this build's drizzle/pg, that every index is valid and ready (a failed
 *   CREATE INDEX CONCURRENTLY leaves one that is skipped and enforces no uniqueness), that every
 *   trigger of drizzle/pg exists and fires (a missing or disabled one lets counters drift), that
 *   no CHECK constraint is NOT VALID with violating rows, and, when the `amcheck` extension is
 *   installed and this role may run it, amcheck's bt_index_check on every B-tree index and
 *   verify_heapam on every table. Without amcheck, damaged pages are found only when read.
 * - foreign_key_check: PostgreSQL enforces foreign keys, but not for rows written while their
 *   constraint was NOT VALID, its triggers disabled or session_replication_role = replica. So it
 *   reports NOT VALID and unenforced constraints and looks for the missing parent of every row
 *   of every foreign key, as SQLite's foreign_key_check does.
 */
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { pgMigrationsFolder } from '../lib/db/pg/migrate';
import type { Status } from '../lib/domain';
import {
  AGREEMENT_TOTAL_COLUMNS,
  ARTICLE_STAT_COLUMNS,
  agreementTotalCounts,
  archivedAgreementProblem,
  articleStatCounts,
  COUNTER_NAMES,
  counterDiffs,
  danglingLinkProblem,
  inboxEntryProblems,
  type InboxEntryRow,
  invariantTable,
  keyedCounts,
  olderVersionReviewProblem,
  reviewTargetAuthorProblem,
  spanProblem,
  statusProblems,
  type Invariant,
  type LiveReviewRow,
  type ReviewedTable,
  type SpanRow,
} from './invariantRules';

/** A connection (a pg.Client, or a pool's client) to run the checks on. */
export type PgDb = Pick<pg.ClientBase, 'query'>;

async function rows<R extends pg.QueryResultRow = Record<string, number | string>>(db: PgDb, text: string, values?: unknown[]): Promise<R[]> {
  return (await db.query<R>(text, values)).rows;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

// ---- integrity_check ----

/** This build's migrations (drizzle/pg) against the journal drizzle keeps in the database. */
async function migrationJournal(db: PgDb): Promise<string[]> {
  const folder = pgMigrationsFolder();
  const tags = (JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }).entries;
  const known = readMigrationFiles({ migrationsFolder: folder }).map((m, i) => ({ ...m, tag: tags[i]?.tag ?? String(m.folderMillis) }));
  const applied = await rows<{ hash: string; created_at: string }>(db, 'select hash, created_at::text as created_at from drizzle.__drizzle_migrations');
  const byTime = new Map(applied.map((r) => [Number(r.created_at), r.hash]));
  const problems: string[] = [];
  for (const m of known) {
    const hash = byTime.get(m.folderMillis);
    if (hash === undefined) problems.push(`migration ${m.tag} is not applied (run npm run pg:migrate)`);
    else if (hash !== m.hash) problems.push(`migration ${m.tag} was applied from a different text than this build's`);
  }
  const newest = Math.max(0, ...known.map((m) => m.folderMillis));
  for (const r of applied) {
    if (Number(r.created_at) > newest) problems.push(`the database holds a migration of ${new Date(Number(r.created_at)).toISOString()}, newer than this build knows`);
  }
  return problems;
}

async function invalidIndexes(db: PgDb): Promise<string[]> {
  const found = await rows<{ index: string; table: string }>(
    db,
    `select i.relname as index, t.relname as table from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace where n.nspname = 'public' and not (x.indisvalid and x.indisready) order by 1`,
  );
  return found.map((r) => `index ${r.index} on ${r.table} is invalid (a failed CREATE INDEX CONCURRENTLY or REINDEX): queries skip it and it enforces nothing; drop and recreate it`);
}

/** Every trigger the migrations of drizzle/pg leave in place, as table/name. */
export function expectedTriggers(folder = pgMigrationsFolder()): Set<string> {
  const expected = new Set<string>();
  const files = fs.readdirSync(folder).filter((f) => f.endsWith('.sql')).sort();
  const statement = /\b(create|drop)\s+(?:or\s+replace\s+)?trigger\s+(?:if\s+exists\s+)?"?(\w+)"?[\s\S]*?\son\s+(?:"?public"?\.)?"?(\w+)"?/gi;
  for (const file of files) {
    const sql = fs.readFileSync(path.join(folder, file), 'utf8').replace(/--[^\n]*/g, '');
    for (const [, verb, name, table] of sql.matchAll(statement)) {
      if (verb.toLowerCase() === 'create') expected.add(`${table}/${name}`);
      else expected.delete(`${table}/${name}`);
    }
  }
  return expected;
}

async function triggers(db: PgDb): Promise<string[]> {
  const present = await rows<{ table: string; name: string; enabled: string }>(
    db,
    `select c.relname as table, t.tgname as name, t.tgenabled as enabled from pg_trigger t join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not t.tgisinternal`,
  );
  const byKey = new Map(present.map((r) => [`${r.table}/${r.name}`, r.enabled]));
  const problems: string[] = [];
  for (const key of [...expectedTriggers()].sort()) {
    const [table, name] = key.split('/');
    const enabled = byKey.get(key);
    // 'O' fires normally, 'A' always; 'D' is disabled and 'R' fires only on a replica.
    if (enabled === undefined) problems.push(`trigger ${name} on ${table} is missing: what it keeps drifts`);
    else if (enabled !== 'O' && enabled !== 'A') problems.push(`trigger ${name} on ${table} is disabled: what it keeps drifts (ALTER TABLE ${table} ENABLE TRIGGER ${name})`);
  }
  return problems;
}

interface ConstraintRow {
  name: string;
  table: string;
  validated: boolean;
}

/** CHECK constraints added NOT VALID: rows written before were never checked, so look for violations. */
async function unvalidatedChecks(db: PgDb): Promise<string[]> {
  const found = await rows<ConstraintRow & { expression: string }>(
    db,
    `select con.conname as name, c.relname as table, pg_get_expr(con.conbin, con.conrelid) as expression from pg_constraint con
      join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and con.contype = 'c' and not con.convalidated order by 2, 1`,
  );
  const problems: string[] = [];
  for (const r of found) {
    const [{ n }] = await rows<{ n: number }>(db, `select count(*)::int as n from ${quote(r.table)} where not (${r.expression})`);
    problems.push(`check constraint ${r.name} of ${r.table} is NOT VALID${n ? `: ${n} ${n === 1 ? 'row violates' : 'rows violate'} it` : ''} (ALTER TABLE ${r.table} VALIDATE CONSTRAINT ${r.name})`);
  }
  return problems;
}

/** Whether amcheck's functions can be called here (installed in this database, and allowed to this role). */
async function amcheckAvailable(db: PgDb): Promise<{ btree: boolean; heap: boolean }> {
  const [r] = await rows<{ btree: boolean; heap: boolean }>(
    db,
    `select to_regprocedure('bt_index_check(regclass, boolean)') is not null and has_function_privilege('bt_index_check(regclass, boolean)', 'execute') as btree,
            to_regprocedure('verify_heapam(regclass, boolean, boolean, text, bigint, bigint)') is not null
              and has_function_privilege('verify_heapam(regclass, boolean, boolean, text, bigint, bigint)', 'execute') as heap`,
  );
  return r;
}

/** amcheck on every B-tree index and table of the schema; an error on one is that one's problem. */
async function amcheck(db: PgDb): Promise<string[]> {
  const available = await amcheckAvailable(db);
  const problems: string[] = [];
  // An error aborts the transaction: each call gets a savepoint to roll back to.
  const attempt = async (what: string, run: () => Promise<void>) => {
    await db.query('savepoint amcheck');
    try {
      await run();
      await db.query('release savepoint amcheck');
    } catch (error) {
      await db.query('rollback to savepoint amcheck');
      problems.push(`${what}: ${(error as Error).message}`);
    }
  };
  if (available.btree) {
    const indexes = await rows<{ index: string }>(
      db,
      `select i.relname as index from pg_index x join pg_class i on i.oid = x.indexrelid join pg_am am on am.oid = i.relam
        join pg_namespace n on n.oid = i.relnamespace where n.nspname = 'public' and am.amname = 'btree' and x.indisvalid and x.indisready order by 1`,
    );
    for (const { index } of indexes) {
      // heapallindexed: every row of the table has its entry, as SQLite's integrity_check verifies.
      await attempt(`index ${index} fails amcheck's bt_index_check`, async () => void (await db.query('select bt_index_check($1::regclass, true)', [`public.${quote(index)}`])));
    }
  }
  if (available.heap) {
    const tables = await rows<{ table: string }>(db, `select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 1`);
    for (const { table } of tables) {
      await attempt(`table ${table} fails amcheck's verify_heapam`, async () => {
        const damaged = await rows<{ blkno: string; offnum: number; msg: string }>(db, 'select blkno::text, offnum, msg from verify_heapam($1::regclass) limit 5', [`public.${quote(table)}`]);
        for (const d of damaged) problems.push(`table ${table} block ${d.blkno} item ${d.offnum ?? '-'}: ${d.msg}`);
      });
    }
  }
  return problems;
}

async function integrity(db: PgDb): Promise<string[]> {
  return [...(await migrationJournal(db)), ...(await invalidIndexes(db)), ...(await triggers(db)), ...(await unvalidatedChecks(db)), ...(await amcheck(db))];
}

/** One line saying what integrity_check covered on this database, for the operator. */
export async function integrityCoverage(db: PgDb): Promise<string> {
  const { btree, heap } = await amcheckAvailable(db);
  const base = 'integrity_check on PostgreSQL: migration journal, indexes valid, triggers present and enabled, NOT VALID checks';
  if (btree || heap) return `${base}; amcheck ${[btree && 'bt_index_check', heap && 'verify_heapam'].filter(Boolean).join(' and ')} on every ${heap ? 'table and ' : ''}index.`;
  return `${base}; amcheck is not installed (or not allowed to this role), so pages are not verified (docs/cli.md).`;
}

// ---- foreign_key_check ----

async function foreignKeys(db: PgDb): Promise<string[]> {
  const constraints = await rows<ConstraintRow & { parent: string; columns: string[]; parentColumns: string[] }>(
    db,
    `select con.conname as name, c.relname as table, p.relname as parent, con.convalidated as validated,
        array(select a.attname::text from unnest(con.conkey) with ordinality k(num, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.i) as columns,
        array(select a.attname::text from unnest(con.confkey) with ordinality k(num, i) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.i) as "parentColumns"
      from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_class p on p.oid = con.confrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and con.contype = 'f' order by 2, 1`,
  );
  // A foreign key is enforced by internal triggers on both tables; any of them off lets rows through.
  const unenforced = new Set(
    (
      await rows<{ key: string }>(
        db,
        `select distinct c.relname || '/' || con.conname as key from pg_trigger t join pg_constraint con on con.oid = t.tgconstraint
          join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and con.contype = 'f' and t.tgenabled not in ('O', 'A')`,
      )
    ).map((r) => r.key),
  );
  const problems: string[] = [];
  for (const fk of constraints) {
    if (!fk.validated) problems.push(`foreign key ${fk.name} of ${fk.table} is NOT VALID: rows written before it was added were never checked (ALTER TABLE ${fk.table} VALIDATE CONSTRAINT ${fk.name})`);
    if (unenforced.has(`${fk.table}/${fk.name}`)) problems.push(`foreign key ${fk.name} of ${fk.table} is not enforced: its triggers are disabled (ALTER TABLE ${fk.table} ENABLE TRIGGER ALL)`);
    // MATCH SIMPLE: a row with a null in the key refers to nothing.
    const select = fk.columns.map((c) => `c.${quote(c)}::text`).join(', ');
    const notNull = fk.columns.map((c) => `c.${quote(c)} is not null`).join(' and ');
    const matches = fk.columns.map((c, i) => `p.${quote(fk.parentColumns[i])} = c.${quote(c)}`).join(' and ');
    const orphans = await db.query<string[]>({
      text: `select ${select} from ${quote(fk.table)} c where ${notNull} and not exists (select 1 from ${quote(fk.parent)} p where ${matches})`,
      rowMode: 'array',
    });
    for (const values of orphans.rows) {
      const key = fk.columns.map((c, i) => `${c} ${values[i]}`).join(', ');
      problems.push(`${fk.table} row with ${key} refers to a missing row of ${fk.parent}`);
    }
  }
  return problems;
}

// ---- the data ----

/** Articles whose bodies are read in one round trip: few round trips, bounded memory. */
const BODY_BATCH = 100;

async function annotationSpans(db: PgDb): Promise<string[]> {
  const spans = await rows<SpanRow & { articleId: number; revision: number }>(
    db,
    'select id, article_id as "articleId", project_id as "projectId", start, "end", exact, revision from annotations where deleted_at is null order by article_id, id',
  );
  const byArticle = new Map<number, typeof spans>();
  for (const a of spans) {
    const list = byArticle.get(a.articleId);
    if (list) list.push(a);
    else byArticle.set(a.articleId, [a]);
  }
  const articleIds = [...byArticle.keys()];
  const problems: string[] = [];
  for (let i = 0; i < articleIds.length; i += BODY_BATCH) {
    const batch = articleIds.slice(i, i + BODY_BATCH);
    const articles = await rows<{ id: number; projectId: number; body: string; currentRevision: number }>(
      db,
      'select id, project_id as "projectId", body, current_revision as "currentRevision" from articles where id = any($1)',
      [batch],
    );
    // A span orphaned by a revision refers to the text of the revision it stayed on (docs/revisions.md).
    const revisions = await rows<{ articleId: number; number: number; body: string }>(
      db,
      `select r.article_id as "articleId", r.number, r.body from article_revisions r join articles a on a.id = r.article_id
        where r.article_id = any($1) and r.number <> a.current_revision
          and exists (select 1 from annotations n where n.article_id = r.article_id and n.revision = r.number and n.deleted_at is null)`,
      [batch],
    );
    const revisionBody = new Map(revisions.map((r) => [`${r.articleId}/${r.number}`, r.body]));
    for (const article of articles) {
      for (const a of byArticle.get(article.id) ?? []) {
        const body = a.revision === article.currentRevision ? article.body : (revisionBody.get(`${article.id}/${a.revision}`) ?? article.body);
        const problem = spanProblem(a, body, article.projectId);
        if (problem) problems.push(problem);
      }
    }
    // A missing article is reported by foreign_key_check.
  }
  return problems;
}

async function danglingLinks(db: PgDb): Promise<string[]> {
  const found = await rows<{ id: number; fromId: number; fromDeleted: boolean; toId: number }>(
    db,
    `select l.id, a.id as "fromId", a.deleted_at is not null as "fromDeleted", b.id as "toId"
       from links l join annotations a on a.id = l.from_annotation_id join annotations b on b.id = l.to_annotation_id
      where l.deleted_at is null and (a.deleted_at is not null or b.deleted_at is not null) order by l.id`,
  );
  return found.map(danglingLinkProblem);
}

const TARGET_COLUMN = { annotations: 'annotation_id', links: 'link_id' } as const;

async function statusesOf(db: PgDb, table: ReviewedTable): Promise<string[]> {
  const column = TARGET_COLUMN[table];
  const reviews = await rows<LiveReviewRow>(
    db,
    `select ${column} as "targetId", id, decision, is_final as "isFinal" from reviews where ${column} is not null and superseded_at is null`,
  );
  const items = await rows<{ id: number; status: Status }>(db, `select id, status from ${table} where deleted_at is null order by id`);
  return statusProblems(table, items, reviews);
}

async function reviewsOfOlderVersions(db: PgDb, table: ReviewedTable): Promise<string[]> {
  const column = TARGET_COLUMN[table];
  const found = await rows<{ id: number; targetId: number; reviewed: number; current: number }>(
    db,
    `select r.id, r.${column} as "targetId", r.target_version as reviewed, t.substance_version as current from reviews r join ${table} t on t.id = r.${column}
      where r.superseded_at is null and r.target_version < t.substance_version order by r.id`,
  );
  return found.map((r) => olderVersionReviewProblem(table, r));
}

async function counts(db: PgDb, query: string, dropZeros = true): Promise<Map<string, number>> {
  return keyedCounts(await rows<{ k: string; n: number | string }>(db, query), dropZeros);
}

async function queueTallies(db: PgDb): Promise<string[]> {
  const kept = await counts(db, `select concat_ws('/', project_id, article_id, label, author_id) as k, n from queue_tallies`);
  const fresh = await counts(db, `select k, sum(n) as n from (
      select concat_ws('/', project_id, article_id, label, author_id) as k, count(*) as n from annotations where deleted_at is null group by 1
      union all
      select concat_ws('/', l.project_id, a.article_id, 'link', l.author_id), count(*) from links l join annotations a on a.id = l.from_annotation_id where l.deleted_at is null group by 1) live
    group by k`);
  return counterDiffs(kept, fresh, COUNTER_NAMES.queueTally);
}

async function speakerTallies(db: PgDb): Promise<string[]> {
  const kept = await counts(db, `select concat_ws('/', project_id, speaker) as k, n from speaker_tallies`, false);
  const fresh = await counts(db, `select concat_ws('/', project_id, attributes ->> 'speaker') as k, count(*) as n from annotations
      where deleted_at is null and coalesce(attributes ->> 'speaker', '') <> '' group by 1`, false);
  return counterDiffs(kept, fresh, COUNTER_NAMES.speakerTally);
}

/** Live annotations and links as rows of (project, article, outlet, label, author), a link at its first end: what the queue's counters count. */
const LIVE_QUEUE_ITEMS = `
  select a.project_id, a.article_id, coalesce(nullif(r.outlet, ''), '-') as outlet, a.label, a.author_id from annotations a join articles r on r.id = a.article_id where a.deleted_at is null
  union all
  select l.project_id, a.article_id, coalesce(nullif(r.outlet, ''), '-'), 'link', l.author_id from links l join annotations a on a.id = l.from_annotation_id join articles r on r.id = a.article_id
  where l.deleted_at is null`;

async function queueCoarseTallies(db: PgDb): Promise<string[]> {
  const byOutlet = counterDiffs(
    await counts(db, `select concat_ws('/', project_id, outlet, label, author_id) as k, n from queue_outlet_tallies`),
    await counts(db, `select concat_ws('/', project_id, outlet, label, author_id) as k, count(*) as n from (${LIVE_QUEUE_ITEMS}) live group by 1`),
    COUNTER_NAMES.outletTally,
  );
  const byArticle = counterDiffs(
    await counts(db, `select concat_ws('/', project_id, article_id, label) as k, n from queue_article_tallies`),
    await counts(db, `select concat_ws('/', project_id, article_id, label) as k, count(*) as n from (${LIVE_QUEUE_ITEMS}) live group by 1`),
    COUNTER_NAMES.articleTally,
  );
  return [...byOutlet, ...byArticle];
}

/** Live items of others each reviewer has a live review of, once each: what migration 0020 (pg 0003-0004) counts. */
const REVIEWED_QUEUE_ITEMS = `
  select distinct i.project_id, r.reviewer_id, i.article_id, i.outlet, i.label, i.author_id, i.kind, i.id from (
    select a.id, 'annotation' as kind, a.project_id, a.article_id, coalesce(nullif(ar.outlet, ''), '-') as outlet, a.label, a.author_id from annotations a join articles ar on ar.id = a.article_id where a.deleted_at is null
    union all
    select l.id, 'link', l.project_id, a.article_id, coalesce(nullif(ar.outlet, ''), '-'), 'link', l.author_id from links l join annotations a on a.id = l.from_annotation_id join articles ar on ar.id = a.article_id where l.deleted_at is null) i
  join reviews r on r.superseded_at is null and r.reviewer_id <> i.author_id and (case i.kind when 'annotation' then r.annotation_id else r.link_id end) = i.id`;

async function queueReviewedTallies(db: PgDb): Promise<string[]> {
  const byArticle = counterDiffs(
    await counts(db, `select concat_ws('/', project_id, reviewer_id, article_id, label, author_id) as k, n from queue_reviewed_tallies`),
    await counts(db, `select concat_ws('/', project_id, reviewer_id, article_id, label, author_id) as k, count(*) as n from (${REVIEWED_QUEUE_ITEMS}) reviewed group by 1`),
    COUNTER_NAMES.reviewedTally,
  );
  const byOutlet = counterDiffs(
    await counts(db, `select concat_ws('/', project_id, reviewer_id, outlet, label, author_id) as k, n from queue_reviewed_outlet_tallies`),
    await counts(db, `select concat_ws('/', project_id, reviewer_id, outlet, label, author_id) as k, count(*) as n from (${REVIEWED_QUEUE_ITEMS}) reviewed group by 1`),
    COUNTER_NAMES.reviewedOutletTally,
  );
  const sizes = counterDiffs(
    await counts(db, `select concat_ws('/', project_id, article_id, label, outlet) as k, n from queue_article_sizes`),
    await counts(db, `select concat_ws('/', project_id, article_id, label, outlet) as k, count(*) as n from (
        select project_id, article_id, label, outlet from (${LIVE_QUEUE_ITEMS}) live union all select project_id, article_id, '*', outlet from (${LIVE_QUEUE_ITEMS}) live) items group by 1`),
    COUNTER_NAMES.articleSize,
  );
  return [...byArticle, ...byOutlet, ...sizes];
}

/** The inbox by recipient (inbox_entries, pg 0008-0009) equals its derivation (the view inbox_entries_derived). */
async function inboxEntries(db: PgDb): Promise<string[]> {
  const entries = (from: string) =>
    rows<InboxEntryRow>(db, `select source, source_id as "sourceId", recipient_id as "recipientId", created_at::float8 as "createdAt" from ${from}`);
  return inboxEntryProblems(await entries('inbox_entries'), await entries('inbox_entries_derived'));
}

async function reviewTargetAuthors(db: PgDb): Promise<string[]> {
  const found = await rows<{ id: number; kept: number | null; author: number }>(
    db,
    `select r.id, r.target_author_id as kept, coalesce(a.author_id, l.author_id) as author from reviews r
      left join annotations a on a.id = r.annotation_id left join links l on l.id = r.link_id
      where r.target_author_id is distinct from coalesce(a.author_id, l.author_id) order by r.id`,
  );
  return found.map(reviewTargetAuthorProblem);
}

async function articleStats(db: PgDb): Promise<string[]> {
  const kept = articleStatCounts(await rows(db, `select article_id as id, ${ARTICLE_STAT_COLUMNS.join(', ')} from article_stats`));
  const fresh = articleStatCounts(
    await rows(
      db,
      `select article_id as id, count(*) as annotation_count, count(*) filter (where status = 'proposed') as unreviewed_count,
          count(*) filter (where label = 'claim') as claim_count, count(*) filter (where label = 'quote') as quote_count,
          count(*) filter (where label = 'context') as context_count from annotations where deleted_at is null group by article_id`,
    ),
  );
  return counterDiffs(kept, fresh, COUNTER_NAMES.articleStat);
}

async function agreementTotals(db: PgDb): Promise<string[]> {
  const pairs = counterDiffs(
    agreementTotalCounts(await rows(db, `select project_id, a, b, articles, ${AGREEMENT_TOTAL_COLUMNS.join(', ')} from agreement_pair_totals`)),
    agreementTotalCounts(
      await rows(db, `select project_id, a, b, count(*) as articles, ${AGREEMENT_TOTAL_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ')} from agreement_pairs group by project_id, a, b`),
    ),
    COUNTER_NAMES.agreementTotal,
  );
  const authors = counterDiffs(
    await counts(db, `select concat_ws('/', project_id, author_id) as k, articles as n from agreement_authors where articles <> 0`, false),
    await counts(db, `select concat_ws('/', g.project_id, j.v) as k, count(*) as n from agreement_articles g, jsonb_array_elements_text(g.authors) j(v) group by 1`, false),
    COUNTER_NAMES.agreementAuthor,
  );
  const archived = await rows<{ id: number }>(
    db,
    `select g.article_id as id from agreement_articles g join articles r on r.id = g.article_id where r.archived_at is not null
      union select p.article_id from agreement_pairs p join articles r on r.id = p.article_id where r.archived_at is not null order by 1`,
  );
  return [...pairs, ...authors, ...archived.map((r) => archivedAgreementProblem(r.id))];
}

/**
 * Runs `run` in the one snapshot the checks need: REPEATABLE READ, so a kept counter and its
 * fresh count are read as of the same commit while the app writes; READ ONLY, so a check never
 * changes anything.
 */
export async function inCheckSnapshot<T>(db: PgDb, run: () => Promise<T>): Promise<T> {
  await db.query('begin isolation level repeatable read read only');
  try {
    const result = await run();
    await db.query('commit');
    return result;
  } catch (error) {
    await db.query('rollback').catch(() => {});
    throw error;
  }
}

/** PostgreSQL's implementation of every invariant of cli/invariantRules.ts. */
export const PG_INVARIANTS: Array<Invariant<PgDb, Promise<string[]>>> = invariantTable<PgDb, Promise<string[]>>({
  integrity,
  foreignKeys,
  annotationSpans,
  danglingLinks,
  annotationStatuses: (db) => statusesOf(db, 'annotations'),
  linkStatuses: (db) => statusesOf(db, 'links'),
  annotationReviewVersions: (db) => reviewsOfOlderVersions(db, 'annotations'),
  linkReviewVersions: (db) => reviewsOfOlderVersions(db, 'links'),
  queueTallies,
  queueCoarseTallies,
  queueReviewedTallies,
  reviewTargetAuthors,
  articleStats,
  speakerTallies,
  agreementTotals,
  inboxEntries,
});

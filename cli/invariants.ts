/**
 * SQLite's implementation of the invariants `check` verifies (their names, per-row rules and
 * wording are cli/invariantRules.ts, shared with PostgreSQL's cli/pgInvariants.ts): SQLite's own
 * integrity and foreign keys, the offsets contract (every live span lies inside its article and
 * covers exactly its `exact`), no live link to a deleted annotation, cached statuses equal to what
 * the reviews derive, and the counters and inbox entries kept by triggers equal to a fresh count.
 */
import type Database from 'better-sqlite3';
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

export { listProblems } from './invariantRules';

type Db = Database.Database;

function integrity(db: Db): string[] {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
}

function foreignKeys(db: Db): string[] {
  const rows = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  return rows.map((r) => `${r.table} row ${r.rowid} refers to a missing row of ${r.parent}`);
}

function annotationSpans(db: Db): string[] {
  const articleIds = db
    .prepare('select distinct article_id from annotations where deleted_at is null order by article_id')
    .pluck()
    .all() as number[];
  const article = db.prepare('select project_id as projectId, body, current_revision as currentRevision from articles where id = ?');
  const spans = db.prepare(
    'select id, project_id as projectId, start, "end", exact, revision from annotations where article_id = ? and deleted_at is null',
  );
  // A span orphaned by a revision refers to the text of the revision it stayed on (docs/revisions.md).
  const revisionBody = db.prepare('select body from article_revisions where article_id = ? and number = ?').pluck();
  const problems: string[] = [];
  for (const articleId of articleIds) {
    const row = article.get(articleId) as { projectId: number; body: string; currentRevision: number } | undefined;
    if (!row) continue; // a missing article is reported by foreign_key_check
    for (const a of spans.all(articleId) as Array<SpanRow & { revision: number }>) {
      const body = a.revision === row.currentRevision ? row.body : ((revisionBody.get(articleId, a.revision) as string | undefined) ?? row.body);
      const problem = spanProblem(a, body, row.projectId);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

function danglingLinks(db: Db): string[] {
  const rows = db
    .prepare(
      `select l.id, a.id as fromId, a.deleted_at as fromDeleted, b.id as toId
         from links l join annotations a on a.id = l.from_annotation_id join annotations b on b.id = l.to_annotation_id
        where l.deleted_at is null and (a.deleted_at is not null or b.deleted_at is not null)`,
    )
    .all() as Array<{ id: number; fromId: number; fromDeleted: number | null; toId: number }>;
  return rows.map((r) => danglingLinkProblem({ ...r, fromDeleted: r.fromDeleted !== null }));
}

const TARGET_COLUMN = { annotations: 'annotation_id', links: 'link_id' } as const;

function statusesOf(db: Db, table: ReviewedTable): string[] {
  const column = TARGET_COLUMN[table];
  const reviews = db
    .prepare(`select ${column} as targetId, id, decision, is_final as isFinal from reviews where ${column} is not null and superseded_at is null`)
    .all() as Array<Omit<LiveReviewRow, 'isFinal'> & { isFinal: number }>;
  const items = db.prepare(`select id, status from ${table} where deleted_at is null`).iterate() as Iterable<{ id: number; status: Status }>;
  return statusProblems(table, items, reviews.map((r) => ({ ...r, isFinal: r.isFinal === 1 })));
}

/** A review of an earlier version than the item's last change in substance must no longer count. */
function reviewsOfOlderVersions(db: Db, table: ReviewedTable): string[] {
  const column = TARGET_COLUMN[table];
  const rows = db
    .prepare(`select r.id, r.${column} as targetId, r.target_version as reviewed, t.substance_version as current from reviews r join ${table} t on t.id = r.${column}
      where r.superseded_at is null and r.target_version < t.substance_version`)
    .all() as Array<{ id: number; targetId: number; reviewed: number; current: number }>;
  return rows.map((r) => olderVersionReviewProblem(table, r));
}

function counts(db: Db, query: string, dropZeros = true): Map<string, number> {
  return keyedCounts(db.prepare(query).all() as Array<{ k: string; n: number }>, dropZeros);
}

/** The review queue's tallies (kept by triggers, migration 0015) equal a fresh count of live annotations and links. */
function queueTallies(db: Db): string[] {
  const kept = counts(db, `select project_id || '/' || article_id || '/' || label || '/' || author_id as k, n from queue_tallies`);
  const fresh = counts(db, `select k, sum(n) as n from (
      select project_id || '/' || article_id || '/' || label || '/' || author_id as k, count(*) as n from annotations where deleted_at is null group by 1
      union all
      select l.project_id || '/' || a.article_id || '/link/' || l.author_id, count(*) from links l join annotations a on a.id = l.from_annotation_id where l.deleted_at is null group by 1)
    group by k`);
  return counterDiffs(kept, fresh, COUNTER_NAMES.queueTally);
}

/** The reader's speaker suggestions (speaker_tallies, kept by triggers, migration 0019) equal a fresh count. */
function speakerTallies(db: Db): string[] {
  const kept = counts(db, `select project_id || '/' || speaker as k, n from speaker_tallies`, false);
  const fresh = counts(db, `select project_id || '/' || json_extract(attributes, '$.speaker') as k, count(*) as n from annotations
      where deleted_at is null and coalesce(json_extract(attributes, '$.speaker'), '') <> '' group by 1`, false);
  return counterDiffs(kept, fresh, COUNTER_NAMES.speakerTally);
}

/** Live annotations and links as rows of (project, article, outlet, label, author), a link at its first end: what the queue's counters count. */
const LIVE_QUEUE_ITEMS = `
  select a.project_id, a.article_id, coalesce(nullif(r.outlet, ''), '-') as outlet, a.label, a.author_id from annotations a join articles r on r.id = a.article_id where a.deleted_at is null
  union all
  select l.project_id, a.article_id, coalesce(nullif(r.outlet, ''), '-'), 'link', l.author_id from links l join annotations a on a.id = l.from_annotation_id join articles r on r.id = a.article_id
  where l.deleted_at is null`;

/** The queue's per-outlet and per-article counters (derived from queue_tallies by triggers, migration 0017) equal a fresh count. */
function queueCoarseTallies(db: Db): string[] {
  const byOutlet = counterDiffs(
    counts(db, `select project_id || '/' || outlet || '/' || label || '/' || author_id as k, n from queue_outlet_tallies`),
    counts(db, `select project_id || '/' || outlet || '/' || label || '/' || author_id as k, count(*) as n from (${LIVE_QUEUE_ITEMS}) group by 1`),
    COUNTER_NAMES.outletTally,
  );
  const byArticle = counterDiffs(
    counts(db, `select project_id || '/' || article_id || '/' || label as k, n from queue_article_tallies`),
    counts(db, `select project_id || '/' || article_id || '/' || label as k, count(*) as n from (${LIVE_QUEUE_ITEMS}) group by 1`),
    COUNTER_NAMES.articleTally,
  );
  return [...byOutlet, ...byArticle];
}

/** Live items of others each reviewer has a live review of, as (project, reviewer, article, outlet, label, author): what migration 0020 counts. */
const REVIEWED_QUEUE_ITEMS = `
  select distinct i.project_id, r.reviewer_id, i.article_id, i.outlet, i.label, i.author_id, i.id from (
    select a.id, 'annotation' as kind, a.project_id, a.article_id, coalesce(nullif(ar.outlet, ''), '-') as outlet, a.label, a.author_id from annotations a join articles ar on ar.id = a.article_id where a.deleted_at is null
    union all
    select l.id, 'link', l.project_id, a.article_id, coalesce(nullif(ar.outlet, ''), '-'), 'link', l.author_id from links l join annotations a on a.id = l.from_annotation_id join articles ar on ar.id = a.article_id where l.deleted_at is null) i
  join reviews r on r.superseded_at is null and r.reviewer_id <> i.author_id and (case i.kind when 'annotation' then r.annotation_id else r.link_id end) = i.id`;

/** The queue's reviewed counters and article sizes (migration 0020) equal a fresh count. */
function queueReviewedTallies(db: Db): string[] {
  const byArticle = counterDiffs(
    counts(db, `select project_id || '/' || reviewer_id || '/' || article_id || '/' || label || '/' || author_id as k, n from queue_reviewed_tallies`),
    counts(db, `select project_id || '/' || reviewer_id || '/' || article_id || '/' || label || '/' || author_id as k, count(*) as n from (${REVIEWED_QUEUE_ITEMS}) group by 1`),
    COUNTER_NAMES.reviewedTally,
  );
  const byOutlet = counterDiffs(
    counts(db, `select project_id || '/' || reviewer_id || '/' || outlet || '/' || label || '/' || author_id as k, n from queue_reviewed_outlet_tallies`),
    counts(db, `select project_id || '/' || reviewer_id || '/' || outlet || '/' || label || '/' || author_id as k, count(*) as n from (${REVIEWED_QUEUE_ITEMS}) group by 1`),
    COUNTER_NAMES.reviewedOutletTally,
  );
  const sizes = counterDiffs(
    counts(db, `select project_id || '/' || article_id || '/' || label || '/' || outlet as k, n from queue_article_sizes`),
    counts(db, `select project_id || '/' || article_id || '/' || label || '/' || outlet as k, count(*) as n from (
        select project_id, article_id, label, outlet from (${LIVE_QUEUE_ITEMS}) union all select project_id, article_id, '*', outlet from (${LIVE_QUEUE_ITEMS})) group by 1`),
    COUNTER_NAMES.articleSize,
  );
  return [...byArticle, ...byOutlet, ...sizes];
}

/** Every review knows the author of what it reviewed (the inbox reads reviews of my items by it). */
function reviewTargetAuthors(db: Db): string[] {
  const rows = db
    .prepare(`select r.id, r.target_author_id as kept, coalesce(a.author_id, l.author_id) as author from reviews r
      left join annotations a on a.id = r.annotation_id left join links l on l.id = r.link_id
      where r.target_author_id is not coalesce(a.author_id, l.author_id)`)
    .all() as Array<{ id: number; kept: number | null; author: number }>;
  return rows.map(reviewTargetAuthorProblem);
}

/**
 * The inbox by recipient (inbox_entries, kept by the triggers of drizzle/0022_inbox_entries.sql)
 * equals its derivation from the comments, reviews, verdicts and events (view inbox_entries_derived).
 */
function inboxEntries(db: Db): string[] {
  const entries = (from: string) => db.prepare(`select source, source_id as sourceId, recipient_id as recipientId, created_at as createdAt from ${from}`).all() as InboxEntryRow[];
  return inboxEntryProblems(entries('inbox_entries'), entries('inbox_entries_derived'));
}

/** The articles list's per-article counters (article_stats, kept by triggers) equal a fresh count. */
function articleStats(db: Db): string[] {
  const kept = articleStatCounts(db.prepare(`select article_id as id, ${ARTICLE_STAT_COLUMNS.join(', ')} from article_stats`).all() as Array<Record<string, number>>);
  const fresh = articleStatCounts(db.prepare(`select article_id as id, count(*) as annotation_count, sum(status = 'proposed') as unreviewed_count, sum(label = 'claim') as claim_count,
      sum(label = 'quote') as quote_count, sum(label = 'context') as context_count from annotations where deleted_at is null group by article_id`).all() as Array<Record<string, number>>);
  return counterDiffs(kept, fresh, COUNTER_NAMES.articleStat);
}

/**
 * The agreement cache's kept totals (migration 0018) equal a fresh sum of its per-article rows:
 * per pair every column, per reviewer the articles naming them; and no archived article has rows.
 */
function agreementTotals(db: Db): string[] {
  const all = (query: string) => db.prepare(query).all() as Array<Record<string, number>>;
  const pairs = counterDiffs(
    agreementTotalCounts(all(`select project_id, a, b, articles, ${AGREEMENT_TOTAL_COLUMNS.join(', ')} from agreement_pair_totals`)),
    agreementTotalCounts(all(`select project_id, a, b, count(*) as articles, ${AGREEMENT_TOTAL_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ')} from agreement_pairs group by project_id, a, b`)),
    COUNTER_NAMES.agreementTotal,
  );
  const authors = counterDiffs(
    counts(db, `select project_id || '/' || author_id as k, articles as n from agreement_authors where articles != 0`, false),
    counts(db, `select g.project_id || '/' || j.value as k, count(*) as n from agreement_articles g, json_each(g.authors) j group by 1`, false),
    COUNTER_NAMES.agreementAuthor,
  );
  const archived = db
    .prepare('select distinct g.article_id as id from agreement_articles g join articles r on r.id = g.article_id where r.archived_at is not null union select distinct p.article_id from agreement_pairs p join articles r on r.id = p.article_id where r.archived_at is not null')
    .pluck()
    .all() as number[];
  return [...pairs, ...authors, ...archived.map(archivedAgreementProblem)];
}

/** SQLite's implementation of every invariant of cli/invariantRules.ts. */
export const INVARIANTS: Array<Invariant<Db>> = invariantTable<Db, string[]>({
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

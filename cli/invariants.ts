/**
 * The invariants `check` verifies on the raw database: SQLite's own integrity and foreign
 * keys, the offsets contract (every live span lies inside its article and covers exactly its
 * `exact`), no live link to a deleted annotation, cached statuses equal to what the reviews
 * derive, and the counters and the inbox entries kept by triggers equal to a fresh count. Each check returns its problems; none means it holds.
 */
import type Database from 'better-sqlite3';
import type { Decision, Status } from '../lib/db/schema';
import { deriveStatus } from '../lib/review/status';

export interface Invariant {
  name: string;
  run(db: Database.Database): string[];
}

const MAX_LISTED = 20;

function integrity(db: Database.Database): string[] {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
}

function foreignKeys(db: Database.Database): string[] {
  const rows = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  return rows.map((r) => `${r.table} row ${r.rowid} refers to a missing row of ${r.parent}`);
}

interface SpanRow {
  id: number;
  projectId: number;
  start: number;
  end: number;
  exact: string;
}

function spanProblem(a: SpanRow, body: string, projectId: number): string | null {
  if (a.projectId !== projectId) return `annotation ${a.id} is in project ${a.projectId} but its article is in project ${projectId}`;
  if (!(a.start >= 0 && a.end > a.start && a.end <= body.length)) {
    return `annotation ${a.id} span [${a.start}, ${a.end}) is outside its article (length ${body.length})`;
  }
  if (body.slice(a.start, a.end) !== a.exact) return `annotation ${a.id} exact text differs from the article text at [${a.start}, ${a.end})`;
  return null;
}

function annotationSpans(db: Database.Database): string[] {
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

function danglingLinks(db: Database.Database): string[] {
  const rows = db
    .prepare(
      `select l.id, a.id as fromId, a.deleted_at as fromDeleted, b.id as toId
         from links l join annotations a on a.id = l.from_annotation_id join annotations b on b.id = l.to_annotation_id
        where l.deleted_at is null and (a.deleted_at is not null or b.deleted_at is not null)`,
    )
    .all() as Array<{ id: number; fromId: number; fromDeleted: number | null; toId: number }>;
  return rows.map((r) => `link ${r.id} is live but its annotation ${r.fromDeleted ? r.fromId : r.toId} is deleted`);
}

interface ReviewRow {
  targetId: number;
  id: number;
  decision: Decision;
  isFinal: number;
}

function statusesOf(db: Database.Database, table: 'annotations' | 'links', column: 'annotation_id' | 'link_id'): string[] {
  const reviews = db
    .prepare(`select ${column} as targetId, id, decision, is_final as isFinal from reviews where ${column} is not null and superseded_at is null`)
    .all() as ReviewRow[];
  const byTarget = new Map<number, ReviewRow[]>();
  for (const r of reviews) byTarget.set(r.targetId, [...(byTarget.get(r.targetId) ?? []), r]);
  const items = db.prepare(`select id, status from ${table} where deleted_at is null`).iterate() as Iterable<{ id: number; status: Status }>;
  const problems: string[] = [];
  for (const item of items) {
    const live = (byTarget.get(item.id) ?? []).map((r) => ({ id: r.id, decision: r.decision, isFinal: r.isFinal === 1, supersededAt: null }));
    const derived = deriveStatus(live);
    if (derived !== item.status) problems.push(`${table.slice(0, -1)} ${item.id} has status ${item.status} but its reviews say ${derived}`);
  }
  return problems;
}

/** A review of an earlier version than the item's last change in substance must no longer count. */
function reviewsOfOlderVersions(db: Database.Database, table: 'annotations' | 'links', column: 'annotation_id' | 'link_id'): string[] {
  const rows = db
    .prepare(`select r.id, r.${column} as targetId, r.target_version as reviewed, t.substance_version as current from reviews r join ${table} t on t.id = r.${column}
      where r.superseded_at is null and r.target_version < t.substance_version`)
    .all() as Array<{ id: number; targetId: number; reviewed: number; current: number }>;
  return rows.map((r) => `review ${r.id} of ${table.slice(0, -1)} ${r.targetId} is for version ${r.reviewed} but still counts, though the ${table.slice(0, -1)} changed at version ${r.current}`);
}

/** Rows of `kept` that differ from `fresh` (both keyed alike), both ways, as problems. */
function counterDiffs(kept: Map<string, number>, fresh: Map<string, number>, what: (key: string) => string): string[] {
  const problems: string[] = [];
  for (const key of new Set([...kept.keys(), ...fresh.keys()])) {
    const k = kept.get(key) ?? 0;
    const f = fresh.get(key) ?? 0;
    if (k !== f) problems.push(`${what(key)}: kept ${k}, counted ${f}`);
  }
  return problems;
}

/** The review queue's tallies (kept by triggers, migration 0015) equal a fresh count of live annotations and links. */
function queueTallies(db: Database.Database): string[] {
  const rows = (query: string) =>
    new Map((db.prepare(query).all() as Array<{ k: string; n: number }>).filter((r) => r.n !== 0).map((r) => [r.k, r.n]));
  const kept = rows(`select project_id || '/' || article_id || '/' || label || '/' || author_id as k, n from queue_tallies`);
  const fresh = rows(`select k, sum(n) as n from (
      select project_id || '/' || article_id || '/' || label || '/' || author_id as k, count(*) as n from annotations where deleted_at is null group by 1
      union all
      select l.project_id || '/' || a.article_id || '/link/' || l.author_id, count(*) from links l join annotations a on a.id = l.from_annotation_id where l.deleted_at is null group by 1)
    group by k`);
  return counterDiffs(kept, fresh, (key) => {
    const [project, article, label, author] = key.split('/');
    return `queue tally of project ${project}, article ${article}, ${label}s by user ${author}`;
  });
}

/** The reader's speaker suggestions (speaker_tallies, kept by triggers, migration 0019) equal a fresh count. */
function speakerTallies(db: Database.Database): string[] {
  const rows = (query: string) => new Map((db.prepare(query).all() as Array<{ k: string; n: number }>).map((r) => [r.k, r.n]));
  const kept = rows(`select project_id || '/' || speaker as k, n from speaker_tallies`);
  const fresh = rows(`select project_id || '/' || json_extract(attributes, '$.speaker') as k, count(*) as n from annotations
      where deleted_at is null and coalesce(json_extract(attributes, '$.speaker'), '') <> '' group by 1`);
  return counterDiffs(kept, fresh, (key) => {
    const [project, ...speaker] = key.split('/');
    return `speaker tally of project ${project}, speaker "${speaker.join('/')}"`;
  });
}

/** Live annotations and links as rows of (project, article, outlet, label, author), a link at its first end: what the queue's counters count. */
const LIVE_QUEUE_ITEMS = `
  select a.project_id, a.article_id, coalesce(nullif(r.outlet, ''), '-') as outlet, a.label, a.author_id from annotations a join articles r on r.id = a.article_id where a.deleted_at is null
  union all
  select l.project_id, a.article_id, coalesce(nullif(r.outlet, ''), '-'), 'link', l.author_id from links l join annotations a on a.id = l.from_annotation_id join articles r on r.id = a.article_id
  where l.deleted_at is null`;

/** The queue's per-outlet and per-article counters (derived from queue_tallies by triggers, migration 0017) equal a fresh count. */
function queueCoarseTallies(db: Database.Database): string[] {
  const rows = (query: string) =>
    new Map((db.prepare(query).all() as Array<{ k: string; n: number }>).filter((r) => r.n !== 0).map((r) => [r.k, r.n]));
  const byOutlet = counterDiffs(
    rows(`select project_id || '/' || outlet || '/' || label || '/' || author_id as k, n from queue_outlet_tallies`),
    rows(`select project_id || '/' || outlet || '/' || label || '/' || author_id as k, count(*) as n from (${LIVE_QUEUE_ITEMS}) group by 1`),
    (key) => {
      const [project, outlet, label, author] = key.split('/');
      return `queue tally of project ${project}, outlet ${outlet}, ${label}s by user ${author}`;
    },
  );
  const byArticle = counterDiffs(
    rows(`select project_id || '/' || article_id || '/' || label as k, n from queue_article_tallies`),
    rows(`select project_id || '/' || article_id || '/' || label as k, count(*) as n from (${LIVE_QUEUE_ITEMS}) group by 1`),
    (key) => {
      const [project, article, label] = key.split('/');
      return `queue tally of project ${project}, article ${article}, ${label}s`;
    },
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
function queueReviewedTallies(db: Database.Database): string[] {
  const rows = (query: string) =>
    new Map((db.prepare(query).all() as Array<{ k: string; n: number }>).filter((r) => r.n !== 0).map((r) => [r.k, r.n]));
  const byArticle = counterDiffs(
    rows(`select project_id || '/' || reviewer_id || '/' || article_id || '/' || label || '/' || author_id as k, n from queue_reviewed_tallies`),
    rows(`select project_id || '/' || reviewer_id || '/' || article_id || '/' || label || '/' || author_id as k, count(*) as n from (${REVIEWED_QUEUE_ITEMS}) group by 1`),
    (key) => {
      const [project, reviewer, article, label, author] = key.split('/');
      return `reviewed tally of user ${reviewer} in project ${project}, article ${article}, ${label}s by user ${author}`;
    },
  );
  const byOutlet = counterDiffs(
    rows(`select project_id || '/' || reviewer_id || '/' || outlet || '/' || label || '/' || author_id as k, n from queue_reviewed_outlet_tallies`),
    rows(`select project_id || '/' || reviewer_id || '/' || outlet || '/' || label || '/' || author_id as k, count(*) as n from (${REVIEWED_QUEUE_ITEMS}) group by 1`),
    (key) => {
      const [project, reviewer, outlet, label, author] = key.split('/');
      return `reviewed tally of user ${reviewer} in project ${project}, outlet ${outlet}, ${label}s by user ${author}`;
    },
  );
  const sizes = counterDiffs(
    rows(`select project_id || '/' || article_id || '/' || label || '/' || outlet as k, n from queue_article_sizes`),
    rows(`select project_id || '/' || article_id || '/' || label || '/' || outlet as k, count(*) as n from (
        select project_id, article_id, label, outlet from (${LIVE_QUEUE_ITEMS}) union all select project_id, article_id, '*', outlet from (${LIVE_QUEUE_ITEMS})) group by 1`),
    (key) => {
      const [project, article, label, ...outlet] = key.split('/');
      return `queue size of project ${project}, article ${article} (outlet ${outlet.join('/')}), ${label === '*' ? 'all items' : `${label}s`}`;
    },
  );
  return [...byArticle, ...byOutlet, ...sizes];
}

/** Every review knows the author of what it reviewed (the inbox reads reviews of my items by it). */
function reviewTargetAuthors(db: Database.Database): string[] {
  const rows = db
    .prepare(`select r.id, r.target_author_id as kept, coalesce(a.author_id, l.author_id) as author from reviews r
      left join annotations a on a.id = r.annotation_id left join links l on l.id = r.link_id
      where r.target_author_id is not coalesce(a.author_id, l.author_id)`)
    .all() as Array<{ id: number; kept: number | null; author: number }>;
  return rows.map((r) => `review ${r.id} names user ${r.kept ?? 'none'} as the author of what it reviewed, but it is user ${r.author}`);
}

/**
 * The inbox by recipient (inbox_entries, kept by the triggers of drizzle/0022_inbox_entries.sql)
 * equals its derivation from the comments, reviews, verdicts and events (view inbox_entries_derived).
 */
function inboxEntries(db: Database.Database): string[] {
  type Entry = { source: string; sourceId: number; recipientId: number; createdAt: number };
  const entries = (from: string) => {
    const out = new Map<string, Entry>();
    const rows = db.prepare(`select source, source_id as sourceId, recipient_id as recipientId, created_at as createdAt from ${from}`).all() as Entry[];
    for (const r of rows) out.set(`${r.source} ${r.sourceId} for user ${r.recipientId}`, r);
    return out;
  };
  const kept = entries('inbox_entries');
  const derived = entries('inbox_entries_derived');
  const problems: string[] = [];
  for (const [key, r] of kept) {
    const d = derived.get(key);
    if (!d) problems.push(`inbox entry ${key} is kept but not derived`);
    else if (d.createdAt !== r.createdAt) problems.push(`inbox entry ${key} is kept at ${r.createdAt}, derived at ${d.createdAt}`);
  }
  for (const key of derived.keys()) if (!kept.has(key)) problems.push(`inbox entry ${key} is derived but missing`);
  return problems;
}

/** The articles list's per-article counters (article_stats, kept by triggers) equal a fresh count. */
function articleStats(db: Database.Database): string[] {
  const columns = ['annotation_count', 'unreviewed_count', 'claim_count', 'quote_count', 'context_count'] as const;
  const kept = new Map<string, number>();
  for (const r of db.prepare(`select article_id as id, ${columns.join(', ')} from article_stats`).all() as Array<Record<string, number>>) {
    for (const c of columns) if (r[c] !== 0) kept.set(`${r.id}/${c}`, r[c]);
  }
  const fresh = new Map<string, number>();
  const counted = db.prepare(`select article_id as id, count(*) as annotation_count, sum(status = 'proposed') as unreviewed_count, sum(label = 'claim') as claim_count,
      sum(label = 'quote') as quote_count, sum(label = 'context') as context_count from annotations where deleted_at is null group by article_id`).all() as Array<Record<string, number>>;
  for (const r of counted) for (const c of columns) if (r[c] !== 0) fresh.set(`${r.id}/${c}`, r[c]);
  return counterDiffs(kept, fresh, (key) => {
    const [article, column] = key.split('/');
    return `article ${article} ${column.replace('_', ' ')}`;
  });
}

/**
 * The agreement cache's kept totals (migration 0018) equal a fresh sum of its per-article rows:
 * per pair every column, per reviewer the articles naming them; and no archived article has rows.
 */
function agreementTotals(db: Database.Database): string[] {
  const columns = ['spans_a', 'spans_b', 'exact_matches', 'overlap_matches', 'agree0', 'agree1', 'agree2', 'agree3', 'a0', 'a1', 'a2', 'a3', 'b0', 'b1', 'b2', 'b3'];
  const rows = (query: string) => {
    const out = new Map<string, number>();
    for (const r of db.prepare(query).all() as Array<Record<string, number>>) {
      for (const c of ['articles', ...columns]) if (r[c] !== 0) out.set(`${r.project_id}/${r.a}-${r.b}/${c}`, r[c]);
    }
    return out;
  };
  const pairs = counterDiffs(
    rows(`select project_id, a, b, articles, ${columns.join(', ')} from agreement_pair_totals`),
    rows(`select project_id, a, b, count(*) as articles, ${columns.map((c) => `sum(${c}) as ${c}`).join(', ')} from agreement_pairs group by project_id, a, b`),
    (key) => {
      const [project, pair, column] = key.split('/');
      return `agreement total ${column} of reviewers ${pair} in project ${project}`;
    },
  );
  const counts = (query: string) => new Map((db.prepare(query).all() as Array<{ k: string; n: number }>).map((r) => [r.k, r.n]));
  const authors = counterDiffs(
    counts(`select project_id || '/' || author_id as k, articles as n from agreement_authors where articles != 0`),
    counts(`select g.project_id || '/' || j.value as k, count(*) as n from agreement_articles g, json_each(g.authors) j group by 1`),
    (key) => `agreement articles of reviewer ${key.split('/')[1]} in project ${key.split('/')[0]}`,
  );
  const archived = db
    .prepare('select distinct g.article_id as id from agreement_articles g join articles r on r.id = g.article_id where r.archived_at is not null union select distinct p.article_id from agreement_pairs p join articles r on r.id = p.article_id where r.archived_at is not null')
    .pluck()
    .all() as number[];
  return [...pairs, ...authors, ...archived.map((id) => `archived article ${id} still has agreement rows`)];
}

export const INVARIANTS: Invariant[] = [
  { name: 'integrity_check', run: integrity },
  { name: 'foreign_key_check', run: foreignKeys },
  { name: 'annotation spans match their articles', run: annotationSpans },
  { name: 'no live link to a deleted annotation', run: danglingLinks },
  { name: 'annotation statuses match their reviews', run: (db) => statusesOf(db, 'annotations', 'annotation_id') },
  { name: 'link statuses match their reviews', run: (db) => statusesOf(db, 'links', 'link_id') },
  { name: 'only reviews of the current annotation version count', run: (db) => reviewsOfOlderVersions(db, 'annotations', 'annotation_id') },
  { name: 'only reviews of the current link version count', run: (db) => reviewsOfOlderVersions(db, 'links', 'link_id') },
  { name: 'review queue tallies match the live annotations and links', run: queueTallies },
  { name: 'review queue counters per outlet and per article match the live annotations and links', run: queueCoarseTallies },
  { name: 'review queue counters of what each reviewer reviewed, and article sizes, match the live reviews', run: queueReviewedTallies },
  { name: 'reviews name the author of what they reviewed', run: reviewTargetAuthors },
  { name: 'article counters match their annotations', run: articleStats },
  { name: 'speaker suggestions match the live quotes', run: speakerTallies },
  { name: 'agreement totals match the cached agreement rows', run: agreementTotals },
  { name: 'inbox entries match the comments, reviews and verdicts they come from', run: inboxEntries },
];

/** The first problems of a failed check, for printing. */
export function listProblems(problems: string[]): string[] {
  const shown = problems.slice(0, MAX_LISTED);
  if (problems.length > shown.length) shown.push(`... and ${problems.length - shown.length} more`);
  return shown;
}

/**
 * What `check` verifies, independent of the engine: the one list of invariant names, the
 * per-row rules (a span against its text, a status against its reviews, a kept counter against
 * a fresh count) and the wording of every problem. cli/invariants.ts (SQLite) and
 * cli/pgInvariants.ts (PostgreSQL) each implement every name of INVARIANT_NAMES, the compiler
 * sees to that, so the two engines check the same things and report them alike. Adding an
 * invariant: one line here, one implementation in each engine's table.
 */
import type { Decision, Status } from '../lib/domain';
import { deriveStatus } from '../lib/review/status';

/** Every invariant, in the order `check` runs and prints them. */
export const INVARIANT_NAMES = {
  integrity: 'integrity_check',
  foreignKeys: 'foreign_key_check',
  annotationSpans: 'annotation spans match their articles',
  danglingLinks: 'no live link to a deleted annotation',
  annotationStatuses: 'annotation statuses match their reviews',
  linkStatuses: 'link statuses match their reviews',
  annotationReviewVersions: 'only reviews of the current annotation version count',
  linkReviewVersions: 'only reviews of the current link version count',
  queueTallies: 'review queue tallies match the live annotations and links',
  queueCoarseTallies: 'review queue counters per outlet and per article match the live annotations and links',
  queueReviewedTallies: 'review queue counters of what each reviewer reviewed, and article sizes, match the live reviews',
  reviewTargetAuthors: 'reviews name the author of what they reviewed',
  articleStats: 'article counters match their annotations',
  speakerTallies: 'speaker suggestions match the live quotes',
  agreementTotals: 'agreement totals match the cached agreement rows',
  inboxEntries: 'inbox entries match the comments, reviews and verdicts they come from',
} as const;

export type InvariantId = keyof typeof INVARIANT_NAMES;

export interface Invariant<Db, Result = string[]> {
  id: InvariantId;
  name: string;
  /** The problems found; none means the invariant holds. */
  run(db: Db): Result;
}

/** An engine's invariants in INVARIANT_NAMES' order, from one implementation per name. */
export function invariantTable<Db, Result>(implementations: { [Id in InvariantId]: (db: Db) => Result }): Array<Invariant<Db, Result>> {
  return (Object.keys(INVARIANT_NAMES) as InvariantId[]).map((id) => ({ id, name: INVARIANT_NAMES[id], run: implementations[id] }));
}

const MAX_LISTED = 20;

/** The first problems of a failed check, for printing. */
export function listProblems(problems: string[]): string[] {
  const shown = problems.slice(0, MAX_LISTED);
  if (problems.length > shown.length) shown.push(`... and ${problems.length - shown.length} more`);
  return shown;
}

export interface SpanRow {
  id: number;
  projectId: number;
  start: number;
  end: number;
  exact: string;
}

/** What is wrong with a live span against the text it refers to (UTF-16 offsets), or null. */
export function spanProblem(a: SpanRow, body: string, projectId: number): string | null {
  if (a.projectId !== projectId) return `annotation ${a.id} is in project ${a.projectId} but its article is in project ${projectId}`;
  if (!(a.start >= 0 && a.end > a.start && a.end <= body.length)) {
    return `annotation ${a.id} span [${a.start}, ${a.end}) is outside its article (length ${body.length})`;
  }
  if (body.slice(a.start, a.end) !== a.exact) return `annotation ${a.id} exact text differs from the article text at [${a.start}, ${a.end})`;
  return null;
}

export function danglingLinkProblem(link: { id: number; fromId: number; fromDeleted: boolean; toId: number }): string {
  return `link ${link.id} is live but its annotation ${link.fromDeleted ? link.fromId : link.toId} is deleted`;
}

export type ReviewedTable = 'annotations' | 'links';

export interface LiveReviewRow {
  targetId: number;
  id: number;
  decision: Decision;
  isFinal: boolean;
}

/** Items whose cached status differs from what their live (not superseded) reviews derive. */
export function statusProblems(table: ReviewedTable, items: Iterable<{ id: number; status: Status }>, liveReviews: LiveReviewRow[]): string[] {
  const byTarget = new Map<number, LiveReviewRow[]>();
  for (const r of liveReviews) byTarget.set(r.targetId, [...(byTarget.get(r.targetId) ?? []), r]);
  const problems: string[] = [];
  for (const item of items) {
    const live = (byTarget.get(item.id) ?? []).map((r) => ({ id: r.id, decision: r.decision, isFinal: r.isFinal, supersededAt: null }));
    const derived = deriveStatus(live);
    if (derived !== item.status) problems.push(`${table.slice(0, -1)} ${item.id} has status ${item.status} but its reviews say ${derived}`);
  }
  return problems;
}

export function olderVersionReviewProblem(table: ReviewedTable, r: { id: number; targetId: number; reviewed: number; current: number }): string {
  const item = table.slice(0, -1);
  return `review ${r.id} of ${item} ${r.targetId} is for version ${r.reviewed} but still counts, though the ${item} changed at version ${r.current}`;
}

export function reviewTargetAuthorProblem(r: { id: number; kept: number | null; author: number }): string {
  return `review ${r.id} names user ${r.kept ?? 'none'} as the author of what it reviewed, but it is user ${r.author}`;
}

/** Rows of `kept` that differ from `fresh` (both keyed alike), both ways, as problems. */
export function counterDiffs(kept: Map<string, number>, fresh: Map<string, number>, what: (key: string) => string): string[] {
  const problems: string[] = [];
  for (const key of new Set([...kept.keys(), ...fresh.keys()])) {
    const k = kept.get(key) ?? 0;
    const f = fresh.get(key) ?? 0;
    if (k !== f) problems.push(`${what(key)}: kept ${k}, counted ${f}`);
  }
  return problems;
}

/** Counter rows keyed by their columns joined with "/"; zeros dropped when `dropZeros` (a kept zero equals no row). */
export function keyedCounts(rows: Iterable<{ k: string; n: number | string }>, dropZeros = true): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.n);
    if (!dropZeros || n !== 0) out.set(r.k, n);
  }
  return out;
}

/** How each counter's key ("a/b/c") is named in a problem. */
export const COUNTER_NAMES = {
  queueTally(key: string): string {
    const [project, article, label, author] = key.split('/');
    return `queue tally of project ${project}, article ${article}, ${label}s by user ${author}`;
  },
  speakerTally(key: string): string {
    const [project, ...speaker] = key.split('/');
    return `speaker tally of project ${project}, speaker "${speaker.join('/')}"`;
  },
  outletTally(key: string): string {
    const [project, outlet, label, author] = key.split('/');
    return `queue tally of project ${project}, outlet ${outlet}, ${label}s by user ${author}`;
  },
  articleTally(key: string): string {
    const [project, article, label] = key.split('/');
    return `queue tally of project ${project}, article ${article}, ${label}s`;
  },
  reviewedTally(key: string): string {
    const [project, reviewer, article, label, author] = key.split('/');
    return `reviewed tally of user ${reviewer} in project ${project}, article ${article}, ${label}s by user ${author}`;
  },
  reviewedOutletTally(key: string): string {
    const [project, reviewer, outlet, label, author] = key.split('/');
    return `reviewed tally of user ${reviewer} in project ${project}, outlet ${outlet}, ${label}s by user ${author}`;
  },
  articleSize(key: string): string {
    const [project, article, label, ...outlet] = key.split('/');
    return `queue size of project ${project}, article ${article} (outlet ${outlet.join('/')}), ${label === '*' ? 'all items' : `${label}s`}`;
  },
  articleStat(key: string): string {
    const [article, column] = key.split('/');
    return `article ${article} ${column.replace('_', ' ')}`;
  },
  agreementTotal(key: string): string {
    const [project, pair, column] = key.split('/');
    return `agreement total ${column} of reviewers ${pair} in project ${project}`;
  },
  agreementAuthor(key: string): string {
    const [project, author] = key.split('/');
    return `agreement articles of reviewer ${author} in project ${project}`;
  },
};

/** The per-article counters of article_stats, as the articles list reads them. */
export const ARTICLE_STAT_COLUMNS = ['annotation_count', 'unreviewed_count', 'claim_count', 'quote_count', 'context_count'] as const;

/** The summed columns of agreement_pair_totals (besides `articles`, the count of its rows). */
export const AGREEMENT_TOTAL_COLUMNS = ['spans_a', 'spans_b', 'exact_matches', 'overlap_matches', 'agree0', 'agree1', 'agree2', 'agree3', 'a0', 'a1', 'a2', 'a3', 'b0', 'b1', 'b2', 'b3'] as const;

/** article_stats rows (or a fresh count shaped alike) as "article/column" counters, zeros dropped. */
export function articleStatCounts(rows: Iterable<Record<string, number | string>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) for (const c of ARTICLE_STAT_COLUMNS) if (Number(r[c]) !== 0) out.set(`${r.id}/${c}`, Number(r[c]));
  return out;
}

/** agreement_pair_totals rows (or fresh sums shaped alike) as "project/a-b/column" counters, zeros dropped. */
export function agreementTotalCounts(rows: Iterable<Record<string, number | string>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    for (const c of ['articles', ...AGREEMENT_TOTAL_COLUMNS]) if (Number(r[c]) !== 0) out.set(`${r.project_id}/${r.a}-${r.b}/${c}`, Number(r[c]));
  }
  return out;
}

export function archivedAgreementProblem(articleId: number): string {
  return `archived article ${articleId} still has agreement rows`;
}

/** One inbox row (kept in inbox_entries, or derived by the view inbox_entries_derived); created_at in ms. */
export interface InboxEntryRow {
  source: string;
  sourceId: number;
  recipientId: number;
  createdAt: number;
}

/** The inbox entries kept that the derivation does not give, those it gives that are missing, and different times. */
export function inboxEntryProblems(kept: InboxEntryRow[], derived: InboxEntryRow[]): string[] {
  const keyed = (rows: InboxEntryRow[]) => new Map(rows.map((r) => [`${r.source} ${r.sourceId} for user ${r.recipientId}`, r]));
  const keptByKey = keyed(kept);
  const derivedByKey = keyed(derived);
  const problems: string[] = [];
  for (const [key, r] of keptByKey) {
    const d = derivedByKey.get(key);
    if (!d) problems.push(`inbox entry ${key} is kept but not derived`);
    else if (d.createdAt !== r.createdAt) problems.push(`inbox entry ${key} is kept at ${r.createdAt}, derived at ${d.createdAt}`);
  }
  for (const key of derivedByKey.keys()) if (!keptByKey.has(key)) problems.push(`inbox entry ${key} is derived but missing`);
  return problems;
}

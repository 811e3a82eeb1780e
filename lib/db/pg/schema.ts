/**
 * The domain model of lib/db/schema.ts for PostgreSQL (issue 17): the same tables, columns,
 * indexes, uniques and foreign keys (same cascade rules), with row types equal to the SQLite
 * schema's (tests/db/pgSchemaTypes.test.ts). Also the tables the SQLite migrations create
 * outside schema.ts (article_sentences, article_search_state). FTS5 becomes GIN indexes over
 * tsvector functions of the rows, with pg_trgm beside them, and the triggers are PL/pgSQL: both
 * hand-written custom migrations (drizzle/pg/0001_search.sql, 0002_triggers.sql), because the
 * index expressions call SQL functions those migrations define.
 *
 * Type choices, all to keep the SQLite row types:
 * - ids are `integer` identity columns (JS number; int8 would reach node-postgres as a string);
 * - SQLite's millisecond timestamps are `timestamptz(3)`: Date in JS, and millisecond
 *   precision so a Date read back compares equal to the stored value;
 * - JSON text columns are `jsonb`, booleans `boolean`, REAL is `double precision`;
 * - plain integers that hold milliseconds (board_clusters.newest) are `bigint` in number mode.
 */
import { sql } from 'drizzle-orm';
import {
  pgTable,
  integer,
  bigint,
  boolean,
  doublePrecision,
  jsonb,
  text,
  timestamp,
  primaryKey,
  index,
  uniqueIndex,
  check,
} from 'drizzle-orm/pg-core';
import { ROLES, LABELS, RELATIONS, DECISIONS, STATUSES, VERDICTS, ANCHOR_STATES, REVISION_SOURCES, INBOX_SOURCES } from '../../domain';

/** Statement time, like SQLite's unixepoch('subsec') (now() would be the transaction's start). */
const now = sql`clock_timestamp()`;
const ms = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const createdAt = () => ms('created_at').notNull().default(now);
const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const users = pgTable('users', {
  id: id(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  isAdmin: boolean('is_admin').notNull().default(false),
  disabledAt: ms('disabled_at'),
  sessionVersion: integer('session_version').notNull().default(1),
  createdAt: createdAt(),
});

export const projects = pgTable('projects', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    projectId: integer('project_id').notNull().references(() => projects.id),
    userId: integer('user_id').notNull().references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    check('memberships_role_check', sql`${t.role} in ('lead', 'reviewer', 'viewer')`),
  ],
);

export const articles = pgTable(
  'articles',
  {
    id: id(),
    projectId: integer('project_id').notNull().references(() => projects.id),
    title: text('title').notNull().default(''),
    outlet: text('outlet'),
    url: text('url'),
    author: text('author'),
    publishedAt: text('published_at'),
    body: text('body').notNull(),
    sha256: text('sha256').notNull(),
    importedBy: integer('imported_by').references(() => users.id),
    importedAt: ms('imported_at').notNull().default(now),
    updatedAt: ms('updated_at').notNull().default(now),
    archivedAt: ms('archived_at'),
    currentRevision: integer('current_revision').notNull().default(1),
  },
  (t) => [
    uniqueIndex('articles_project_sha_idx').on(t.projectId, t.sha256),
    index('articles_project_date_idx').on(t.projectId, sql`coalesce(${t.publishedAt}, '')`, t.id),
    index('articles_project_outlet_idx').on(t.projectId, sql`coalesce(${t.outlet}, '')`, t.id),
    index('articles_archived_idx').on(t.projectId).where(sql`archived_at is not null`),
    index('articles_project_url_idx').on(t.projectId, sql`lower(${t.url})`),
  ],
);

/** Kept by triggers (drizzle/pg custom migration "triggers"), as on SQLite. */
export const articleStats = pgTable(
  'article_stats',
  {
    articleId: integer('article_id').primaryKey(),
    projectId: integer('project_id').notNull(),
    bodyLength: integer('body_length').notNull().default(0),
    annotationCount: integer('annotation_count').notNull().default(0),
    unreviewedCount: integer('unreviewed_count').notNull().default(0),
    claimCount: integer('claim_count').notNull().default(0),
    quoteCount: integer('quote_count').notNull().default(0),
    contextCount: integer('context_count').notNull().default(0),
  },
  (t) => [
    index('article_stats_annotations_idx').on(t.projectId, t.annotationCount, t.articleId),
    index('article_stats_unreviewed_idx').on(t.projectId, t.unreviewedCount, t.articleId),
  ],
);

export const queueTallies = pgTable(
  'queue_tallies',
  {
    projectId: integer('project_id').notNull(),
    articleId: integer('article_id').notNull(),
    label: text('label').$type<(typeof LABELS)[number] | 'link'>().notNull(),
    authorId: integer('author_id').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.articleId, t.label, t.authorId] }),
    index('queue_tallies_author_idx').on(t.projectId, t.authorId, t.articleId, t.label),
  ],
);

export const queueOutletTallies = pgTable(
  'queue_outlet_tallies',
  {
    projectId: integer('project_id').notNull(),
    outlet: text('outlet').notNull(),
    label: text('label').$type<(typeof LABELS)[number] | 'link'>().notNull(),
    authorId: integer('author_id').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.outlet, t.label, t.authorId] })],
);

export const queueArticleTallies = pgTable(
  'queue_article_tallies',
  {
    projectId: integer('project_id').notNull(),
    articleId: integer('article_id').notNull(),
    label: text('label').$type<(typeof LABELS)[number] | 'link'>().notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.articleId, t.label] })],
);

export const queueReviewedTallies = pgTable(
  'queue_reviewed_tallies',
  {
    projectId: integer('project_id').notNull(),
    reviewerId: integer('reviewer_id').notNull(),
    articleId: integer('article_id').notNull(),
    label: text('label').$type<(typeof LABELS)[number] | 'link'>().notNull(),
    authorId: integer('author_id').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.reviewerId, t.articleId, t.label, t.authorId] }),
    index('queue_reviewed_tallies_author_idx').on(t.projectId, t.reviewerId, t.authorId, t.articleId),
  ],
);

export const queueReviewedOutletTallies = pgTable(
  'queue_reviewed_outlet_tallies',
  {
    projectId: integer('project_id').notNull(),
    reviewerId: integer('reviewer_id').notNull(),
    outlet: text('outlet').notNull(),
    label: text('label').$type<(typeof LABELS)[number] | 'link'>().notNull(),
    authorId: integer('author_id').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.reviewerId, t.outlet, t.label, t.authorId] })],
);

export const queueArticleSizes = pgTable(
  'queue_article_sizes',
  {
    projectId: integer('project_id').notNull(),
    articleId: integer('article_id').notNull(),
    label: text('label').$type<(typeof LABELS)[number] | 'link' | '*'>().notNull(),
    outlet: text('outlet').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.articleId, t.label] }),
    index('queue_article_sizes_size_idx').on(t.projectId, t.label, t.n, t.articleId),
    index('queue_article_sizes_outlet_idx').on(t.projectId, t.label, t.outlet, t.n, t.articleId),
  ],
);

export const speakerTallies = pgTable(
  'speaker_tallies',
  {
    projectId: integer('project_id').notNull(),
    speaker: text('speaker').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.speaker] })],
);

export const annotations = pgTable(
  'annotations',
  {
    id: id(),
    projectId: integer('project_id').notNull().references(() => projects.id),
    articleId: integer('article_id').notNull().references(() => articles.id),
    authorId: integer('author_id').notNull().references(() => users.id),
    label: text('label', { enum: LABELS }).notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    exact: text('exact').notNull(),
    prefix: text('prefix').notNull().default(''),
    suffix: text('suffix').notNull().default(''),
    note: text('note').notNull().default(''),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: STATUSES }).notNull().default('proposed'),
    version: integer('version').notNull().default(1),
    substanceVersion: integer('substance_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ms('updated_at').notNull().default(now),
    deletedAt: ms('deleted_at'),
    revision: integer('revision').notNull().default(1),
    anchorState: text('anchor_state', { enum: ANCHOR_STATES }).notNull().default('kept'),
    anchorScore: doublePrecision('anchor_score').notNull().default(1),
    anchorPending: boolean('anchor_pending').notNull().default(false),
    anchorFlag: text('anchor_flag'),
  },
  (t) => [
    index('annotations_article_idx').on(t.articleId, t.start),
    index('annotations_project_idx').on(t.projectId),
    index('annotations_project_status_idx').on(t.projectId, t.status),
    index('annotations_article_status_idx').on(t.articleId, t.status),
    index('annotations_author_idx').on(t.authorId, t.projectId),
    index('annotations_project_label_idx').on(t.projectId, t.label),
    index('annotations_project_article_idx').on(t.projectId, t.articleId, t.start),
    index('annotations_reanchor_pending_idx').on(t.projectId, t.articleId, t.start, t.id).where(sql`anchor_pending and deleted_at is null`),
    index('annotations_disputed_idx').on(t.projectId, t.articleId, t.start).where(sql`${t.status} = 'disputed'`),
    check('annotations_span_check', sql`${t.start} >= 0 and ${t.end} > ${t.start}`),
    check('annotations_label_check', sql`${t.label} in ('claim', 'quote', 'context')`),
  ],
);

export const links = pgTable(
  'links',
  {
    id: id(),
    projectId: integer('project_id').notNull().references(() => projects.id),
    fromAnnotationId: integer('from_annotation_id').notNull().references(() => annotations.id),
    toAnnotationId: integer('to_annotation_id').notNull().references(() => annotations.id),
    relation: text('relation', { enum: RELATIONS }).notNull(),
    note: text('note').notNull().default(''),
    authorId: integer('author_id').notNull().references(() => users.id),
    status: text('status', { enum: STATUSES }).notNull().default('proposed'),
    version: integer('version').notNull().default(1),
    substanceVersion: integer('substance_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ms('updated_at').notNull().default(now),
    deletedAt: ms('deleted_at'),
  },
  (t) => [
    index('links_from_idx').on(t.fromAnnotationId),
    index('links_to_idx').on(t.toAnnotationId),
    index('links_project_idx').on(t.projectId),
    index('links_project_status_idx').on(t.projectId, t.status),
    index('links_author_idx').on(t.authorId),
    uniqueIndex('links_unique_live_idx')
      .on(t.authorId, t.fromAnnotationId, t.toAnnotationId, t.relation)
      .where(sql`deleted_at is null`),
    check('links_order_check', sql`${t.fromAnnotationId} < ${t.toAnnotationId}`),
  ],
);

export const reviews = pgTable(
  'reviews',
  {
    id: id(),
    projectId: integer('project_id').notNull().references(() => projects.id),
    annotationId: integer('annotation_id').references(() => annotations.id),
    linkId: integer('link_id').references(() => links.id),
    reviewerId: integer('reviewer_id').notNull().references(() => users.id),
    decision: text('decision', { enum: DECISIONS }).notNull(),
    reason: text('reason').notNull().default(''),
    isFinal: boolean('is_final').notNull().default(false),
    targetVersion: integer('target_version').notNull(),
    createdAt: createdAt(),
    supersededAt: ms('superseded_at'),
    targetAuthorId: integer('target_author_id').references(() => users.id),
  },
  (t) => [
    index('reviews_annotation_idx').on(t.annotationId),
    index('reviews_link_idx').on(t.linkId),
    index('reviews_annotation_reviewer_idx').on(t.annotationId, t.reviewerId, t.supersededAt),
    index('reviews_link_reviewer_idx').on(t.linkId, t.reviewerId, t.supersededAt),
    index('reviews_reviewer_idx').on(t.reviewerId, t.projectId),
    index('reviews_project_reviewer_idx').on(t.projectId, t.reviewerId),
    index('reviews_target_author_idx').on(t.targetAuthorId, t.createdAt),
    index('reviews_live_reviewer_idx').on(t.projectId, t.reviewerId, t.annotationId, t.linkId).where(sql`superseded_at is null`),
    check('reviews_target_check', sql`(${t.annotationId} is null) <> (${t.linkId} is null)`),
  ],
);

export const comments = pgTable(
  'comments',
  {
    id: id(),
    projectId: integer('project_id').notNull().references(() => projects.id),
    annotationId: integer('annotation_id').references(() => annotations.id),
    linkId: integer('link_id').references(() => links.id),
    parentId: integer('parent_id'),
    authorId: integer('author_id').notNull().references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: ms('updated_at').notNull().default(now),
    deletedAt: ms('deleted_at'),
  },
  (t) => [
    index('comments_annotation_idx').on(t.annotationId),
    index('comments_link_idx').on(t.linkId),
    index('comments_project_idx').on(t.projectId, t.createdAt),
    index('comments_author_idx').on(t.authorId),
    index('comments_parent_idx').on(t.parentId),
    check('comments_target_check', sql`(${t.annotationId} is null) <> (${t.linkId} is null)`),
  ],
);

export const verdicts = pgTable(
  'verdicts',
  {
    id: id(),
    projectId: integer('project_id').notNull().references(() => projects.id),
    annotationId: integer('annotation_id').notNull().references(() => annotations.id),
    authorId: integer('author_id').notNull().references(() => users.id),
    verdict: text('verdict', { enum: VERDICTS }).notNull(),
    rationale: text('rationale').notNull().default(''),
    evidenceLinkIds: jsonb('evidence_link_ids').$type<number[]>().notNull().default([]),
    isFinal: boolean('is_final').notNull().default(false),
    createdAt: createdAt(),
    deletedAt: ms('deleted_at'),
  },
  (t) => [index('verdicts_annotation_idx').on(t.annotationId), index('verdicts_project_idx').on(t.projectId)],
);

export const events = pgTable(
  'events',
  {
    id: id(),
    projectId: integer('project_id'),
    actorId: integer('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_entity_idx').on(t.entityType, t.entityId),
    index('events_project_idx').on(t.projectId, t.createdAt),
    index('events_actor_idx').on(t.actorId),
  ],
);

export const apiTokens = pgTable('api_tokens', {
  id: id(),
  userId: integer('user_id').notNull().references(() => users.id),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  tokenPrefix: text('token_prefix').notNull(),
  createdAt: createdAt(),
  lastUsedAt: ms('last_used_at'),
  revokedAt: ms('revoked_at'),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    createdAt: createdAt(),
    expiresAt: ms('expires_at').notNull(),
    revokedAt: ms('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const loginFailures = pgTable(
  'login_failures',
  {
    id: id(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('login_failures_key_idx').on(t.email, t.ip, t.createdAt)],
);

/**
 * The inbox by recipient, kept by the triggers of drizzle/pg/0009_inbox_entries.sql (SQLite's
 * drizzle/0022_inbox_entries.sql); `created_at` is milliseconds since the epoch, a plain
 * integer as in SQLite.
 */
export const inboxEntries = pgTable(
  'inbox_entries',
  {
    source: text('source', { enum: INBOX_SOURCES }).notNull(),
    sourceId: integer('source_id').notNull(),
    recipientId: integer('recipient_id').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.sourceId, t.recipientId] }), index('inbox_entries_recipient_idx').on(t.recipientId, t.source, t.createdAt, t.sourceId)],
);

export const inboxState = pgTable('inbox_state', {
  userId: integer('user_id').primaryKey().references(() => users.id),
  lastReadAt: ms('last_read_at').notNull(),
});

export const publishingSettings = pgTable('publishing_settings', {
  projectId: integer('project_id').primaryKey().references(() => projects.id),
  organizationName: text('organization_name').notNull(),
  organizationUrl: text('organization_url').notNull(),
  logoUrl: text('logo_url'),
  factCheckUrlPattern: text('fact_check_url_pattern').notNull(),
  claimUrls: jsonb('claim_urls').$type<Record<string, string>>().notNull().default({}),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: ms('updated_at').notNull().default(now),
});

export const boardState = pgTable('board_state', {
  projectId: integer('project_id').primaryKey(),
  generation: integer('generation').notNull().default(1),
  builtGeneration: integer('built_generation').notNull().default(0),
  clusters: integer('clusters').notNull().default(0),
  linkedClusters: integer('linked_clusters').notNull().default(0),
  contested: integer('contested').notNull().default(0),
  links: integer('links').notNull().default(0),
  disagreements: integer('disagreements').notNull().default(0),
});

export const boardDirty = pgTable(
  'board_dirty',
  {
    projectId: integer('project_id').notNull(),
    annotationId: integer('annotation_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.annotationId] })],
);

export const boardClusters = pgTable(
  'board_clusters',
  {
    clusterId: integer('cluster_id').primaryKey(),
    projectId: integer('project_id').notNull(),
    headStatus: text('head_status', { enum: STATUSES }).notNull(),
    headVerdict: text('head_verdict'),
    size: integer('size').notNull(),
    outlets: integer('outlets').notNull(),
    corroborates: integer('corroborates').notNull(),
    conflicts: integer('conflicts').notNull(),
    disagreements: integer('disagreements').notNull(),
    contested: integer('contested').notNull(),
    unreviewed: integer('unreviewed').notNull(),
    /** Milliseconds since the epoch, past int4's range. */
    newest: bigint('newest', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('board_clusters_contested_idx').on(t.projectId, t.contested, t.corroborates, t.clusterId),
    index('board_clusters_corroborated_idx').on(t.projectId, t.corroborates, t.contested, t.clusterId),
    index('board_clusters_newest_idx').on(t.projectId, t.newest, t.clusterId),
    index('board_clusters_unreviewed_idx').on(t.projectId, t.unreviewed, t.newest, t.clusterId),
  ],
);

export const boardMembers = pgTable(
  'board_members',
  {
    annotationId: integer('annotation_id').primaryKey(),
    projectId: integer('project_id').notNull(),
    clusterId: integer('cluster_id').notNull(),
    articleId: integer('article_id').notNull(),
    outlet: text('outlet').notNull(),
    label: text('label', { enum: LABELS }).notNull(),
    relation: text('relation', { enum: RELATIONS }),
    linkId: integer('link_id'),
    linkStatus: text('link_status', { enum: STATUSES }),
  },
  (t) => [
    index('board_members_cluster_idx').on(t.clusterId, t.outlet),
    index('board_members_outlet_idx').on(t.projectId, t.outlet, t.clusterId),
    index('board_members_label_idx').on(t.projectId, t.label, t.clusterId),
    index('board_members_article_idx').on(t.articleId),
  ],
);

export const boardLinks = pgTable(
  'board_links',
  {
    linkId: integer('link_id').primaryKey(),
    projectId: integer('project_id').notNull(),
    a: text('a').notNull(),
    b: text('b').notNull(),
    relation: text('relation', { enum: RELATIONS }).notNull(),
  },
  (t) => [index('board_links_pair_idx').on(t.projectId, t.a, t.b, t.relation)],
);

export const boardOutletPairs = pgTable(
  'board_outlet_pairs',
  {
    projectId: integer('project_id').notNull(),
    a: text('a').notNull(),
    b: text('b').notNull(),
    corroborates: integer('corroborates').notNull().default(0),
    conflicts: integer('conflicts').notNull().default(0),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.a, t.b] })],
);

export const boardOutlets = pgTable(
  'board_outlets',
  {
    projectId: integer('project_id').notNull(),
    outlet: text('outlet').notNull(),
    statements: integer('statements').notNull(),
    clusters: integer('clusters').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.outlet] })],
);

export const agreementArticles = pgTable(
  'agreement_articles',
  {
    articleId: integer('article_id').primaryKey().references(() => articles.id, { onDelete: 'cascade' }),
    projectId: integer('project_id').notNull().references(() => projects.id),
    authors: jsonb('authors').$type<number[]>().notNull(),
  },
  (t) => [index('agreement_articles_project_idx').on(t.projectId)],
);

export const agreementPairs = pgTable(
  'agreement_pairs',
  {
    projectId: integer('project_id').notNull().references(() => projects.id),
    articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
    a: integer('a').notNull(),
    b: integer('b').notNull(),
    spansA: integer('spans_a').notNull(),
    spansB: integer('spans_b').notNull(),
    exactMatches: integer('exact_matches').notNull(),
    overlapMatches: integer('overlap_matches').notNull(),
    disagreements: integer('disagreements').notNull(),
    agree0: integer('agree0').notNull(),
    agree1: integer('agree1').notNull(),
    agree2: integer('agree2').notNull(),
    agree3: integer('agree3').notNull(),
    a0: integer('a0').notNull(),
    a1: integer('a1').notNull(),
    a2: integer('a2').notNull(),
    a3: integer('a3').notNull(),
    b0: integer('b0').notNull(),
    b1: integer('b1').notNull(),
    b2: integer('b2').notNull(),
    b3: integer('b3').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.a, t.b] }),
    index('agreement_pairs_project_idx').on(t.projectId, t.articleId, t.a, t.b),
    index('agreement_pairs_pair_idx').on(t.projectId, t.a, t.b, t.articleId),
  ],
);

export const agreementLinkAuthors = pgTable(
  'agreement_link_authors',
  {
    projectId: integer('project_id').notNull().references(() => projects.id),
    authorId: integer('author_id').notNull(),
    links: integer('links').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.authorId] })],
);

export const agreementLinkKeys = pgTable(
  'agreement_link_keys',
  {
    projectId: integer('project_id').notNull().references(() => projects.id),
    authorId: integer('author_id').notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.authorId, t.key] })],
);

export const agreementLinkPairs = pgTable(
  'agreement_link_pairs',
  {
    projectId: integer('project_id').notNull().references(() => projects.id),
    a: integer('a').notNull(),
    b: integer('b').notNull(),
    matches: integer('matches').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.a, t.b] }), index('agreement_link_pairs_b_idx').on(t.projectId, t.b)],
);

export const agreementPairTotals = pgTable(
  'agreement_pair_totals',
  {
    projectId: integer('project_id').notNull().references(() => projects.id),
    a: integer('a').notNull(),
    b: integer('b').notNull(),
    articles: integer('articles').notNull(),
    spansA: integer('spans_a').notNull(),
    spansB: integer('spans_b').notNull(),
    exactMatches: integer('exact_matches').notNull(),
    overlapMatches: integer('overlap_matches').notNull(),
    agree0: integer('agree0').notNull(),
    agree1: integer('agree1').notNull(),
    agree2: integer('agree2').notNull(),
    agree3: integer('agree3').notNull(),
    a0: integer('a0').notNull(),
    a1: integer('a1').notNull(),
    a2: integer('a2').notNull(),
    a3: integer('a3').notNull(),
    b0: integer('b0').notNull(),
    b1: integer('b1').notNull(),
    b2: integer('b2').notNull(),
    b3: integer('b3').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.a, t.b] })],
);

export const agreementAuthors = pgTable(
  'agreement_authors',
  {
    projectId: integer('project_id').notNull().references(() => projects.id),
    authorId: integer('author_id').notNull(),
    articles: integer('articles').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.authorId] })],
);

export const articleSources = pgTable('article_sources', {
  articleId: integer('article_id').primaryKey().references(() => articles.id),
  kind: text('kind', { enum: ['html-file', 'url'] }).notNull(),
  fileName: text('file_name'),
  requestedUrl: text('requested_url'),
  finalUrl: text('final_url'),
  contentType: text('content_type'),
  rawHtml: text('raw_html').notNull(),
  rawSha256: text('raw_sha256').notNull(),
  metadata: jsonb('metadata').$type<Record<string, string | null>>().notNull().default({}),
  metadataSources: jsonb('metadata_sources').$type<Record<string, string>>().notNull().default({}),
  removed: jsonb('removed').$type<unknown>().notNull().default({}),
  fetchedAt: ms('fetched_at'),
  createdAt: createdAt(),
});

export const articleRevisions = pgTable(
  'article_revisions',
  {
    id: id(),
    articleId: integer('article_id').notNull().references(() => articles.id),
    projectId: integer('project_id').notNull().references(() => projects.id),
    number: integer('number').notNull(),
    body: text('body').notNull(),
    sha256: text('sha256').notNull(),
    source: text('source', { enum: REVISION_SOURCES }).notNull(),
    note: text('note').notNull().default(''),
    title: text('title').notNull().default(''),
    publishedAt: text('published_at'),
    modifiedAt: text('modified_at'),
    createdAt: createdAt(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('article_revisions_number_idx').on(t.articleId, t.number)],
);

export const annotationAnchors = pgTable(
  'annotation_anchors',
  {
    annotationId: integer('annotation_id').notNull().references(() => annotations.id),
    revision: integer('revision').notNull(),
    start: integer('start'),
    end: integer('end'),
    exact: text('exact').notNull(),
    state: text('state', { enum: ANCHOR_STATES }).notNull(),
    score: doublePrecision('score').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.annotationId, t.revision] })],
);

/**
 * The sentences of every article (drizzle/0001_search.sql on SQLite, not in schema.ts there),
 * searched for link suggestions. No foreign key, as on SQLite: a trigger removes an article's
 * rows when it is deleted.
 */
export const articleSentences = pgTable(
  'article_sentences',
  {
    id: id(),
    articleId: integer('article_id').notNull(),
    projectId: integer('project_id').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    text: text('text').notNull(),
  },
  (t) => [
    index('article_sentences_article_idx').on(t.articleId, t.start),
    index('article_sentences_project_idx').on(t.projectId),
    check('article_sentences_span_check', sql`${t.start} >= 0 and ${t.end} > ${t.start}`),
  ],
);

/** Which articles' sentences are indexed, and of which text (sha256). */
export const articleSearchState = pgTable('article_search_state', {
  articleId: integer('article_id').primaryKey(),
  sha256: text('sha256').notNull(),
  sentenceCount: integer('sentence_count').notNull(),
  /** Milliseconds since the epoch, as SQLite stores it (a plain integer there too). */
  indexedAt: bigint('indexed_at', { mode: 'number' })
    .notNull()
    .default(sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`),
});

/**
 * The whole domain model of docs/architecture.md in one drizzle schema.
 * Timestamps are integer milliseconds since the epoch (drizzle maps them to Date).
 * Server-owned columns (ids, authors, project, timestamps, version, status) are only ever
 * written by lib/data, never copied from request input.
 */
import { sql } from 'drizzle-orm';
import {
  sqliteTable,
  integer,
  real,
  text,
  primaryKey,
  index,
  uniqueIndex,
  check,
} from 'drizzle-orm/sqlite-core';
import { ROLES, LABELS, RELATIONS, DECISIONS, STATUSES, VERDICTS, ANCHOR_STATES, REVISION_SOURCES, INBOX_SOURCES } from '../domain';

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;
const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now);

// The enums live in lib/domain.ts (client and server share them); re-exported for lib/data.
export { ROLES, LABELS, RELATIONS, DECISIONS, STATUSES, VERDICTS } from '../domain';
export type { Role, Label, Relation, Decision, Status, Verdict, InboxSource } from '../domain';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
  /** Bumped to revoke every session of the user at once. */
  sessionVersion: integer('session_version').notNull().default(1),
  createdAt: createdAt(),
});

export const projects = sqliteTable('projects', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
});

export const memberships = sqliteTable(
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

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id').notNull().references(() => projects.id),
    title: text('title').notNull().default(''),
    outlet: text('outlet'),
    url: text('url'),
    author: text('author'),
    /** ISO date (YYYY-MM-DD) or null when unknown. */
    publishedAt: text('published_at'),
    /** Normalized text (LF, NFC): every offset refers to it. Never changes once annotated. */
    body: text('body').notNull(),
    sha256: text('sha256').notNull(),
    importedBy: integer('imported_by').references(() => users.id),
    importedAt: integer('imported_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
    /** Set when a lead archives an article imported by mistake: out of lists, kept with its annotations. */
    archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
    /** The number of the revision `body` is (article_revisions); 1 until the text is revised. */
    currentRevision: integer('current_revision').notNull().default(1),
  },
  (t) => [
    uniqueIndex('articles_project_sha_idx').on(t.projectId, t.sha256),
    // The sorts of the articles list (lib/data/articles.ts), NULLs folded to '' as it sorts.
    index('articles_project_date_idx').on(t.projectId, sql`coalesce(${t.publishedAt}, '')`, t.id),
    index('articles_project_outlet_idx').on(t.projectId, sql`coalesce(${t.outlet}, '')`, t.id),
    // The few archived articles, which the review queue's counts leave out.
    index('articles_archived_idx').on(t.projectId).where(sql`archived_at is not null`),
    // A re-import of the same address finds its article (lib/data/revisionApply.ts).
    index('articles_project_url_idx').on(t.projectId, sql`lower(${t.url})`),
  ],
);

/**
 * Per-article counters of live annotations for the articles list, kept by triggers on
 * annotations and articles (drizzle/0005_scale_indexes.sql) in the same transaction as every
 * write, so they are never stale and the list never counts annotations on a page load.
 * "Unreviewed" is a live annotation whose status is still 'proposed'.
 */
export const articleStats = sqliteTable(
  'article_stats',
  {
    articleId: integer('article_id').primaryKey(),
    projectId: integer('project_id').notNull(),
    /** length(body) in characters, so a list page never reads the bodies. */
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

/**
 * Live annotations and links per (project, article, label, author): the review queue's filter
 * counts. Kept by triggers (drizzle/0015_scale_queue_tallies.sql) in the transaction of every
 * annotation and link write; a link counts under label 'link' and the article of its first end.
 */
export const queueTallies = sqliteTable(
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
    // The reviewer's own items per article (left out of the queue), and one author's items.
    index('queue_tallies_author_idx').on(t.projectId, t.authorId, t.articleId, t.label),
  ],
);

/**
 * queue_tallies summed per (project, outlet, label, author): the label, author and outlet
 * counts of the review queue in a few hundred rows whatever the number of articles. Kept by
 * triggers on queue_tallies and articles (drizzle/0017_queue_counters.sql); an article without
 * an outlet counts under '-'.
 */
export const queueOutletTallies = sqliteTable(
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

/** queue_tallies summed per (project, article, label), every author: the article filter's counts (same triggers). */
export const queueArticleTallies = sqliteTable(
  'queue_article_tallies',
  {
    projectId: integer('project_id').notNull(),
    articleId: integer('article_id').notNull(),
    label: text('label').$type<(typeof LABELS)[number] | 'link'>().notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.articleId, t.label] })],
);

/**
 * The items each reviewer has a live review of (live annotations and links of others), per
 * (project, reviewer, article, label, author): what the review queue leaves out for them, read
 * by key instead of joining every review they ever made. Kept by triggers on reviews,
 * annotations and links (drizzle/0020_queue_reviewed_tallies.sql); an item counts once however
 * many live reviews its reviewer has of it (a lead's review and settlement).
 */
export const queueReviewedTallies = sqliteTable(
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
    // The author filter: what I reviewed of one author's.
    index('queue_reviewed_tallies_author_idx').on(t.projectId, t.reviewerId, t.authorId, t.articleId),
  ],
);

/** queue_reviewed_tallies summed per (project, reviewer, outlet, label, author): the reviewer's part of the label, author and outlet counts (same migration). */
export const queueReviewedOutletTallies = sqliteTable(
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

/**
 * Live items per (project, article, label), and per article under label '*' (every label),
 * with the article's outlet ('-' for none): the article filter walks the articles from the
 * largest down and stops once no smaller one can make its list (lib/data/reviewQueueCounts.ts).
 * Kept by triggers on queue_tallies and articles (drizzle/0020_queue_reviewed_tallies.sql).
 */
export const queueArticleSizes = sqliteTable(
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

/**
 * Live annotations per (project, speaker attribute): the reader's speaker suggestions. Kept by
 * triggers (drizzle/0019_reader_speaker_tallies.sql); a row whose count drops to 0 is removed.
 */
export const speakerTallies = sqliteTable(
  'speaker_tallies',
  {
    projectId: integer('project_id').notNull(),
    speaker: text('speaker').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.speaker] })],
);

export const annotations = sqliteTable(
  'annotations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id').notNull().references(() => projects.id),
    articleId: integer('article_id').notNull().references(() => articles.id),
    authorId: integer('author_id').notNull().references(() => users.id),
    label: text('label', { enum: LABELS }).notNull(),
    /** [start, end) in UTF-16 code units of articles.body. */
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    exact: text('exact').notNull(),
    prefix: text('prefix').notNull().default(''),
    suffix: text('suffix').notNull().default(''),
    note: text('note').notNull().default(''),
    /** Label-specific attributes as JSON: quote {speaker, quoteKind}; claim {verdict}. */
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /** Cache of the status derived from reviews; `cli check` verifies it. */
    status: text('status', { enum: STATUSES }).notNull().default('proposed'),
    version: integer('version').notNull().default(1),
    /**
     * The version at which what reviews judge (span, label, judged attributes) last changed:
     * reviews of an earlier version are kept in history but no longer count.
     */
    substanceVersion: integer('substance_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    /** The article revision start/end refer to (set from the article on insert by a trigger). */
    revision: integer('revision').notNull().default(1),
    /** How the last re-anchoring placed the span (lib/anchoring/reanchor.ts) and its score. */
    anchorState: text('anchor_state', { enum: ANCHOR_STATES }).notNull().default('kept'),
    anchorScore: real('anchor_score').notNull().default(1),
    /** Waiting in the re-anchoring queue (edited, moved or orphaned and not yet confirmed). */
    anchorPending: integer('anchor_pending', { mode: 'boolean' }).notNull().default(false),
    /** 'quote-changed' when a verbatim quote's text changed in a revision. */
    anchorFlag: text('anchor_flag'),
  },
  (t) => [
    index('annotations_article_idx').on(t.articleId, t.start),
    index('annotations_project_idx').on(t.projectId),
    index('annotations_project_status_idx').on(t.projectId, t.status),
    index('annotations_article_status_idx').on(t.articleId, t.status),
    index('annotations_author_idx').on(t.authorId, t.projectId),
    index('annotations_project_label_idx').on(t.projectId, t.label),
    // The review queue walks a project in article order, a page at a time.
    index('annotations_project_article_idx').on(t.projectId, t.articleId, t.start),
    // The re-anchoring queue and its count: only the spans waiting (lib/data/revisionQueue.ts).
    index('annotations_reanchor_pending_idx').on(t.projectId, t.articleId, t.start, t.id).where(sql`anchor_pending = 1 and deleted_at is null`),
    index('annotations_disputed_idx').on(t.projectId, t.articleId, t.start).where(sql`${t.status} = 'disputed'`),
    // The inbox reaches my work through its author.
    check('annotations_span_check', sql`${t.start} >= 0 and ${t.end} > ${t.start}`),
    check('annotations_label_check', sql`${t.label} in ('claim', 'quote', 'context')`),
  ],
);

export const links = sqliteTable(
  'links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id').notNull().references(() => projects.id),
    /** A link is symmetric: stored once with fromAnnotationId < toAnnotationId. */
    fromAnnotationId: integer('from_annotation_id').notNull().references(() => annotations.id),
    toAnnotationId: integer('to_annotation_id').notNull().references(() => annotations.id),
    relation: text('relation', { enum: RELATIONS }).notNull(),
    note: text('note').notNull().default(''),
    authorId: integer('author_id').notNull().references(() => users.id),
    status: text('status', { enum: STATUSES }).notNull().default('proposed'),
    version: integer('version').notNull().default(1),
    /** As for annotations: the version at which the relation or an end last changed. */
    substanceVersion: integer('substance_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
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

export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id').notNull().references(() => projects.id),
    annotationId: integer('annotation_id').references(() => annotations.id),
    linkId: integer('link_id').references(() => links.id),
    reviewerId: integer('reviewer_id').notNull().references(() => users.id),
    decision: text('decision', { enum: DECISIONS }).notNull(),
    reason: text('reason').notNull().default(''),
    /** A lead's settlement of a disputed item: overrides the other reviews. */
    isFinal: integer('is_final', { mode: 'boolean' }).notNull().default(false),
    /** The item's version that was reviewed. */
    targetVersion: integer('target_version').notNull(),
    createdAt: createdAt(),
    /** Set when the reviewer replaces this review with a newer one. */
    supersededAt: integer('superseded_at', { mode: 'timestamp_ms' }),
    /**
     * The author of the reviewed annotation or link (filled on insert, by a trigger if the
     * insert did not): the inbox reads the newest reviews of my items by this index.
     */
    targetAuthorId: integer('target_author_id').references(() => users.id),
  },
  (t) => [
    index('reviews_annotation_idx').on(t.annotationId),
    index('reviews_link_idx').on(t.linkId),
    // "Has this reviewer a current review of this item": the review queue, inbox, agreement.
    index('reviews_annotation_reviewer_idx').on(t.annotationId, t.reviewerId, t.supersededAt),
    index('reviews_link_reviewer_idx').on(t.linkId, t.reviewerId, t.supersededAt),
    index('reviews_reviewer_idx').on(t.reviewerId, t.projectId),
    index('reviews_project_reviewer_idx').on(t.projectId, t.reviewerId),
    index('reviews_target_author_idx').on(t.targetAuthorId, t.createdAt),
    // A reviewer's live reviews only: the queue's "already reviewed by me".
    index('reviews_live_reviewer_idx').on(t.projectId, t.reviewerId, t.annotationId, t.linkId).where(sql`superseded_at is null`),
    check('reviews_target_check', sql`(${t.annotationId} is null) <> (${t.linkId} is null)`),
  ],
);

export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id').notNull().references(() => projects.id),
    annotationId: integer('annotation_id').references(() => annotations.id),
    linkId: integer('link_id').references(() => links.id),
    parentId: integer('parent_id'),
    authorId: integer('author_id').notNull().references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
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

/** Claim verdicts: reviewers propose, a lead's final one becomes the claim's verdict. */
export const verdicts = sqliteTable(
  'verdicts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id').notNull().references(() => projects.id),
    annotationId: integer('annotation_id').notNull().references(() => annotations.id),
    authorId: integer('author_id').notNull().references(() => users.id),
    verdict: text('verdict', { enum: VERDICTS }).notNull(),
    rationale: text('rationale').notNull().default(''),
    evidenceLinkIds: text('evidence_link_ids', { mode: 'json' }).$type<number[]>().notNull().default([]),
    isFinal: integer('is_final', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('verdicts_annotation_idx').on(t.annotationId), index('verdicts_project_idx').on(t.projectId)],
);

/** Append-only audit log, written in the same transaction as the change it records. */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id'),
    actorId: integer('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_entity_idx').on(t.entityType, t.entityId),
    index('events_project_idx').on(t.projectId, t.createdAt),
    index('events_actor_idx').on(t.actorId),
  ],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull().references(() => users.id),
  name: text('name').notNull(),
  /** sha256 of the token; the token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  /** First characters of the token so a person can tell tokens apart. */
  tokenPrefix: text('token_prefix').notNull(),
  createdAt: createdAt(),
  lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
});

/**
 * Browser sessions, one per sign-in: the session cookie names its row, so that signing out
 * ends it on the server and it lives 8 hours from sign-in however often it is read.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    /** Random, 32 bytes base64url; carried in the (encrypted) session cookie. */
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed sign-ins, for throttling per account and address. */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('login_failures_key_idx').on(t.email, t.ip, t.createdAt)],
);

/**
 * The inbox by recipient: one row per (source row, person whose inbox it reaches), written by
 * triggers in the transaction of the write (drizzle/0022_inbox_entries.sql), so the inbox and
 * its badge walk (recipient, source, time) newest first. Who may see a row now is checked when
 * it is read; `cli check` compares the table with its derivation (view inbox_entries_derived).
 */
export const inboxEntries = sqliteTable(
  'inbox_entries',
  {
    source: text('source', { enum: INBOX_SOURCES }).notNull(),
    /** The comment, verdict, annotation or link (for changed_*) the row is about. */
    sourceId: integer('source_id').notNull(),
    recipientId: integer('recipient_id').notNull(),
    /** The source row's time; for changed_* the time of the item's latest event at its current substance version. */
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.sourceId, t.recipientId] }), index('inbox_entries_recipient_idx').on(t.recipientId, t.source, t.createdAt, t.sourceId)],
);

/** When each user last opened their inbox: unread = newer items than this. */
export const inboxState = sqliteTable('inbox_state', {
  userId: integer('user_id').primaryKey().references(() => users.id),
  lastReadAt: integer('last_read_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * How a project publishes fact-checks (schema.org ClaimReview): the organization that signs
 * them and the public address of each fact-check. One row per project; set by a lead.
 */
export const publishingSettings = sqliteTable('publishing_settings', {
  projectId: integer('project_id').primaryKey().references(() => projects.id),
  organizationName: text('organization_name').notNull(),
  organizationUrl: text('organization_url').notNull(),
  logoUrl: text('logo_url'),
  /** The public fact-check address, with {claimId} (and optionally {articleId}, {project}) filled per claim. */
  factCheckUrlPattern: text('fact_check_url_pattern').notNull(),
  /** Per-claim fact-check addresses that override the pattern: claim annotation id -> URL. */
  claimUrls: text('claim_urls', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
});

/**
 * The claim board's clusters (lib/data/boardClusters.ts): connected groups of live, non-rejected
 * links with at least one claim. Triggers (drizzle migration claim_board) record, in the same
 * transaction as every write that can change a cluster, the statements it touched in
 * board_dirty; the next read of the board recomputes just their clusters. A first read (or a
 * deleted article) bumps `generation` for a full rebuild of the project instead.
 */
export const boardState = sqliteTable('board_state', {
  projectId: integer('project_id').primaryKey(),
  generation: integer('generation').notNull().default(1),
  builtGeneration: integer('built_generation').notNull().default(0),
  clusters: integer('clusters').notNull().default(0),
  linkedClusters: integer('linked_clusters').notNull().default(0),
  contested: integer('contested').notNull().default(0),
  links: integer('links').notNull().default(0),
  disagreements: integer('disagreements').notNull().default(0),
});

/** Statements whose cluster must be recomputed before the board is read again. */
export const boardDirty = sqliteTable(
  'board_dirty',
  {
    projectId: integer('project_id').notNull(),
    annotationId: integer('annotation_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.annotationId] })],
);

/** One row per cluster; its id is its head, the claim most others link to. */
export const boardClusters = sqliteTable(
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
    newest: integer('newest').notNull(),
  },
  (t) => [
    index('board_clusters_contested_idx').on(t.projectId, t.contested, t.corroborates, t.clusterId),
    index('board_clusters_corroborated_idx').on(t.projectId, t.corroborates, t.contested, t.clusterId),
    index('board_clusters_newest_idx').on(t.projectId, t.newest, t.clusterId),
    index('board_clusters_unreviewed_idx').on(t.projectId, t.unreviewed, t.newest, t.clusterId),
  ],
);

/**
 * Every linked statement and every claim, with its outlet and the link that joins it to its
 * cluster (null for the head). Statements of components without a claim have cluster 0.
 */
export const boardMembers = sqliteTable(
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

/** The counted links (live, not rejected, live ends) by outlet pair (a < b), for the outlet graph's GROUP BY. */
export const boardLinks = sqliteTable(
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

/**
 * board_links summed per outlet pair: the outlet graph's edges without a GROUP BY over every
 * counted link. Kept by triggers on board_links (drizzle/0021_board_outlet_pairs.sql).
 */
export const boardOutletPairs = sqliteTable(
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

/** Statements and clusters per outlet (claim clusters only), kept with the clusters. */
export const boardOutlets = sqliteTable(
  'board_outlets',
  {
    projectId: integer('project_id').notNull(),
    outlet: text('outlet').notNull(),
    statements: integer('statements').notNull(),
    clusters: integer('clusters').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.outlet] })],
);

/**
 * Agreement cache (lib/data/agreement.ts): one row per article whose figures are computed, with
 * the reviewers who tagged it. Triggers (drizzle migration "agreement_cache") delete an
 * article's row and its pair rows in the same transaction as any write that changes them
 * (annotation insert, span/label/author/delete update, hard delete; article body change, archive
 * and restore), so a row that exists is never stale; a missing row is recomputed on the next
 * read. An archived article has no rows.
 */
export const agreementArticles = sqliteTable(
  'agreement_articles',
  {
    articleId: integer('article_id').primaryKey().references(() => articles.id, { onDelete: 'cascade' }),
    projectId: integer('project_id').notNull().references(() => projects.id),
    /** JSON array of the ids of the reviewers with live spans on the article, ascending. */
    authors: text('authors', { mode: 'json' }).$type<number[]>().notNull(),
  },
  (t) => [index('agreement_articles_project_idx').on(t.projectId)],
);

/**
 * Per article and pair of its reviewers (a < b): the counts the project figures pool. Kappa
 * needs only the diagonal of the character confusion (agree0..3: none, claim, quote, context)
 * and each reviewer's character count per label (a0..3, b0..3).
 */
export const agreementPairs = sqliteTable(
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
    /** How many entries the pair's disagreement list has on this article. */
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

/**
 * Link F1 cache (drizzle migration "agree2_link_cache"): a row says the author's link keys in
 * the project are current; triggers delete it on any write that can change one (a link's
 * insert, delete, relation, ends, author; an end's span, article or deletion; an end's article
 * archived or restored), and the next read recomputes that author's keys and pairs.
 */
export const agreementLinkAuthors = sqliteTable(
  'agreement_link_authors',
  {
    projectId: integer('project_id').notNull().references(() => projects.id),
    authorId: integer('author_id').notNull(),
    /** How many live links the author has (the multiset's size). */
    links: integer('links').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.authorId] })],
);

/** An author's live links as a multiset: key "(sorted ends article:start:end)|relation", count. */
export const agreementLinkKeys = sqliteTable(
  'agreement_link_keys',
  {
    projectId: integer('project_id').notNull().references(() => projects.id),
    authorId: integer('author_id').notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.authorId, t.key] })],
);

/** One-to-one link matches of two authors (a < b), valid while both have an agreement_link_authors row. */
export const agreementLinkPairs = sqliteTable(
  'agreement_link_pairs',
  {
    projectId: integer('project_id').notNull().references(() => projects.id),
    a: integer('a').notNull(),
    b: integer('b').notNull(),
    matches: integer('matches').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.a, t.b] }), index('agreement_link_pairs_b_idx').on(t.projectId, t.b)],
);

/**
 * Project totals of the agreement cache (drizzle migration "agree_pair_totals"): per pair of
 * reviewers (a < b) the sums of its agreement_pairs rows, kept by triggers on every insert and
 * delete of those rows, so the pooled figures are read, not summed. `articles`: how many rows.
 */
export const agreementPairTotals = sqliteTable(
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

/** Per project and reviewer, how many agreement_articles rows name them (kept by triggers): the page's reviewers. */
export const agreementAuthors = sqliteTable(
  'agreement_authors',
  {
    projectId: integer('project_id').notNull().references(() => projects.id),
    authorId: integer('author_id').notNull(),
    articles: integer('articles').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.authorId] })],
);

/**
 * Where an article imported from a web page came from (issue 16 item 4): the raw HTML with its
 * sha256, the addresses asked and reached, which source gave each metadata field and what the
 * clean extraction removed. One row per article imported from .html or a URL.
 */
export const articleSources = sqliteTable('article_sources', {
  articleId: integer('article_id').primaryKey().references(() => articles.id),
  kind: text('kind', { enum: ['html-file', 'url'] }).notNull(),
  fileName: text('file_name'),
  requestedUrl: text('requested_url'),
  finalUrl: text('final_url'),
  contentType: text('content_type'),
  rawHtml: text('raw_html').notNull(),
  rawSha256: text('raw_sha256').notNull(),
  /** Everything the page states about itself (also dateModified, canonical URL), as read. */
  metadata: text('metadata', { mode: 'json' }).$type<Record<string, string | null>>().notNull().default({}),
  /** Which source gave each field: 'json-ld' | 'og' | 'meta' | 'title' | 'link' | 'readability' | 'file'. */
  metadataSources: text('metadata_sources', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
  /** What the extraction left out: counts and first lines per kind (navigation, ads, ...). */
  removed: text('removed', { mode: 'json' }).$type<unknown>().notNull().default({}),
  fetchedAt: integer('fetched_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
});

/**
 * Every text an article has had: revision 1 is the import, each later one a re-import of the
 * same address, an API call or a clean-up. articles.body is a copy of the newest, so every
 * other query reads the current text where it always did.
 */
export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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

/**
 * Where each annotation was on each revision: written when a revision is created, for the
 * revision left behind and for the new one (offsets null when orphaned there), so an old
 * revision is shown with its spans.
 */
export const annotationAnchors = sqliteTable(
  'annotation_anchors',
  {
    annotationId: integer('annotation_id').notNull().references(() => annotations.id),
    revision: integer('revision').notNull(),
    start: integer('start'),
    end: integer('end'),
    exact: text('exact').notNull(),
    state: text('state', { enum: ANCHOR_STATES }).notNull(),
    score: real('score').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.annotationId, t.revision] })],
);

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
import { ROLES, LABELS, RELATIONS, DECISIONS, STATUSES, VERDICTS, ANCHOR_STATES, REVISION_SOURCES } from '../domain';

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;
const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now);

// The enums live in lib/domain.ts (client and server share them); re-exported for lib/data.
export { ROLES, LABELS, RELATIONS, DECISIONS, STATUSES, VERDICTS } from '../domain';
export type { Role, Label, Relation, Decision, Status, Verdict } from '../domain';

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
    /** The number of the revision `body` is (article_revisions); 1 until the text is revised. */
    currentRevision: integer('current_revision').notNull().default(1),
  },
  (t) => [uniqueIndex('articles_project_sha_idx').on(t.projectId, t.sha256)],
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
  },
  (t) => [
    index('reviews_annotation_idx').on(t.annotationId),
    index('reviews_link_idx').on(t.linkId),
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
  (t) => [index('verdicts_annotation_idx').on(t.annotationId)],
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

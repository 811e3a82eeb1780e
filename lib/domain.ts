/**
 * The domain's shared vocabulary: the enums of the model and the JSON shapes the API returns.
 * Client components and the server both import it; it imports nothing, so a client bundle
 * never pulls in the database layer through a type.
 */

export const ROLES = ['lead', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const LABELS = ['claim', 'quote', 'context'] as const;
export type Label = (typeof LABELS)[number];
export const RELATIONS = ['corroborates', 'conflicts'] as const;
export type Relation = (typeof RELATIONS)[number];
export const DECISIONS = ['accept', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];
export const STATUSES = ['proposed', 'accepted', 'rejected', 'disputed'] as const;
export type Status = (typeof STATUSES)[number];
export const VERDICTS = ['true', 'mostly-true', 'mixed', 'misleading', 'false', 'unverifiable'] as const;
export type Verdict = (typeof VERDICTS)[number];
/** Re-anchoring states of a span after a revision (lib/anchoring/reanchor.ts). */
export const ANCHOR_STATES = ['kept', 'edited', 'moved', 'orphaned'] as const;
export type AnchorStateName = (typeof ANCHOR_STATES)[number];
/** Where a revision of an article came from. */
export const REVISION_SOURCES = ['import', 'reimport', 'api', 'cleanup'] as const;
export type RevisionSource = (typeof REVISION_SOURCES)[number];
/** Where an inbox row comes from (drizzle/0022_inbox_entries.sql; reviews of my items are read from reviews). */
export const INBOX_SOURCES = ['mine', 'reviewed', 'reply', 'verdict', 'changed_annotation', 'changed_link'] as const;
export type InboxSource = (typeof INBOX_SOURCES)[number];
/** The longest note, rationale, reason or comment the server keeps, in UTF-16 code units. */
export const MAX_NOTE = 10_000;

/**
 * The error codes of the API's answers ({"error": {"code", "message", "details"?}}) and the HTTP
 * status each goes with. The server raises them (lib/errors.ts); the browser keys on them
 * (lib/client/api.ts), so both read the names from here.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The annotation JSON the API returns (lib/data builds it). Offsets are UTF-16 code units. */
export interface AnnotationLinkView {
  id: number;
  relation: Relation;
  otherAnnotationId: number;
  otherArticleId: number;
  otherOutlet: string | null;
  otherArticleTitle: string;
  otherExact: string;
  authorId: number;
  status: Status;
}

export interface AnnotationAttributes {
  speaker?: string;
  quoteKind?: 'verbatim' | 'paraphrase';
  verdict?: string;
  [key: string]: unknown;
}

export interface AnnotationView {
  id: number;
  articleId: number;
  projectId: number;
  authorId: number;
  authorName: string;
  label: Label;
  start: number;
  end: number;
  startCodePoint: number;
  endCodePoint: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  attributes: AnnotationAttributes;
  status: Status;
  version: number;
  createdAt: string;
  updatedAt: string;
  links: AnnotationLinkView[];
  /**
   * Where the last re-anchoring put the span: its state, score and the revision it refers to.
   * The server always sends it; optional only for the reader's optimistic drafts.
   */
  anchor?: AnnotationAnchor;
}

export interface AnnotationAnchor {
  state: AnchorStateName;
  score: number;
  revision: number;
  /** Waiting in the re-anchoring queue. */
  pending: boolean;
  /** 'quote-changed' when a verbatim quote's text changed. */
  flag: string | null;
}

/** What a live stream (GET /api/live) tells about one change: enough to know what to refetch. */
export const LIVE_ENTITY_TYPES = ['annotation', 'link', 'review', 'comment', 'verdict', 'article'] as const;
export interface LiveChange {
  /** The event id: the stream's `id:` field, sent back as Last-Event-ID after a reconnect. */
  id: number;
  projectId: number;
  entityType: (typeof LIVE_ENTITY_TYPES)[number];
  entityId: number | null;
  action: string;
  /** Whether the caller made the change (a tab need not announce its own writes). */
  mine: boolean;
}

/**
 * The records every serializer consumes: one article with everything the export includes
 * about it. lib/data/exports.ts builds them from one read snapshot; the serializers are pure
 * functions over an iterable of them, so they stream and are tested without a database.
 */
import type { Decision, Label, Relation, Status, Verdict } from '../domain';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'csv-raw', 'w3c', 'brat', 'fever', 'claimreview', 'labelstudio', 'spans', 'doccano'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Version of the native JSONL layout; bumped on any incompatible change. */
export const NATIVE_FORMAT_VERSION = 1;

export interface ExportPerson {
  id: number;
  name: string;
}

export interface ExportReview {
  id: number;
  reviewer: ExportPerson;
  decision: Decision;
  reason: string;
  isFinal: boolean;
  targetVersion: number;
  createdAt: string;
  supersededAt: string | null;
}

export interface ExportVerdict {
  id: number;
  author: ExportPerson;
  verdict: Verdict;
  rationale: string;
  evidenceLinkIds: number[];
  isFinal: boolean;
  createdAt: string;
}

export interface ExportAnnotation {
  id: number;
  articleId: number;
  author: ExportPerson;
  label: Label;
  /** [start, end) in UTF-16 code units of the article body. */
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  attributes: Record<string, unknown>;
  status: Status;
  version: number;
  createdAt: string;
  updatedAt: string;
  reviews: ExportReview[];
  /** Every live verdict row of a claim, oldest first; the final one decides. */
  verdicts: ExportVerdict[];
  /** Exported links touching this annotation, whichever end it is. */
  linked: LinkedRef[];
  /** The article revision start/end refer to (number and sha256 of its body); see docs/revisions.md. */
  revision?: number;
  revisionSha256?: string;
  /** How the last revision's re-anchoring placed the span. */
  anchor?: { state: string; score: number };
}

/** A link seen from one of its ends. */
export interface LinkedRef {
  linkId: number;
  relation: Relation;
  status: Status;
  other: LinkEnd;
}

/** One end of a link, enough to point at the span without loading the other article. */
export interface LinkEnd {
  annotationId: number;
  articleId: number;
  label: Label;
  start: number;
  end: number;
  /** Code point offsets in the end's own article body. */
  startCp: number;
  endCp: number;
  exact: string;
}

export interface ExportLink {
  id: number;
  fromAnnotationId: number;
  toAnnotationId: number;
  relation: Relation;
  note: string;
  author: ExportPerson;
  status: Status;
  version: number;
  createdAt: string;
  updatedAt: string;
  reviews: ExportReview[];
  from: LinkEnd;
  to: LinkEnd;
}

export interface ExportArticle {
  id: number;
  title: string;
  outlet: string | null;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  body: string;
  sha256: string;
  importedAt: string;
  /** Annotations of this article that pass the filters, by start offset. */
  annotations: ExportAnnotation[];
  /** Links whose lower-id end (fromAnnotationId) is in this article: each link appears once. */
  links: ExportLink[];
}

export interface ExportFilters {
  status?: Status[];
  label?: Label[];
  author?: number[];
  articles?: number[];
}

/** How the project publishes fact-checks (ClaimReview needs it): see lib/data/publishing.ts. */
export interface PublishingSettings {
  organizationName: string;
  organizationUrl: string;
  logoUrl: string | null;
  /** The public address of a fact-check, with {claimId} (and optionally {articleId}, {project}). */
  factCheckUrlPattern: string;
  /** Addresses of single fact-checks that override the pattern: claim annotation id -> URL. */
  claimUrls: Record<string, string>;
}

/** What the export is about: written into manifests and headers. */
export interface ExportContext {
  project: { id: number; slug: string; name: string };
  filters: ExportFilters;
  generatedAt: string;
  /** Absolute origin for IRIs, e.g. "https://desk.example.org" (no trailing slash). */
  baseUrl: string;
  /** Reviews counts every row (replaced ones too); liveReviews only those still in force. */
  counts: { articles: number; annotations: number; links: number; reviews: number; liveReviews: number };
  /** The publishing organization and fact-check addresses (set for ClaimReview exports). */
  publishing?: PublishingSettings;
}

/** The live final verdict of a claim (latest final row), or null. */
export function finalVerdict(annotation: { verdicts: ExportVerdict[] }): ExportVerdict | null {
  let found: ExportVerdict | null = null;
  for (const v of annotation.verdicts) if (v.isFinal && (!found || v.id > found.id)) found = v;
  return found;
}

/** Reviews still in force (not replaced by a newer review from the same reviewer). */
export function liveReviews(reviews: ExportReview[]): ExportReview[] {
  return reviews.filter((r) => r.supersededAt === null);
}

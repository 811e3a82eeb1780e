/**
 * The annotation JSON the API returns (lib/data/annotations.ts builds it), shared by the
 * reader's client components and the extension slot. Offsets are UTF-16 code units.
 */
import type { Label, Relation, Role, Status } from '@/lib/db/schema';

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
}

/** Props every extension of the side panel receives (see AnnotationExtras). */
export interface AnnotationExtrasProps {
  annotation: AnnotationView;
  projectId: number;
  articleId: number;
  currentUserId: number;
  role: Role;
  /** Call after changing something server-side so the reader reloads this annotation. */
  onChanged: () => void;
}

/** Types of the reader's extension slot (the side panel's per-annotation extras). */
import type { AnnotationView, Role } from '@/lib/domain';

export type { AnnotationAttributes, AnnotationLinkView, AnnotationView } from '@/lib/domain';

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

/** How relations are named and drawn everywhere (colour-blind safe: blue vs vermillion, plus a glyph). */
import type { Relation } from '@/lib/domain';

export const RELATION_NAMES: Record<Relation, string> = { corroborates: 'Corroborates', conflicts: 'Conflicts' };
export const RELATION_GLYPHS: Record<Relation, string> = { corroborates: '✓', conflicts: '✕' };
export const RELATION_KEYS: Record<Relation, string> = { corroborates: 'c', conflicts: 'x' };
export const RELATION_COLOURS: Record<Relation, string> = { corroborates: '#0072b2', conflicts: '#d55e00' };

/** The reader URL that focuses `annotationId` and remembers where the reviewer came from. */
export function focusUrl(projectId: number, articleId: number, annotationId: number, fromAnnotationId?: number): string {
  const from = fromAnnotationId ? `&from=${fromAnnotationId}` : '';
  return `/projects/${projectId}/articles/${articleId}?focus=${annotationId}${from}`;
}

/**
 * Pure steps of the reader's annotation store: the text order of the list, the optimistic view
 * of a draft before the server answers, merging a poll's changes, and what undoing an edit restores.
 */
import type { Label } from '@/lib/domain';
import type { AnnotationInput } from './annotationsApi';
import type { AnnotationView } from './types';

export type AnnotationMap = Map<number, AnnotationView>;

export interface Draft {
  label: Label;
  start: number;
  end: number;
  exact: string;
}

export interface DraftContext {
  articleId: number;
  projectId: number;
  me: { id: number; name: string };
}

export interface PolledChanges {
  annotations: AnnotationView[];
  deletedIds: number[];
}

let tempIds = 0;

export function byText(a: AnnotationView, b: AnnotationView): number {
  return a.start - b.start || a.end - b.end || a.id - b.id;
}

/** The draft as the list shows it until the server answers: a negative id, no links, proposed. */
export function optimisticView(draft: Draft, { articleId, projectId, me }: DraftContext): AnnotationView {
  const now = new Date().toISOString();
  return {
    id: -++tempIds, articleId, projectId, authorId: me.id, authorName: me.name, ...draft,
    startCodePoint: 0, endCodePoint: 0, prefix: '', suffix: '', note: '', attributes: {}, status: 'proposed', version: 0,
    createdAt: now, updatedAt: now, links: [],
  };
}

/** Applies a poll's answer: newer versions replace older ones, deleted ids leave the list. */
export function mergeChanges(items: AnnotationMap, changes: PolledChanges): AnnotationMap {
  const next = new Map(items);
  for (const a of changes.annotations) if ((next.get(a.id)?.version ?? -1) <= a.version) next.set(a.id, a);
  for (const id of changes.deletedIds) next.delete(id);
  return next;
}

/** The fields an edit changed, as they were before it (what Ctrl+Z sends back). */
export function valuesBefore(current: AnnotationView, changes: AnnotationInput): AnnotationInput {
  const before: AnnotationInput = {};
  for (const key of Object.keys(changes) as Array<keyof AnnotationInput>) if (key !== 'exact') Object.assign(before, { [key]: current[key] });
  return before;
}

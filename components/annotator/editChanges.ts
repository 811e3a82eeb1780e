/** What an edit of one's own annotation changes: only the fields that differ from the stored ones. */
import type { Label } from '@/lib/domain';
import type { AnnotationInput } from './annotationsApi';
import type { AnnotationView } from './types';

export interface EditFields {
  label: Label;
  note: string;
  speaker: string;
  quoteKind: string;
  span: { start: number; end: number };
}

export function editFieldsOf(annotation: AnnotationView): EditFields {
  return {
    label: annotation.label,
    note: annotation.note,
    speaker: String(annotation.attributes.speaker ?? ''),
    quoteKind: String(annotation.attributes.quoteKind ?? ''),
    span: { start: annotation.start, end: annotation.end },
  };
}

/** The changes to send; empty when nothing changed. Speaker and kind count only for a quote. */
export function changesOf(annotation: AnnotationView, { label, note, speaker, quoteKind, span }: EditFields): AnnotationInput {
  const changes: AnnotationInput = {};
  if (label !== annotation.label) changes.label = label;
  if (note !== annotation.note) changes.note = note;
  if (span.start !== annotation.start || span.end !== annotation.end) Object.assign(changes, span);
  if (label === 'quote') {
    const attributes: Record<string, unknown> = {};
    if (speaker.trim()) attributes.speaker = speaker.trim();
    if (quoteKind) attributes.quoteKind = quoteKind;
    if (attributes.speaker !== annotation.attributes.speaker || attributes.quoteKind !== annotation.attributes.quoteKind) changes.attributes = attributes;
  }
  return changes;
}

'use client';
/**
 * Editing one's own annotation: label, note, quote speaker (with suggestions from the project)
 * and verbatim/paraphrase, and the boundaries, moved a word at a time with a live preview.
 */
import { useState } from 'react';
import { LABELS, MAX_NOTE } from '@/lib/domain';
import { moveEdge } from '@/lib/anchoring/snap';
import { useModalDialog } from '@/components/useModalDialog';
import type { AnnotationInput } from './annotationsApi';
import { changesOf, editFieldsOf, type EditFields } from './editChanges';
import { LABEL_NAMES } from './labels';
import { QuoteFields } from './QuoteFields';
import { SpanBoundaries } from './SpanBoundaries';
import type { AnnotationView } from './types';
import styles from './Reader.module.css';

interface Props {
  annotation: AnnotationView;
  body: string;
  speakers: string[];
  /** `version`: the annotation's version when the dialog opened, which the save must be based on. */
  onSave: (changes: AnnotationInput, version: number) => Promise<boolean>;
  onClose: () => void;
}

export function EditDialog({ annotation, body, speakers, onSave, onClose }: Props) {
  const ref = useModalDialog(onClose);
  const [fields, setFields] = useState<EditFields>(() => editFieldsOf(annotation));
  // The edit is of what the dialog opened on, even if a live update changes it meanwhile.
  const [openedVersion] = useState(annotation.version);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof EditFields>(key: K) => (value: EditFields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const { label, note, span } = fields;

  const move = (edge: 'start' | 'end', delta: 1 | -1) => {
    setFields((f) => ({ ...f, span: moveEdge(body, f.span, edge, delta) }));
  };

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const changes = changesOf(annotation, fields);
    if (Object.keys(changes).length === 0) return onClose();
    setSaving(true);
    const ok = await onSave(changes, openedVersion);
    setSaving(false);
    if (ok) onClose();
  }

  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby="edit-title" data-testid="edit-dialog">
      <form onSubmit={save} className="stack">
        <h2 id="edit-title" className={styles.dialogTitle}>Edit annotation</h2>
        <fieldset className={styles.labelChoice}>
          <legend>Label</legend>
          {LABELS.map((l) => (
            <label key={l} className={styles.radio}>
              <input type="radio" name="label" value={l} checked={label === l} onChange={() => set('label')(l)} /> {LABEL_NAMES[l]}
            </label>
          ))}
        </fieldset>
        <SpanBoundaries text={body.slice(span.start, span.end)} onMove={move} />
        {label === 'quote' ? (
          <QuoteFields speaker={fields.speaker} onSpeaker={set('speaker')} quoteKind={fields.quoteKind} onQuoteKind={set('quoteKind')} speakers={speakers} />
        ) : null}
        <label className="field">
          Note
          <textarea value={note} maxLength={MAX_NOTE} onChange={(e) => set('note')(e.target.value)} placeholder="Why this matters, sources to check…" />
          <span className="muted small">{note.length.toLocaleString()} / {MAX_NOTE.toLocaleString()}</span>
        </label>
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={saving}>{saving ? 'Saving…' : 'Save'}</button>
        </div>
      </form>
    </dialog>
  );
}

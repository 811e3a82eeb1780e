'use client';
/**
 * Editing one's own annotation: label, note, quote speaker (with suggestions from the project)
 * and verbatim/paraphrase, and the boundaries, moved a word at a time with a live preview.
 */
import { useEffect, useRef, useState } from 'react';
import { LABELS, MAX_NOTE_CLIENT, type LabelName } from './editFields';
import { moveByWord } from '@/lib/anchoring/snap';
import type { AnnotationInput } from './api';
import type { AnnotationView } from './types';
import { LABEL_NAMES } from './labels';
import styles from './Reader.module.css';

interface Props {
  annotation: AnnotationView;
  body: string;
  speakers: string[];
  onSave: (changes: AnnotationInput) => Promise<boolean>;
  onClose: () => void;
}

export function EditDialog({ annotation, body, speakers, onSave, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [label, setLabel] = useState<LabelName>(annotation.label);
  const [note, setNote] = useState(annotation.note);
  const [speaker, setSpeaker] = useState(String(annotation.attributes.speaker ?? ''));
  const [quoteKind, setQuoteKind] = useState(String(annotation.attributes.quoteKind ?? ''));
  const [span, setSpan] = useState({ start: annotation.start, end: annotation.end });
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const move = (edge: 'start' | 'end', delta: 1 | -1) => {
    setSpan((s) => {
      const next = { ...s, [edge]: moveByWord(body, s[edge], delta) };
      return next.end > next.start ? next : s;
    });
  };

  async function save(event: React.FormEvent) {
    event.preventDefault();
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
    if (Object.keys(changes).length === 0) return onClose();
    setSaving(true);
    const ok = await onSave(changes);
    setSaving(false);
    if (ok) onClose();
  }

  return (
    <dialog ref={ref} className={styles.dialog} onClose={onClose} aria-labelledby="edit-title" data-testid="edit-dialog">
      <form onSubmit={save} className="stack">
        <h2 id="edit-title" className={styles.dialogTitle}>Edit annotation</h2>
        <fieldset className={styles.labelChoice}>
          <legend>Label</legend>
          {LABELS.map((l) => (
            <label key={l} className={styles.radio}>
              <input type="radio" name="label" value={l} checked={label === l} onChange={() => setLabel(l)} /> {LABEL_NAMES[l]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <span>Text</span>
          <blockquote className={styles.preview} data-testid="edit-preview">{body.slice(span.start, span.end)}</blockquote>
          <div className={styles.boundaries}>
            <span className="muted small">Start</span>
            <button type="button" className="btn btn-small" onClick={() => move('start', -1)} aria-label="Start one word earlier">◀ word</button>
            <button type="button" className="btn btn-small" onClick={() => move('start', 1)} aria-label="Start one word later">word ▶</button>
            <span className="muted small">End</span>
            <button type="button" className="btn btn-small" onClick={() => move('end', -1)} aria-label="End one word earlier">◀ word</button>
            <button type="button" className="btn btn-small" onClick={() => move('end', 1)} aria-label="End one word later">word ▶</button>
          </div>
        </div>
        {label === 'quote' ? (
          <div className={styles.twoCols}>
            <label className="field">
              Speaker
              <input type="text" list="speaker-suggestions" value={speaker} maxLength={200} onChange={(e) => setSpeaker(e.target.value)} placeholder="Who said it" />
              <datalist id="speaker-suggestions">
                {speakers.map((s) => <option key={s} value={s} />)}
              </datalist>
            </label>
            <label className="field">
              Kind
              <select value={quoteKind} onChange={(e) => setQuoteKind(e.target.value)}>
                <option value="">Not set</option>
                <option value="verbatim">Verbatim</option>
                <option value="paraphrase">Paraphrase</option>
              </select>
            </label>
          </div>
        ) : null}
        <label className="field">
          Note
          <textarea value={note} maxLength={MAX_NOTE_CLIENT} onChange={(e) => setNote(e.target.value)} placeholder="Why this matters, sources to check…" />
          <span className="muted small">{note.length.toLocaleString()} / {MAX_NOTE_CLIENT.toLocaleString()}</span>
        </label>
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={saving}>{saving ? 'Saving…' : 'Save'}</button>
        </div>
      </form>
    </dialog>
  );
}

'use client';
/** The picker's footer: relation (c / x), label for an unannotated sentence, rationale, Link. */
import { LABELS, MAX_NOTE, RELATIONS, type Label, type Relation } from '@/lib/domain';
import { LABEL_NAMES } from '@/components/annotator/labels';
import { RELATION_GLYPHS, RELATION_KEYS, RELATION_NAMES } from './relations';
import styles from './links.module.css';

interface Props {
  target: string | null;
  needsLabel: boolean;
  relation: Relation | null;
  onRelation: (r: Relation) => void;
  label: Label;
  onLabel: (l: Label) => void;
  note: string;
  onNote: (n: string) => void;
  busy: boolean;
  onSubmit: () => void;
}

export function LinkConfirm(p: Props) {
  const ready = !!p.target && !!p.relation && !p.busy && p.note.length <= MAX_NOTE;
  return (
    <div className={styles.confirm}>
      <div className={styles.confirmRow}>
        <div className={styles.relationChoice} role="radiogroup" aria-label="Relation">
          {RELATIONS.map((r) => (
            <button key={r} type="button" role="radio" aria-checked={p.relation === r} className={`${styles.relationButton} ${styles[`choice_${r}`]}`}
              onClick={() => p.onRelation(r)} data-testid={`relation-${r}`}>
              <span aria-hidden="true">{RELATION_GLYPHS[r]}</span> {RELATION_NAMES[r]} <kbd>{RELATION_KEYS[r]}</kbd>
            </button>
          ))}
        </div>
        {p.needsLabel ? (
          <label className={styles.labelChoice}>
            <span>Annotate the sentence as</span>
            <select value={p.label} onChange={(e) => p.onLabel(e.target.value as Label)} data-testid="sentence-label">
              {LABELS.map((l) => <option key={l} value={l}>{LABEL_NAMES[l]}</option>)}
            </select>
          </label>
        ) : null}
      </div>
      <label className={styles.rationale_field}>
        <span className="sr-only">Rationale (optional)</span>
        <textarea value={p.note} onChange={(e) => p.onNote(e.target.value)} rows={2} placeholder="Rationale (optional): why do these statements agree or disagree?"
          onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); if (ready) p.onSubmit(); } }}
          data-testid="link-rationale" />
        {p.note.length > MAX_NOTE ? <span className={styles.tooLong}>{p.note.length.toLocaleString('en')} / {MAX_NOTE.toLocaleString('en')} characters</span> : null}
      </label>
      <div className={styles.confirmRow}>
        <span className={styles.confirmTarget}>
          {p.target ? <>Linking to <strong>{p.target}</strong></> : 'Choose a statement above.'}
          <span className={styles.hints}><kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>c</kbd> / <kbd>x</kbd> relation · <kbd>Enter</kbd> link · <kbd>Esc</kbd> close</span>
        </span>
        <button type="button" className="btn btn-primary" disabled={!ready} onClick={p.onSubmit} data-testid="create-link">
          {p.busy ? 'Linking…' : p.relation ? `Link as ${RELATION_NAMES[p.relation].toLowerCase()}` : 'Link'}
        </button>
      </div>
    </div>
  );
}

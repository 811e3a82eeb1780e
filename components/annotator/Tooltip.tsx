'use client';
/** What is under the pointer (or the annotation chosen with the keyboard): label, author, note. */
import type { AnnotationView } from './types';
import styles from './Reader.module.css';
import { LABEL_NAMES } from './labels';

export function Tooltip({ items, x, y }: { items: AnnotationView[]; x: number; y: number }) {
  if (items.length === 0) return null;
  return (
    <div className={styles.tooltip} style={{ left: x, top: y }} role="tooltip" data-testid="annotation-tooltip">
      {items.slice(0, 3).map((a) => (
        <div key={a.id} className={styles.tooltipItem}>
          <div className="row">
            <span className={`badge badge-${a.label}`}>{LABEL_NAMES[a.label]}</span>
            <span className={styles.tooltipAuthor}>{a.authorName}</span>
            {a.attributes.speaker ? <span className="muted small">speaker: {String(a.attributes.speaker)}</span> : null}
          </div>
          {a.note ? <p className={styles.tooltipNote}>{a.note.length > 280 ? `${a.note.slice(0, 280)}…` : a.note}</p> : null}
        </div>
      ))}
      {items.length > 3 ? <div className="muted small">and {items.length - 3} more overlapping</div> : null}
    </div>
  );
}

'use client';
/** The edited span's text, and buttons that move its start or end one word at a time. */
import styles from './Reader.module.css';

type Edge = 'start' | 'end';

export function SpanBoundaries({ text, onMove }: { text: string; onMove: (edge: Edge, delta: 1 | -1) => void }) {
  return (
    <div className="field">
      <span>Text</span>
      <blockquote className={styles.preview} data-testid="edit-preview">{text}</blockquote>
      <div className={styles.boundaries}>
        <span className="muted small">Start</span>
        <button type="button" className="btn btn-small" onClick={() => onMove('start', -1)} aria-label="Start one word earlier">◀ word</button>
        <button type="button" className="btn btn-small" onClick={() => onMove('start', 1)} aria-label="Start one word later">word ▶</button>
        <span className="muted small">End</span>
        <button type="button" className="btn btn-small" onClick={() => onMove('end', -1)} aria-label="End one word earlier">◀ word</button>
        <button type="button" className="btn btn-small" onClick={() => onMove('end', 1)} aria-label="End one word later">word ▶</button>
      </div>
    </div>
  );
}

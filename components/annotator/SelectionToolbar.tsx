'use client';
/** The small toolbar that appears over a text selection: Claim, Quote, Context (keys 1, 2, 3). */
import { LABELS, type Label } from '@/lib/domain';
import { LABEL_KEYS, LABEL_NAMES } from './labels';
import styles from './Reader.module.css';

export function SelectionToolbar({ top, left, onPick, onCancel }: { top: number; left: number; onPick: (label: Label) => void; onCancel: () => void }) {
  return (
    <div className={styles.toolbar} style={{ top, left }} role="toolbar" aria-label="Tag the selected text" data-testid="selection-toolbar"
      onMouseDown={(e) => e.preventDefault()}>
      {LABELS.map((label) => (
        <button key={label} type="button" className={`${styles.toolButton} ${styles[`tool_${label}`]}`} onClick={() => onPick(label)}>
          {LABEL_NAMES[label]} <kbd>{LABEL_KEYS[label]}</kbd>
        </button>
      ))}
      <button type="button" className={styles.toolClose} onClick={onCancel} aria-label="Cancel (Esc)" title="Cancel (Esc)">×</button>
    </div>
  );
}

'use client';
/** The small toolbar that appears over a text selection: Claim, Quote, Context (keys 1, 2, 3). */
import type { Label } from '@/lib/domain';
import styles from './Reader.module.css';

export const LABEL_KEYS: Array<[Label, string, string]> = [
  ['claim', 'Claim', '1'],
  ['quote', 'Quote', '2'],
  ['context', 'Context', '3'],
];

export function SelectionToolbar({ top, left, onPick, onCancel }: { top: number; left: number; onPick: (label: Label) => void; onCancel: () => void }) {
  return (
    <div className={styles.toolbar} style={{ top, left }} role="toolbar" aria-label="Tag the selected text" data-testid="selection-toolbar"
      onMouseDown={(e) => e.preventDefault()}>
      {LABEL_KEYS.map(([label, name, key]) => (
        <button key={label} type="button" className={`${styles.toolButton} ${styles[`tool_${label}`]}`} onClick={() => onPick(label)}>
          {name} <kbd>{key}</kbd>
        </button>
      ))}
      <button type="button" className={styles.toolClose} onClick={onCancel} aria-label="Cancel (Esc)" title="Cancel (Esc)">×</button>
    </div>
  );
}

'use client';
/**
 * The small toolbar that appears over a text selection: Claim, Quote, Context (keys 1, 2, 3).
 * It is kept inside the reading column (on a phone the selection can start near the right edge);
 * the key hints give way to larger touch targets on narrow or touch screens (CSS).
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { LABELS, type Label } from '@/lib/domain';
import { LABEL_KEYS, LABEL_NAMES } from './labels';
import styles from './Reader.module.css';

export function SelectionToolbar({ top, left, onPick, onCancel }: { top: number; left: number; onPick: (label: Label) => void; onCancel: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [x, setX] = useState(left);
  useLayoutEffect(() => {
    const el = ref.current;
    const room = el?.parentElement?.clientWidth ?? 0;
    setX(el && room ? Math.max(4, Math.min(left, room - el.offsetWidth - 4)) : left);
  }, [left]);
  return (
    <div ref={ref} className={styles.toolbar} style={{ top: Math.max(4, top), left: x }} role="toolbar" aria-label="Tag the selected text" data-testid="selection-toolbar"
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

'use client';
/**
 * A ring in the label's colour around the selected annotation's text, one box per line. The
 * Highlight API cannot draw outlines, and this is one element per line of one span, so it is
 * cheap; it follows the text on resize (the boxes sit in the reading column, so scrolling
 * needs nothing).
 */
import { useEffect, useState, type RefObject } from 'react';
import type { Label } from '@/lib/domain';
import type { Highlighter } from './highlighter';
import { LABEL_STYLE } from './highlightStyles';
import styles from './Reader.module.css';

interface Box { top: number; left: number; width: number; height: number }

export function SelectionRing({ highlighter, rootRef, id, label, version }: {
  highlighter: RefObject<Highlighter | null>; rootRef: RefObject<HTMLElement | null>; id: number | null; label: Label | undefined; version: unknown;
}) {
  const [boxes, setBoxes] = useState<Box[]>([]);
  useEffect(() => {
    const measure = () => {
      const root = rootRef.current?.getBoundingClientRect();
      const rects = id === null || !root ? [] : highlighter.current?.rects(id) ?? [];
      setBoxes(rects.filter((r) => r.width > 0).map((r) => ({ top: r.top - root!.top - 2, left: r.left - root!.left - 2, width: r.width + 4, height: r.height + 4 })));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [highlighter, rootRef, id, version]);
  if (!label || boxes.length === 0) return null;
  const colour = LABEL_STYLE[label].line;
  return (
    <div aria-hidden="true" data-testid="selection-ring">
      {boxes.map((b, i) => <span key={i} className={styles.ring} style={{ ...b, borderColor: colour }} />)}
    </div>
  );
}

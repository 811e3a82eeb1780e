'use client';
/**
 * The reading column's pointer: hovering hit-tests the body offset (no DOM walk) to highlight
 * and show what is under it; releasing either reads a text selection or selects a highlight.
 */
import type { MouseEvent, RefObject } from 'react';
import type { Highlighter } from './highlighter';
import type { TipState } from './useReaderSelection';

interface Pointer {
  highlighter: RefObject<Highlighter | null>;
  rootRef: RefObject<HTMLElement | null>;
  readSelection: (alt: boolean) => void;
  clearDraft: () => void;
  select: (id: number) => void;
  setTip: (tip: TipState) => void;
  dropMouseTip: () => void;
}

export function readerPointerHandlers({ highlighter, rootRef, readSelection, clearDraft, select, setTip, dropMouseTip }: Pointer) {
  const onMouseMove = (e: MouseEvent) => {
    const h = highlighter.current;
    if (!h || e.buttons) return;
    const hits = h.hitTest(e.clientX, e.clientY);
    h.setState('hover', hits[0]?.id ?? null);
    const root = rootRef.current!.getBoundingClientRect();
    if (hits.length) setTip({ ids: hits.map((s) => s.id), x: e.clientX - root.left + 12, y: e.clientY - root.top + 18, source: 'mouse' });
    else dropMouseTip();
  };

  const onMouseUp = (e: MouseEvent) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return readSelection(e.altKey);
    clearDraft();
    const hit = highlighter.current?.hitTest(e.clientX, e.clientY)[0];
    if (hit) select(hit.id);
  };

  const onMouseLeave = () => {
    highlighter.current?.setState('hover', null);
    dropMouseTip();
  };

  return { onMouseMove, onMouseUp, onMouseLeave };
}

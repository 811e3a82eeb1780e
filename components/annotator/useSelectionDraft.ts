'use client';
/**
 * The text selection waiting to be tagged: read from the DOM, snapped to words (or only to
 * whole characters with Alt), and placed for the toolbar. Also lets Shift+arrows select text
 * in the focused article.
 */
import { useCallback, useEffect, useState, type RefObject } from 'react';
import { snapToGraphemes, snapToWords } from '@/lib/anchoring/snap';
import type { Highlighter } from './highlighter';

export interface DraftSpan {
  start: number;
  end: number;
  /** Toolbar position relative to the reading column. */
  top: number;
  left: number;
}

const EXTEND: Record<string, ['forward' | 'backward', 'character' | 'line']> = {
  ArrowRight: ['forward', 'character'],
  ArrowLeft: ['backward', 'character'],
  ArrowDown: ['forward', 'line'],
  ArrowUp: ['backward', 'line'],
};

/**
 * Shift+arrows in the focused article extend a text selection (Ctrl+Shift+arrows by word),
 * starting at the top of the visible text when nothing is selected yet.
 */
export function extendSelectionByKey(e: React.KeyboardEvent<HTMLElement>): void {
  const move = EXTEND[e.key];
  const body = (e.target as HTMLElement).closest<HTMLElement>('[data-testid="article-body"]');
  if (!move || !e.shiftKey || !body) return;
  e.preventDefault();
  const sel = window.getSelection() as (Selection & { modify?: (a: string, d: string, g: string) => void }) | null;
  if (!sel?.modify) return;
  if (sel.rangeCount === 0 || !body.contains(sel.anchorNode)) {
    const first = [...body.querySelectorAll<HTMLElement>('p[data-start]')].find((p) => p.getBoundingClientRect().bottom > 0);
    if (!first?.firstChild) return;
    sel.collapse(first.firstChild, 0);
  }
  sel.modify('extend', move[0], e.ctrlKey && move[1] === 'character' ? 'word' : move[1]);
}

/**
 * While Shift is held the keyboard selection is left as typed (so arrows keep extending it);
 * releasing Shift redraws it snapped, as a mouse selection is (unless Alt is held).
 */
export function onSelectionKeyUp(e: React.KeyboardEvent<HTMLElement>, read: (alt: boolean, showSnap?: boolean) => void): void {
  if (e.shiftKey && e.key.startsWith('Arrow')) read(e.altKey, false);
  else if (e.key === 'Shift') read(e.altKey, true);
}

export function useSelectionDraft(highlighter: RefObject<Highlighter | null>, rootRef: RefObject<HTMLElement | null>, body: string, canWrite: boolean) {
  const [draft, setDraft] = useState<DraftSpan | null>(null);

  /**
   * Reads the DOM selection as a snapped body span and places the toolbar over it. A mouse
   * selection is redrawn snapped; a keyboard one is left as typed so Shift+arrows keep extending.
   */
  const readSelection = useCallback((alt: boolean, showSnap = true) => {
    const h = highlighter.current;
    const sel = window.getSelection();
    if (!h || !sel || sel.isCollapsed || sel.rangeCount === 0 || !canWrite) return setDraft(null);
    const r = sel.getRangeAt(0);
    const a = h.map.offsetOf(r.startContainer, r.startOffset);
    const b = h.map.offsetOf(r.endContainer, r.endOffset);
    if (a === null || b === null || a === b) return setDraft(null);
    const raw = { start: Math.min(a, b), end: Math.max(a, b) };
    const span = alt ? snapToGraphemes(body, raw) : snapToWords(body, raw);
    if (!body.slice(span.start, span.end).trim()) return setDraft(null);
    const range = h.map.range(span.start, span.end);
    if (showSnap && (span.start !== raw.start || span.end !== raw.end)) { sel.removeAllRanges(); sel.addRange(range); }
    const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
    const root = rootRef.current?.getBoundingClientRect();
    if (!root) return setDraft(null);
    setDraft({ ...span, top: rect.top - root.top - 46, left: Math.max(0, rect.left - root.left) });
  }, [highlighter, rootRef, body, canWrite]);

  return { draft, setDraft, readSelection };
}

/** On a touch screen a selection is made with handles and no mouseup: read it once it settles. */
export function useTouchSelection(read: (alt: boolean, showSnap?: boolean) => void): void {
  useEffect(() => {
    if (!window.matchMedia?.('(pointer: coarse)').matches) return;
    let timer = 0;
    const settle = () => { window.clearTimeout(timer); timer = window.setTimeout(() => read(false, false), 350); };
    document.addEventListener('selectionchange', settle);
    return () => { window.clearTimeout(timer); document.removeEventListener('selectionchange', settle); };
  }, [read]);
}

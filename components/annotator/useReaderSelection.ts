'use client';
/**
 * The selected annotation (painted as selected) and the tooltip: selecting can scroll to the span
 * and flash it, and (from the keyboard) open the tooltip under it; the pointer opens it over what it hovers.
 */
import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { Highlighter } from './highlighter';
import { scrollToSpan } from './useHighlighter';

export interface TipState { ids: number[]; x: number; y: number; source: 'mouse' | 'key' }

export interface SelectOptions { scroll?: boolean; flash?: boolean; tip?: boolean }

export function useReaderSelection(highlighter: RefObject<Highlighter | null>, rootRef: RefObject<HTMLElement | null>) {
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [tip, setTip] = useState<TipState | null>(null);
  useEffect(() => { highlighter.current?.setState('selected', selectedId); }, [highlighter, selectedId]);

  const select = useCallback((id: number | null, opts: SelectOptions = {}) => {
    setSelectedId(id);
    if (id === null) return setTip(null);
    if (opts.scroll) scrollToSpan(highlighter.current, id, opts.flash ?? true);
    const rect = highlighter.current?.rects(id)[0];
    const root = rootRef.current?.getBoundingClientRect();
    setTip(opts.tip && rect && root ? { ids: [id], x: rect.left - root.left, y: rect.bottom - root.top + 6, source: 'key' } : null);
  }, [highlighter, rootRef]);

  /** Closes the tooltip if the pointer opened it (a keyboard one stays until the selection moves). */
  const dropMouseTip = useCallback(() => setTip((t) => (t?.source === 'mouse' ? null : t)), []);

  return { selectedId, setSelectedId, tip, setTip, select, dropMouseTip };
}

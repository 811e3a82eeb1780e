'use client';
/**
 * Virtualizes a scrolling list: only the rows near its viewport are rendered, with padding for
 * the rest. Row heights are measured as rows render (and when they resize, e.g. the selected
 * row opening) and estimated elsewhere. `reveal(index)` scrolls the list itself (never the
 * window) so a row is in view, then corrects once that row's real height is known.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { rowOffsets, scrollToRow, windowRange } from './virtualWindow';

const OVERSCAN = 480;

export function useVirtualRows<K>(keys: readonly K[], estimate: number) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const heights = useRef(new Map<K, number>());
  const [measured, setMeasured] = useState(0);
  const [view, setView] = useState({ top: 0, height: 800 });
  const pending = useRef<{ index: number; until: number } | null>(null);

  const offsets = useMemo(() => rowOffsets(keys.length, (i) => heights.current.get(keys[i]) ?? estimate),
    // `measured` changes whenever a height does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [keys, estimate, measured]);
  const { first, last } = windowRange(offsets, view.top, view.height, OVERSCAN);

  const measure = useCallback(() => {
    const list = listRef.current;
    if (!list) return;
    let changed = false;
    for (const el of Array.from(list.children) as HTMLElement[]) {
      const index = Number(el.dataset.index);
      if (!Number.isInteger(index) || index >= keys.length) continue;
      const h = el.offsetHeight;
      if (h > 0 && heights.current.get(keys[index]) !== h) { heights.current.set(keys[index], h); changed = true; }
    }
    if (changed) setMeasured((m) => m + 1);
  }, [keys]);

  // Measure every render's rows, and again whenever one of them resizes.
  useLayoutEffect(() => {
    measure();
    const list = listRef.current;
    if (!list || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    for (const el of Array.from(list.children)) ro.observe(el);
    return () => ro.disconnect();
  });

  // Follow the scroller's size and position.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const update = () => setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    ro?.observe(el);
    return () => { el.removeEventListener('scroll', update); ro?.disconnect(); };
  }, []);

  // After a reveal, once the row is rendered and measured, put it exactly in view (with the
  // heights measured just now, so the padding of the next render agrees).
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    const p = pending.current;
    if (!el || p === null) return;
    const fresh = rowOffsets(keys.length, (i) => heights.current.get(keys[i]) ?? estimate);
    const target = scrollToRow(fresh, p.index, el.scrollTop, el.clientHeight);
    if (target !== el.scrollTop) el.scrollTop = target;
    if ((p.index >= first && p.index < last && heights.current.has(keys[p.index])) || Date.now() > p.until) pending.current = null;
  });

  const reveal = useCallback((index: number) => {
    const el = scrollerRef.current;
    if (!el || index < 0) return;
    pending.current = { index, until: Date.now() + 1000 };
    const target = scrollToRow(offsets, index, el.scrollTop, el.clientHeight);
    if (target !== el.scrollTop) el.scrollTop = target;
    setView({ top: el.scrollTop, height: el.clientHeight });
  }, [offsets]);

  return { scrollerRef, listRef, first, last, padTop: offsets[first] ?? 0, padBottom: (offsets[keys.length] ?? 0) - (offsets[last] ?? 0), reveal };
}

'use client';
/**
 * Binds a Highlighter to the rendered body: paints the visible annotations in the chosen colour
 * mode, and offers hit-testing and scrolling to a span (the selection is painted by useReaderSelection).
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { Highlighter, type ColourMode, type HighlightSpan } from './highlighter';
import { BODY_SHOWN } from './ArticleText';
import type { AnnotationView } from './types';

export function useHighlighter(rootRef: RefObject<HTMLElement | null>, all: AnnotationView[], visible: AnnotationView[], mode: ColourMode) {
  const hl = useRef<Highlighter | null>(null);
  const [body, setBody] = useState('');
  // Counts the bodies mapped: a body fetched after mount (ArticleText) gets a new Highlighter.
  const [generation, setGeneration] = useState(0);
  const ready = generation > 0;

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    let h: Highlighter | null = null;
    const attach = () => {
      const el = root.querySelector<HTMLElement>('[data-testid="article-body"]');
      if (!el) return;
      h?.destroy();
      h = new Highlighter(el);
      hl.current = h;
      setBody(el.textContent ?? '');
      setGeneration((g) => g + 1);
    };
    attach();
    root.addEventListener(BODY_SHOWN, attach);
    return () => { root.removeEventListener(BODY_SHOWN, attach); h?.destroy(); hl.current = null; };
  }, [rootRef]);

  const slots = useMemo(() => {
    const ids = [...new Set(all.map((a) => a.authorId))].sort((a, b) => a - b);
    return new Map(ids.map((id, i) => [id, i]));
  }, [all]);

  useEffect(() => {
    if (!ready || !hl.current) return;
    const spans: HighlightSpan[] = all.map((a) => ({ id: a.id, start: a.start, end: a.end, label: a.label, authorSlot: slots.get(a.authorId) ?? 0 }));
    const shown = new Set(visible.map((a) => a.id));
    hl.current.setHidden(all.filter((a) => !shown.has(a.id)).map((a) => a.id));
    hl.current.setSpans(spans);
  }, [ready, generation, all, visible, slots]);

  useEffect(() => { hl.current?.setMode(mode); }, [mode, generation]);

  return { highlighter: hl, body, ready, slots };
}

/** Scrolls the window so the span is in view (centred) and flashes it. */
export function scrollToSpan(h: Highlighter | null, id: number, flash: boolean): void {
  if (!h) return;
  const bring = () => {
    const first = h.rects(id)[0];
    if (first && (first.top < 80 || first.bottom > window.innerHeight - 40)) {
      window.scrollBy({ top: first.top - window.innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    }
  };
  bring();
  // A navigation (the link back, a history entry) may still reset the scroll position once the
  // page is shown: check again on the next frames.
  requestAnimationFrame(() => { bring(); requestAnimationFrame(bring); });
  if (!flash) return;
  let n = 0;
  const tick = () => {
    h.setState('flash', n % 2 === 0 ? id : null);
    if (++n < 6) window.setTimeout(tick, 220);
  };
  window.setTimeout(tick, 30);
}

'use client';
/** The reader's annotations by id, with a ref for callbacks that must see the latest, and the list in text order. */
import { useCallback, useMemo, useRef, useState } from 'react';
import { byText, type AnnotationMap } from './annotationItems';
import type { AnnotationView } from './types';

export function useAnnotationItems(initial: AnnotationView[]) {
  const [items, setItems] = useState<AnnotationMap>(() => new Map(initial.map((a) => [a.id, a])));
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const put = useCallback((a: AnnotationView) => setItems((m) => new Map(m).set(a.id, a)), []);
  const drop = useCallback((id: number) => setItems((m) => { const n = new Map(m); n.delete(id); return n; }), []);
  /** Swaps the optimistic view of a draft for the annotation the server stored. */
  const replace = useCallback((tempId: number, saved: AnnotationView) => setItems((m) => { const n = new Map(m); n.delete(tempId); return n.set(saved.id, saved); }), []);
  const list = useMemo(() => [...items.values()].sort(byText), [items]);
  return { items, itemsRef, setItems, put, drop, replace, list };
}

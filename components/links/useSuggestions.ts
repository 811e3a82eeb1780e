'use client';
/** The picker's statements: the most similar at once, or (debounced) those matching what is typed. */
import { useEffect, useState } from 'react';
import type { Suggestion } from '@/lib/data/linkSuggestions';
import { linksApi } from './linksApi';

export function useSuggestions(annotationId: number, query: string) {
  const [items, setItems] = useState<Suggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      linksApi.suggestions(annotationId, query, controller.signal).then(
        (r) => { setItems(r.suggestions); setError(null); },
        (e: Error) => { if (e.name !== 'AbortError') setError(e.message); },
      );
    }, query ? 180 : 0);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [annotationId, query]);
  return { items, error };
}

'use client';
/** Polls the article's changes since the last cursor, so colleagues' edits appear within a few seconds. */
import { useEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import { annotationsApi } from './annotationsApi';
import { mergeChanges, type AnnotationMap } from './annotationItems';

export const POLL_MS = 2500;

export function useAnnotationPolling(articleId: number, initialCursor: number, setItems: Dispatch<SetStateAction<AnnotationMap>>): void {
  const cursor = useRef(initialCursor);
  useEffect(() => {
    let stopped = false;
    const timer = window.setInterval(async () => {
      if (document.hidden) return;
      try {
        const changes = await annotationsApi.since(articleId, cursor.current);
        if (stopped) return;
        cursor.current = changes.cursor;
        if (changes.annotations.length === 0 && changes.deletedIds.length === 0) return;
        setItems((items) => mergeChanges(items, changes));
      } catch {
        /* a missed poll is retried on the next tick */
      }
    }, POLL_MS);
    return () => { stopped = true; window.clearInterval(timer); };
  }, [articleId, setItems]);
}

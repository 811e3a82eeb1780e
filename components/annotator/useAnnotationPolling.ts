'use client';
/**
 * Keeps the article's annotations current: the tab's live stream says when something changed
 * in the project and the changes since the last cursor are fetched at once. Polling is the
 * fallback: every 2.5 s while the stream is down, every 15 s while it is up (a missed wake
 * costs at most that).
 */
import { useEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import { liveConnected, subscribeLive } from '@/lib/client/liveStream';
import { annotationsApi } from './annotationsApi';
import { mergeChanges, type AnnotationMap } from './annotationItems';

export const POLL_MS = 2500;
export const POLL_WHILE_LIVE_MS = 15_000;
/** What a reader shows: a change of any of these may change a highlight, a status or a count. */
const SHOWN = new Set(['annotation', 'link', 'review', 'comment', 'verdict', 'article']);

export function useAnnotationPolling(articleId: number, projectId: number, initialCursor: number, setItems: Dispatch<SetStateAction<AnnotationMap>>): void {
  const cursor = useRef(initialCursor);
  useEffect(() => {
    let stopped = false;
    let inFlight = false;
    let again = false;
    let lastPoll = Date.now();
    const poll = async () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      lastPoll = Date.now();
      try {
        const changes = await annotationsApi.since(articleId, cursor.current);
        if (stopped) return;
        cursor.current = changes.cursor;
        if (changes.annotations.length || changes.deletedIds.length) setItems((items) => mergeChanges(items, changes));
      } catch {
        /* a missed poll is retried on the next wake or tick */
      } finally {
        inFlight = false;
        if (again && !stopped) {
          again = false;
          void poll();
        }
      }
    };
    const unsubscribe = subscribeLive(projectId, (change) => {
      if ('reset' in change || SHOWN.has(change.entityType)) void poll();
    });
    const timer = window.setInterval(() => {
      if (document.hidden) return;
      if (liveConnected() && Date.now() - lastPoll < POLL_WHILE_LIVE_MS) return;
      void poll();
    }, POLL_MS);
    return () => {
      stopped = true;
      unsubscribe();
      window.clearInterval(timer);
    };
  }, [articleId, projectId, setItems]);
}

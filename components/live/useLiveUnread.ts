'use client';
/**
 * The caller's unread inbox count, kept current by the live stream: when a colleague reviews,
 * comments or gives a verdict anywhere in the caller's projects, the count is asked again
 * (at most once a second). Only the server knows whether the change concerns the caller.
 */
import { useEffect, useState } from 'react';
import { apiRequest } from '@/lib/client/api';
import { subscribeLive } from '@/lib/client/liveStream';

const ABOUT_SOMEONES_WORK = new Set(['review', 'comment', 'verdict']);
const AT_MOST_EVERY_MS = 1_000;

export function useLiveUnread(initial: number): number {
  const [unread, setUnread] = useState(initial);
  useEffect(() => setUnread(initial), [initial]);
  useEffect(() => {
    let timer: number | null = null;
    let stopped = false;
    const ask = () => {
      timer = null;
      apiRequest<{ unread: number }>('/api/inbox?limit=1')
        .then((answer) => { if (!stopped) setUnread(answer.unread); })
        .catch(() => { /* the next change asks again */ });
    };
    const unsubscribe = subscribeLive(null, (change) => {
      if ('reset' in change || (!change.mine && ABOUT_SOMEONES_WORK.has(change.entityType))) timer ??= window.setTimeout(ask, AT_MOST_EVERY_MS);
    });
    return () => {
      stopped = true;
      unsubscribe();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, []);
  return unread;
}

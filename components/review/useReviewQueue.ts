'use client';
/**
 * The review queue's state: the items loaded so far (a page at a time: the next page is fetched
 * when the reviewer nears the end of what is loaded), which are done, the one under review, the
 * reject form, and sending a review with the version the reviewer saw (then moving on).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Decision } from '@/lib/domain';
import type { QueueItem, QueuePage } from '@/lib/data/reviewQueue';
import { apiRequest } from '@/lib/client/api';

export interface QueueNotice {
  kind: 'ok' | 'error';
  text: string;
}

/** Identifies an item across kinds (an annotation and a link may share an id). */
export const queueKey = (item: QueueItem) => `${item.kind}-${item.id}`;

/** Fetch the next page when this few items are left ahead of the current one. */
const PREFETCH_AHEAD = 3;

export interface InitialQueue {
  items: QueueItem[];
  nextCursor: string | null;
  left: number;
}

export function useReviewQueue(projectId: number, initial: InitialQueue, filterQuery: string) {
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  /** The server's count at the last page, and how many reviews this page had sent when it was asked for. */
  const [serverLeft, setServerLeft] = useState({ total: initial.left, doneAtFetch: 0 });
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [currentKey, setCurrentKey] = useState<string | null>(initial.items[0] ? queueKey(initial.items[0]) : null);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<QueueNotice | null>(null);
  /** Set when the reviewer moved past the end of what is loaded: the index to show once the next page is in. */
  const [waitingFor, setWaitingFor] = useState<number | null>(null);

  const left = items.filter((i) => !done.has(queueKey(i)));
  const current =
    waitingFor !== null
      ? (left[waitingFor] ?? (cursor ? null : (left[left.length - 1] ?? null)))
      : (left.find((i) => queueKey(i) === currentKey) ?? left[0] ?? null);
  const pending = waitingFor !== null && !current;
  const at = current ? left.indexOf(current) : -1;
  const leftCount = Math.max(left.length, serverLeft.total - (done.size - serverLeft.doneAtFetch));

  const loadMore = useCallback(async () => {
    if (!cursor || loading) return;
    setLoading(true);
    const doneAtFetch = done.size;
    try {
      const query = new URLSearchParams(filterQuery);
      query.set('cursor', cursor);
      const page = await apiRequest<QueuePage>(`/api/projects/${projectId}/review-queue?${query}`);
      setItems((list) => {
        const known = new Set(list.map(queueKey));
        return [...list, ...page.items.filter((i) => !known.has(queueKey(i)))];
      });
      setCursor(page.nextCursor);
      setServerLeft({ total: page.left, doneAtFetch });
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not load more of the queue: ${(error as Error).message}` });
    } finally {
      setLoading(false);
    }
  }, [cursor, done.size, filterQuery, loading, projectId]);

  useEffect(() => {
    if (cursor && !loading && (pending || left.length - at - 1 < PREFETCH_AHEAD)) void loadMore();
  }, [at, cursor, left.length, loadMore, loading, pending]);

  // Once the awaited item is in, it becomes the current one for good.
  useEffect(() => {
    if (waitingFor === null || (!current && cursor)) return;
    setWaitingFor(null);
    setCurrentKey(current ? queueKey(current) : null);
  }, [current, cursor, waitingFor]);

  const next = useCallback(() => {
    if (!current) return;
    setRejecting(false);
    if (left[at + 1]) setCurrentKey(queueKey(left[at + 1]));
    else if (cursor) setWaitingFor(at + 1);
    else if (left.length > 1) setCurrentKey(queueKey(left[0]));
  }, [at, current, cursor, left]);

  const submit = useCallback(
    async (decision: Decision, why = '') => {
      if (!current || busy) return;
      setBusy(true);
      const url = `/api/${current.kind}s/${current.id}/reviews`;
      try {
        await apiRequest(url, { body: { decision, ...(why ? { reason: why } : {}) }, version: current.version });
        const rest = left.filter((i) => i !== current);
        setDone((d) => new Set(d).add(queueKey(current)));
        if (rest[at]) setCurrentKey(queueKey(rest[at]));
        else if (cursor) setWaitingFor(at);
        else setCurrentKey(rest.length ? queueKey(rest[rest.length - 1]) : null);
        setNotice({ kind: 'ok', text: `${decision === 'accept' ? 'Accepted' : 'Rejected'}: “${current.span.exact.slice(0, 60)}”` });
        setRejecting(false);
      } catch (error) {
        setNotice({ kind: 'error', text: (error as Error).message });
      } finally {
        setBusy(false);
      }
    },
    [at, busy, current, cursor, left],
  );

  return { left, leftCount, current, pending, done, setCurrentKey, rejecting, setRejecting, busy, loading, hasMore: !!cursor, notice, next, submit, loadMore };
}

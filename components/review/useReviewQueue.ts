'use client';
/**
 * The review queue's state: the items loaded so far (a page at a time: the next page is fetched
 * when the reviewer nears the end of what is loaded), which are done, the one under review, the
 * reject form, and sending a review with the version the reviewer saw (then moving on).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
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
/** The current key while the item to show next is still on its way from the server. */
const PENDING = 'pending';

export interface InitialQueue {
  items: QueueItem[];
  nextCursor: string | null;
  left: number;
}

export function useReviewQueue(projectId: number, initial: InitialQueue, filterQuery: string) {
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [serverLeft, setServerLeft] = useState({ total: initial.left, doneSince: 0 });
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [currentKey, setCurrentKey] = useState<string | null>(initial.items[0] ? queueKey(initial.items[0]) : null);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<QueueNotice | null>(null);
  /** Set when the reviewer moved past the end of what is loaded: the index to show once the page arrives. */
  const showAfterLoad = useRef<number | null>(null);

  const left = items.filter((i) => !done.has(queueKey(i)));
  const pending = currentKey === PENDING && !!cursor;
  const current = pending ? null : (left.find((i) => queueKey(i) === currentKey) ?? left[0] ?? null);
  const at = current ? left.indexOf(current) : -1;
  const leftCount = Math.max(left.length, serverLeft.total - serverLeft.doneSince);

  const loadMore = useCallback(async () => {
    if (!cursor || loading) return;
    setLoading(true);
    try {
      const query = new URLSearchParams(filterQuery);
      query.set('cursor', cursor);
      const page = await apiRequest<QueuePage>(`/api/projects/${projectId}/review-queue?${query}`);
      setItems((list) => {
        const known = new Set(list.map(queueKey));
        return [...list, ...page.items.filter((i) => !known.has(queueKey(i)))];
      });
      setCursor(page.nextCursor);
      setServerLeft({ total: page.left, doneSince: 0 });
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not load more of the queue: ${(error as Error).message}` });
    } finally {
      setLoading(false);
    }
  }, [cursor, filterQuery, loading, projectId]);

  useEffect(() => {
    if (cursor && !loading && (pending || left.length - at - 1 < PREFETCH_AHEAD)) void loadMore();
  }, [at, cursor, left.length, loadMore, loading, pending]);

  useEffect(() => {
    const index = showAfterLoad.current;
    if (index === null || loading || (cursor && !left[index])) return;
    showAfterLoad.current = null;
    const target = left[index] ?? left[left.length - 1];
    setCurrentKey(target ? queueKey(target) : null);
  }, [cursor, left, loading]);

  const next = useCallback(() => {
    if (!current) return;
    setRejecting(false);
    if (left[at + 1]) setCurrentKey(queueKey(left[at + 1]));
    else if (cursor) {
      showAfterLoad.current = at + 1;
      setCurrentKey(PENDING);
    }
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
        setServerLeft((s) => ({ ...s, doneSince: s.doneSince + 1 }));
        if (rest[at]) setCurrentKey(queueKey(rest[at]));
        else if (cursor) {
          showAfterLoad.current = at;
          setCurrentKey(PENDING);
        } else setCurrentKey(rest.length ? queueKey(rest[rest.length - 1]) : null);
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

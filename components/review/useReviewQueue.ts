'use client';
/**
 * The review queue's state: which items are done, the one under review, the reject form, and
 * sending a review with the version the reviewer saw (then moving on to the next item).
 */
import { useCallback, useMemo, useState } from 'react';
import type { Decision } from '@/lib/domain';
import type { QueueGroup, QueueItem } from '@/lib/data/reviewQueue';
import { apiRequest } from '@/lib/client/api';

export interface QueueNotice {
  kind: 'ok' | 'error';
  text: string;
}

/** Identifies an item across kinds (an annotation and a link may share an id). */
export const queueKey = (item: QueueItem) => `${item.kind}-${item.id}`;

export function useReviewQueue(groups: QueueGroup[]) {
  const all = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [currentKey, setCurrentKey] = useState<string | null>(all[0] ? queueKey(all[0]) : null);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<QueueNotice | null>(null);
  const left = all.filter((i) => !done.has(queueKey(i)));
  const current = left.find((i) => queueKey(i) === currentKey) ?? left[0] ?? null;

  const next = useCallback(() => {
    if (!current || left.length < 2) return;
    const at = left.indexOf(current);
    setCurrentKey(queueKey(left[(at + 1) % left.length]));
    setRejecting(false);
  }, [current, left]);

  const submit = useCallback(
    async (decision: Decision, why = '') => {
      if (!current || busy) return;
      setBusy(true);
      const url = `/api/${current.kind}s/${current.id}/reviews`;
      try {
        await apiRequest(url, { body: { decision, ...(why ? { reason: why } : {}) }, version: current.version });
        const at = left.indexOf(current);
        const rest = left.filter((i) => i !== current);
        setDone((d) => new Set(d).add(queueKey(current)));
        setCurrentKey(rest.length ? queueKey(rest[Math.min(at, rest.length - 1)]) : null);
        setNotice({ kind: 'ok', text: `${decision === 'accept' ? 'Accepted' : 'Rejected'}: “${current.span.exact.slice(0, 60)}”` });
        setRejecting(false);
      } catch (error) {
        setNotice({ kind: 'error', text: (error as Error).message });
      } finally {
        setBusy(false);
      }
    },
    [busy, current, left],
  );

  return { left, current, done, setCurrentKey, rejecting, setRejecting, busy, notice, next, submit };
}

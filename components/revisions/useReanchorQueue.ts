'use client';
/**
 * The re-anchoring queue's state: the item shown, the ones decided, and sending a decision
 * (accept the new place, re-select a span, retire) with the version the reviewer saw.
 */
import { useCallback, useState } from 'react';
import type { QueueItem } from '@/lib/data/revisionQueue';
import { apiRequest } from '@/lib/client/api';

export type AnchorAction = 'accept' | 'reselect' | 'retire';
export interface QueueNotice {
  kind: 'ok' | 'error';
  text: string;
}

const DONE_TEXT: Record<AnchorAction, string> = { accept: 'Accepted the new place of', reselect: 'Re-selected', retire: 'Retired' };

export function useReanchorQueue(items: QueueItem[]) {
  const [done, setDone] = useState<Set<number>>(new Set());
  const [currentId, setCurrentId] = useState<number | null>(items[0]?.id ?? null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<QueueNotice | null>(null);
  const left = items.filter((i) => !done.has(i.id));
  const current = left.find((i) => i.id === currentId) ?? left[0] ?? null;

  const next = useCallback(() => {
    if (!current || left.length < 2) return;
    setCurrentId(left[(left.indexOf(current) + 1) % left.length].id);
  }, [current, left]);

  const decide = useCallback(
    async (action: AnchorAction, span?: { start: number; end: number }) => {
      if (!current || busy) return;
      setBusy(true);
      try {
        await apiRequest(`/api/articles/${current.articleId}/revisions/queue/${current.id}`, { body: { action, expectedVersion: current.version, ...span } });
        const rest = left.filter((i) => i !== current);
        setDone((d) => new Set(d).add(current.id));
        setCurrentId(rest.length ? rest[Math.min(left.indexOf(current), rest.length - 1)].id : null);
        setNotice({ kind: 'ok', text: `${DONE_TEXT[action]} “${(current.newExact || current.oldExact).slice(0, 60)}”` });
      } catch (error) {
        setNotice({ kind: 'error', text: (error as Error).message });
      } finally {
        setBusy(false);
      }
    },
    [busy, current, left],
  );

  return { left, current, done, setCurrentId, busy, notice, setNotice, next, decide };
}

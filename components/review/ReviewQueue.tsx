'use client';
/**
 * The review queue: one item at a time in its surrounding text, with the keys a (accept),
 * r (reject, asks for a reason), n (next) and o (open in the reader), and the whole queue by
 * article on the side. Reviews go through the API with the version the reviewer saw.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { QueueGroup, QueueItem } from '@/lib/data/reviewQueue';
import { callApi } from './api';
import { QueueItemCard } from './QueueItemCard';
import { CommentThread } from './CommentThread';
import { QueueActions, RejectForm } from './QueueControls';
import { QueueOutline } from './QueueOutline';
import styles from './ReviewQueue.module.css';

interface Props {
  projectId: number;
  groups: QueueGroup[];
  currentUserId: number;
}

const keyOf = (item: QueueItem) => `${item.kind}-${item.id}`;

export function readerHref(projectId: number, articleId: number, annotationId: number): string {
  return `/projects/${projectId}/articles/${articleId}?focus=${annotationId}`;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function ReviewQueue({ projectId, groups, currentUserId }: Props) {
  const all = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [currentKey, setCurrentKey] = useState<string | null>(all[0] ? keyOf(all[0]) : null);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const left = all.filter((i) => !done.has(keyOf(i)));
  const current = left.find((i) => keyOf(i) === currentKey) ?? left[0] ?? null;

  const next = useCallback(() => {
    if (!current || left.length < 2) return;
    const at = left.indexOf(current);
    setCurrentKey(keyOf(left[(at + 1) % left.length]));
    setRejecting(false);
  }, [current, left]);

  const submit = useCallback(
    async (decision: 'accept' | 'reject', why = '') => {
      if (!current || busy) return;
      setBusy(true);
      const url = `/api/${current.kind}s/${current.id}/reviews`;
      try {
        await callApi(url, { body: { decision, ...(why ? { reason: why } : {}) }, version: current.version });
        const at = left.indexOf(current);
        const rest = left.filter((i) => i !== current);
        setDone((d) => new Set(d).add(keyOf(current)));
        setCurrentKey(rest.length ? keyOf(rest[Math.min(at, rest.length - 1)]) : null);
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

  const open = useCallback(() => {
    if (current) window.location.assign(readerHref(projectId, current.span.articleId, current.span.annotationId));
  }, [current, projectId]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || busy) return;
      const actions: Record<string, () => void> = {
        a: () => void submit('accept'),
        r: () => setRejecting(true),
        n: next,
        o: open,
      };
      const action = actions[event.key.toLowerCase()];
      if (!action || !current) return;
      event.preventDefault();
      action();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, current, next, open, submit]);

  return (
    <div className={styles.layout}>
      <section className={styles.main} aria-label="Item under review">
        <div className={styles.counter} aria-live="polite">
          <strong data-testid="queue-left">{left.length}</strong> {left.length === 1 ? 'item' : 'items'} left to review
        </div>
        {notice && (
          <div className={`alert ${notice.kind === 'ok' ? 'alert-ok' : 'alert-error'}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </div>
        )}
        {current ? (
          <QueueItemCard item={current} projectId={projectId}>
            {rejecting ? (
              <RejectForm busy={busy} onSubmit={(why) => void submit('reject', why)} onCancel={() => setRejecting(false)} />
            ) : (
              <QueueActions
                busy={busy}
                canNext={left.length > 1}
                readerUrl={readerHref(projectId, current.span.articleId, current.span.annotationId)}
                onAccept={() => void submit('accept')}
                onReject={() => setRejecting(true)}
                onNext={next}
              />
            )}
            <details className={styles.discuss} key={keyOf(current)}>
              <summary>Discussion and history</summary>
              <CommentThread kind={current.kind} targetId={current.id} currentUserId={currentUserId} />
              <a className="small" href={`/projects/${projectId}/history/${current.kind}/${current.id}`}>Full history</a>
            </details>
          </QueueItemCard>
        ) : (
          <div className={`card ${styles.allDone}`}>
            <div className={styles.check} aria-hidden="true">✓</div>
            <h2>All caught up</h2>
            <p className="muted">Nothing left to review in this project. New tags and links by your colleagues will appear here.</p>
          </div>
        )}
      </section>
      <QueueOutline groups={groups} done={done} currentKey={current ? keyOf(current) : null} onPick={setCurrentKey} />
    </div>
  );
}

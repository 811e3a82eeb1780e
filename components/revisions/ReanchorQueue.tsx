'use client';
/**
 * The re-anchoring queue of one article (with its whole text) or of a project (each span with
 * a stretch of its article's text, `contexts`): spans a revision edited, moved or orphaned, one
 * at a time, with keys like the review queue's: a accept the new place, s re-select (the
 * passage selected in the current text), r retire (r again to confirm), n next.
 */
import { useRef, useState } from 'react';
import type { QueueContext, QueueItem } from '@/lib/data/revisionQueue';
import { useShortcutKeys } from '@/components/useShortcutKeys';
import { QueueCard } from './QueueCard';
import { QueueList } from './QueueList';
import { selectionOffsets } from './selectionOffsets';
import { useReanchorQueue } from './useReanchorQueue';
import queue from './queue.module.css';

export function ReanchorQueue({ body, contexts, projectId, items, canDecide, emptyText = 'Every span of this article sits where it was placed.' }: {
  /** The article's current text (the per-article queue) ... */
  body?: string;
  /** ... or, per annotation id, a stretch of its article's text (the project queue). */
  contexts?: Record<number, QueueContext>;
  /** Set in the project queue: each card names and links its article. */
  projectId?: number;
  items: QueueItem[];
  canDecide: boolean;
  emptyText?: string;
}) {
  const q = useReanchorQueue(items);
  const [confirmRetire, setConfirmRetire] = useState(false);
  const bodyRef = useRef<HTMLDivElement | null>(null);
  const current = q.current;
  const context = current ? contexts?.[current.id] : undefined;
  const base = context?.base ?? 0;

  const reselect = () => {
    const span = bodyRef.current ? selectionOffsets(bodyRef.current) : null;
    if (!span) q.setNotice({ kind: 'error', text: 'Select the passage in the current text first, then press s.' });
    else void q.decide('reselect', { start: span.start + base, end: span.end + base });
  };
  const retire = () => {
    if (!confirmRetire) return setConfirmRetire(true);
    setConfirmRetire(false);
    void q.decide('retire');
  };
  useShortcutKeys((event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || !current) return;
    const key = event.key.toLowerCase();
    if (key === 'escape') return setConfirmRetire(false);
    if (key === 'n') q.next();
    if (!canDecide || q.busy) return;
    if (key === 'a' && current.state !== 'orphaned') void q.decide('accept');
    else if (key === 's') reselect();
    else if (key === 'r') retire();
    else return;
    event.preventDefault();
  });

  if (!current) {
    return (
      <div className={`card ${queue.done}`} data-testid="reanchor-done">
        {q.notice ? <p className={`alert alert-${q.notice.kind}`} role="status">{q.notice.text}</p> : null}
        <h2>Nothing left to re-check</h2>
        <p className="muted">{q.done.size ? `You decided ${q.done.size} span${q.done.size === 1 ? '' : 's'}.` : emptyText}</p>
      </div>
    );
  }
  return (
    <div className={queue.layout}>
      <div className="stack">
        {q.notice ? <p className={`alert alert-${q.notice.kind}`} role="status">{q.notice.text}</p> : null}
        <QueueCard item={current} body={context?.text ?? body ?? ''} base={base} bodyRef={bodyRef}
          articleHref={projectId ? `/projects/${projectId}/articles/${current.articleId}` : undefined} />
        {canDecide ? (
          <div className={queue.actions}>
            <button className="btn btn-primary" disabled={q.busy || current.state === 'orphaned'} onClick={() => void q.decide('accept')}>Accept new place <kbd>a</kbd></button>
            <button className="btn" disabled={q.busy} onClick={reselect}>Re-select <kbd>s</kbd></button>
            {confirmRetire ? (
              <span className={queue.confirm} data-testid="retire-confirm">
                Retire this annotation and its links?
                <button className="btn btn-danger" onClick={retire}>Retire <kbd>r</kbd></button>
                <button className="btn" onClick={() => setConfirmRetire(false)}>Keep <kbd>Esc</kbd></button>
              </span>
            ) : (
              <button className="btn btn-danger" disabled={q.busy} onClick={retire}>Retire <kbd>r</kbd></button>
            )}
            <button className="btn" disabled={q.left.length < 2} onClick={q.next}>Next <kbd>n</kbd></button>
          </div>
        ) : (
          <p className="muted small">Your role lets you see this queue; reviewers and leads decide it.</p>
        )}
      </div>
      <QueueList items={q.left} currentId={current.id} onPick={q.setCurrentId} showArticle={projectId !== undefined} />
    </div>
  );
}

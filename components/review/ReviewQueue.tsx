'use client';
/**
 * The review queue: one item at a time in its surrounding text, with the keys a (accept),
 * r (reject, asks for a reason), n (next) and o (open in the reader) on a keyboard and the same
 * buttons on a touch screen, and the loaded part of the queue by article on the side. Reviews
 * go through the API with the version the reviewer saw; further pages load as the reviewer goes.
 */
import { focusUrl } from '@/components/links/relations';
import { useShortcutKeys } from '@/components/useShortcutKeys';
import { QueueItemCard } from './QueueItemCard';
import { CommentThread } from './CommentThread';
import { QueueActions, RejectForm } from './QueueControls';
import { AllCaughtUp, QueueCounter, QueueLoading } from './QueueMessages';
import { QueueOutline } from './QueueOutline';
import { queueKey, useReviewQueue, type InitialQueue } from './useReviewQueue';
import styles from './ReviewQueue.module.css';

interface Props {
  projectId: number;
  initial: InitialQueue;
  /** The filters of the page's URL, sent again with every further page. */
  filterQuery: string;
  filtered: boolean;
  currentUserId: number;
}

export function ReviewQueue({ projectId, initial, filterQuery, filtered, currentUserId }: Props) {
  const queue = useReviewQueue(projectId, initial, filterQuery);
  const { current, busy } = queue;
  const readerUrl = current ? focusUrl(projectId, current.span.articleId, current.span.annotationId) : null;

  useShortcutKeys((event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || busy) return;
    const actions: Record<string, () => void> = {
      a: () => void queue.submit('accept'),
      r: () => queue.setRejecting(true),
      n: queue.next,
      o: () => { if (readerUrl) window.location.assign(readerUrl); },
    };
    const action = actions[event.key.toLowerCase()];
    if (!action || !current) return;
    event.preventDefault();
    action();
  });

  return (
    <div className={styles.layout}>
      <section className={styles.main} aria-label="Item under review">
        <QueueCounter left={queue.leftCount} notice={queue.notice} />
        {current && readerUrl ? (
          <QueueItemCard item={current} projectId={projectId}>
            {queue.rejecting ? (
              <RejectForm busy={busy} onSubmit={(why) => void queue.submit('reject', why)} onCancel={() => queue.setRejecting(false)} />
            ) : (
              <QueueActions busy={busy} canNext={queue.left.length > 1 || queue.hasMore} readerUrl={readerUrl}
                onAccept={() => void queue.submit('accept')} onReject={() => queue.setRejecting(true)} onNext={queue.next} />
            )}
            <details className={styles.discuss} key={queueKey(current)}>
              <summary>Discussion and history</summary>
              <CommentThread kind={current.kind} targetId={current.id} currentUserId={currentUserId} />
              <a className="small" href={`/projects/${projectId}/history/${current.kind}/${current.id}`}>Full history</a>
            </details>
          </QueueItemCard>
        ) : queue.pending || (queue.hasMore && queue.left.length === 0) ? (
          <QueueLoading />
        ) : (
          <AllCaughtUp filtered={filtered} projectId={projectId} />
        )}
      </section>
      <QueueOutline items={queue.left} currentKey={current ? queueKey(current) : null} onPick={queue.setCurrentKey}
        hasMore={queue.hasMore} loading={queue.loading} onMore={() => void queue.loadMore()} />
    </div>
  );
}

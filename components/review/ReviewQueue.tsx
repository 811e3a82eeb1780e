'use client';
/**
 * The review queue: one item at a time in its surrounding text, with the keys a (accept),
 * r (reject, asks for a reason), n (next) and o (open in the reader), and the whole queue by
 * article on the side. Reviews go through the API with the version the reviewer saw.
 */
import type { QueueGroup } from '@/lib/data/reviewQueue';
import { focusUrl } from '@/components/links/relations';
import { useShortcutKeys } from '@/components/useShortcutKeys';
import { QueueItemCard } from './QueueItemCard';
import { CommentThread } from './CommentThread';
import { QueueActions, RejectForm } from './QueueControls';
import { AllCaughtUp, QueueCounter } from './QueueMessages';
import { QueueOutline } from './QueueOutline';
import { queueKey, useReviewQueue } from './useReviewQueue';
import styles from './ReviewQueue.module.css';

interface Props {
  projectId: number;
  groups: QueueGroup[];
  currentUserId: number;
}

export function ReviewQueue({ projectId, groups, currentUserId }: Props) {
  const queue = useReviewQueue(groups);
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
        <QueueCounter left={queue.left.length} notice={queue.notice} />
        {current && readerUrl ? (
          <QueueItemCard item={current} projectId={projectId}>
            {queue.rejecting ? (
              <RejectForm busy={busy} onSubmit={(why) => void queue.submit('reject', why)} onCancel={() => queue.setRejecting(false)} />
            ) : (
              <QueueActions busy={busy} canNext={queue.left.length > 1} readerUrl={readerUrl}
                onAccept={() => void queue.submit('accept')} onReject={() => queue.setRejecting(true)} onNext={queue.next} />
            )}
            <details className={styles.discuss} key={queueKey(current)}>
              <summary>Discussion and history</summary>
              <CommentThread kind={current.kind} targetId={current.id} currentUserId={currentUserId} />
              <a className="small" href={`/projects/${projectId}/history/${current.kind}/${current.id}`}>Full history</a>
            </details>
          </QueueItemCard>
        ) : (
          <AllCaughtUp />
        )}
      </section>
      <QueueOutline groups={groups} done={queue.done} currentKey={current ? queueKey(current) : null} onPick={queue.setCurrentKey} />
    </div>
  );
}

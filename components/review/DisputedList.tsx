'use client';
/** For leads: the disputed tags and links of the project, each with its settle form. */
import { useRouter } from 'next/navigation';
import type { QueueGroup } from '@/lib/data/reviewQueue';
import { QueueItemCard } from './QueueItemCard';
import { ReviewDecision } from './ReviewDecision';
import styles from './ReviewQueue.module.css';

const SETTLE_ONLY = { canReview: false, canSettle: true, myReview: null };

export function DisputedList({ projectId, groups }: { projectId: number; groups: QueueGroup[] }) {
  const router = useRouter();
  const items = groups.flatMap((g) => g.items);
  return (
    <section className={styles.disputed} aria-labelledby="disputed-title">
      <h2 id="disputed-title">
        Disputed <span className={styles.groupCount}>{items.length}</span>
      </h2>
      <p className="muted">Reviewers disagree on these. As a lead you can settle each with a final decision and a reason.</p>
      {items.length === 0 ? (
        <div className="card empty">No disputes in this project.</div>
      ) : (
        <div className="stack">
          {items.map((item) => (
            <QueueItemCard key={`${item.kind}-${item.id}`} item={item} projectId={projectId}>
              <div className={styles.settleRow}>
                <a className="small" href={`/projects/${projectId}/history/${item.kind}/${item.id}`}>See the reviews in the history</a>
                <ReviewDecision kind={item.kind} id={item.id} version={item.version} data={SETTLE_ONLY} onDone={() => router.refresh()} />
              </div>
            </QueueItemCard>
          ))}
        </div>
      )}
    </section>
  );
}

'use client';
/**
 * For leads, first on the review page: the disputed tags and links of the project, a page at a
 * time, each with both sides' decisions and reasons and the form to settle it.
 */
import { useRouter } from 'next/navigation';
import type { QueueItem } from '@/lib/data/reviewQueue';
import { QueueItemCard } from './QueueItemCard';
import { ReviewDecision } from './ReviewDecision';
import styles from './ReviewQueue.module.css';

const SETTLE_ONLY = { canReview: false, canSettle: true, myReview: null };

interface Props {
  projectId: number;
  page: { items: QueueItem[]; nextCursor: string | null; total: number } | null;
  error: string | null;
}

function Reasons({ item }: { item: QueueItem }) {
  const reviews = item.reviews ?? [];
  if (!reviews.length) return null;
  return (
    <ul className={styles.reasons} aria-label="The reviewers’ decisions" data-testid="dispute-reviews">
      {reviews.map((r, i) => (
        <li key={i} className={r.decision === 'accept' ? styles.reasonAccept : styles.reasonReject}>
          <strong>{r.reviewerName}</strong> {r.decision === 'accept' ? 'accepted' : 'rejected'}
          {r.reason ? <>: “{r.reason}”</> : <span className="muted"> (no reason given)</span>}
        </li>
      ))}
    </ul>
  );
}

export function DisputedList({ projectId, page, error }: Props) {
  const router = useRouter();
  const items = page?.items ?? [];
  return (
    <section className={styles.disputed} aria-labelledby="disputed-title">
      <h2 id="disputed-title">
        Disputed <span className={styles.groupCount} data-testid="disputed-count">{page?.total ?? 0}</span>
      </h2>
      {/* With nothing to settle, one line: the queue below is what the lead came for. */}
      {items.length > 0 && <p className="muted">Reviewers disagree on these. As a lead you can settle each with a final decision and a reason.</p>}
      {error && (
        <div className="alert alert-error" role="alert">
          {error} <a href={`/projects/${projectId}/review`}>Start from the first disputed item</a>
        </div>
      )}
      {!error && items.length === 0 ? (
        <p className="muted">No disputes in this project.</p>
      ) : (
        <div className="stack">
          {items.map((item) => (
            <QueueItemCard key={`${item.kind}-${item.id}`} item={item} projectId={projectId}>
              <div className={styles.settleRow}>
                <Reasons item={item} />
                <a className="small" href={`/projects/${projectId}/history/${item.kind}/${item.id}`}>Full history</a>
                <ReviewDecision kind={item.kind} id={item.id} version={item.version} data={SETTLE_ONLY} onDone={() => router.refresh()} />
              </div>
            </QueueItemCard>
          ))}
          {page?.nextCursor && (
            <a className="btn" href={`/projects/${projectId}/review?disputed=${encodeURIComponent(page.nextCursor)}`}>More disputed items</a>
          )}
        </div>
      )}
    </section>
  );
}

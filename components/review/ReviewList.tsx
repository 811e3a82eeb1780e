/** The reviews of an item: live ones first, replaced ones folded away. */
import type { ReviewView } from '@/lib/data/reviews';
import { timeAgo } from './timeAgo';
import styles from './ReviewSection.module.css';

function Row({ review }: { review: ReviewView }) {
  const accepted = review.decision === 'accept';
  return (
    <li className={`${styles.review} ${review.superseded ? styles.superseded : ''}`}>
      <span className={accepted ? styles.yes : styles.no} aria-hidden="true">{accepted ? '✓' : '✕'}</span>
      <div>
        <div>
          <strong>{review.reviewerName}</strong> {accepted ? 'accepted' : 'rejected'}
          {review.isFinal && <span className={styles.final}>lead’s decision</span>}
          {review.forOlderVersion && <span className={styles.final}>of version {review.targetVersion}, changed since</span>}
          <span className={styles.time} title={new Date(review.createdAt).toISOString()}> · {timeAgo(review.createdAt)}</span>
        </div>
        {review.reason && <p className={styles.reason}>{review.reason}</p>}
      </div>
    </li>
  );
}

export function ReviewList({ reviews }: { reviews: ReviewView[] }) {
  const live = reviews.filter((r) => !r.superseded);
  const old = reviews.filter((r) => r.superseded);
  if (!reviews.length) return <p className="muted small">No reviews yet.</p>;
  return (
    <>
      <ul className={styles.reviews}>
        {live.map((r) => <Row key={r.id} review={r} />)}
      </ul>
      {old.length > 0 && (
        <details className={styles.older}>
          <summary className="small muted">{old.length} replaced review{old.length > 1 ? 's' : ''}</summary>
          <ul className={styles.reviews}>
            {old.map((r) => <Row key={r.id} review={r} />)}
          </ul>
        </details>
      )}
    </>
  );
}

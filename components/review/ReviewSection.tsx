'use client';
/**
 * The review part of the reader's side panel for the selected annotation: its status and
 * reviews, accept / reject (never on one's own work), a lead's settlement, the discussion
 * thread, claim verdicts, and a link to the full history.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AnnotationExtrasProps } from '@/components/annotator/types';
import type { listReviews } from '@/lib/data/reviews';
import { apiRequest } from '@/lib/client/api';
import { StatusBadge } from './StatusBadge';
import { ReviewDecision } from './ReviewDecision';
import { ReviewList } from './ReviewList';
import { CommentThread } from './CommentThread';
import { VerdictPanel } from './VerdictPanel';
import styles from './ReviewSection.module.css';

export type ReviewsData = Awaited<ReturnType<typeof listReviews>>;

export function ReviewSection({ annotation, projectId, currentUserId, role, onChanged }: AnnotationExtrasProps) {
  const [data, setData] = useState<ReviewsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/annotations/${annotation.id}`;

  const load = useCallback(async () => {
    try {
      setData(await apiRequest<ReviewsData>(`${base}/reviews`));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [base]);

  useEffect(() => {
    void load();
  }, [load, annotation.version, annotation.status]);

  const changed = useCallback(() => {
    void load();
    onChanged();
  }, [load, onChanged]);

  const own = annotation.authorId === currentUserId;
  return (
    <section className={styles.section} aria-label="Review" data-testid="review-section">
      <div className={styles.head}>
        <h3>Review</h3>
        <StatusBadge status={data?.status ?? annotation.status} />
        <a className={`small ${styles.history}`} href={`/projects/${projectId}/history/annotation/${annotation.id}`}>
          History
        </a>
      </div>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      {data && (
        <>
          {own && <p className="muted small">This is your own tag: colleagues review it.</p>}
          {role === 'viewer' && <p className="muted small">Viewers can read reviews and discussions but not take part.</p>}
          <ReviewList reviews={data.reviews} />
          {(data.canReview || data.canSettle) && (
            <ReviewDecision kind="annotation" id={annotation.id} version={annotation.version} data={data} onDone={changed} />
          )}
        </>
      )}
      {annotation.label === 'claim' && <VerdictPanel annotation={annotation} onChanged={changed} />}
      <CommentThread kind="annotation" targetId={annotation.id} currentUserId={currentUserId} />
    </section>
  );
}

/** The queue's counter, its last notice, and the cards shown while loading or when nothing is left. */
import { formatCount } from '@/components/projects/format';
import type { QueueNotice } from './useReviewQueue';
import styles from './ReviewQueue.module.css';

export function QueueCounter({ left, notice }: { left: number; notice: QueueNotice | null }) {
  return (
    <>
      <div className={styles.counter} aria-live="polite">
        <strong data-testid="queue-left">{formatCount(left)}</strong> {left === 1 ? 'item' : 'items'} left to review
      </div>
      {notice && (
        <div className={`alert ${notice.kind === 'ok' ? 'alert-ok' : 'alert-error'}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      )}
    </>
  );
}

export function QueueLoading() {
  return (
    <div className={`card ${styles.allDone}`} role="status">
      <p className="muted">Loading the next items…</p>
    </div>
  );
}

export function AllCaughtUp({ filtered, projectId }: { filtered: boolean; projectId: number }) {
  return (
    <div className={`card ${styles.allDone}`}>
      <div className={styles.check} aria-hidden="true">✓</div>
      <h2>All caught up</h2>
      {filtered ? (
        <p className="muted">
          Nothing left under these filters. <a href={`/projects/${projectId}/review`}>Show the whole queue</a>
        </p>
      ) : (
        <p className="muted">Nothing left to review in this project. New tags and links by your colleagues will appear here.</p>
      )}
    </div>
  );
}

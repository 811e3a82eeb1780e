'use client';
/**
 * One span waiting for a re-anchoring decision: its state and score, the text it had and the
 * text it has now, and the current article text around it, where a new span can be selected.
 */
import { useEffect, type RefObject } from 'react';
import type { QueueItem } from '@/lib/data/revisionQueue';
import { MarkedText } from './MarkedText';
import styles from './revisions.module.css';
import queue from './queue.module.css';

export function QueueCard({ item, body, bodyRef }: { item: QueueItem; body: string; bodyRef: RefObject<HTMLDivElement | null> }) {
  const orphaned = item.state === 'orphaned';
  const spans = orphaned ? [] : [{ id: item.id, start: item.start, end: item.end, label: item.label, state: item.state }];
  // Scroll the text box (position: relative, so offsetTop is inside it) to the span's new place.
  useEffect(() => {
    const mark = bodyRef.current?.querySelector('mark');
    if (bodyRef.current && mark) bodyRef.current.scrollTop = Math.max(0, mark.offsetTop - 60);
  }, [bodyRef, item.id]);
  return (
    <article className={`card ${queue.card}`} data-testid="reanchor-item" data-state={item.state}>
      <header className={queue.head}>
        <span className={`${styles.stateBadge} ${styles[`badge_${item.state}`]}`}>{item.state}</span>
        <span className={`badge badge-${item.label}`}>{item.label}</span>
        <span className="muted small">score {item.score.toFixed(2)} · by {item.authorName}</span>
        {item.flag === 'quote-changed' ? <span className={`${styles.stateBadge} ${styles.badge_orphaned}`}>verbatim quote changed</span> : null}
      </header>
      <div className={queue.texts}>
        <figure>
          <figcaption>Before (revision {item.currentRevision - 1})</figcaption>
          <blockquote data-testid="old-text">{item.oldExact}</blockquote>
        </figure>
        <figure>
          <figcaption>{orphaned ? 'Now' : `Now (revision ${item.currentRevision})`}</figcaption>
          {orphaned ? <p className={styles.empty}>Not found in the new text: re-select it below or retire it.</p> : <blockquote data-testid="new-text">{item.newExact}</blockquote>}
        </figure>
      </div>
      <p className="small muted">Current text: select a passage and press <kbd>s</kbd> to re-anchor the span there.</p>
      <div className={queue.body} ref={bodyRef} data-testid="reanchor-body" tabIndex={0} aria-label="Current article text">
        <MarkedText body={body} spans={spans} />
      </div>
    </article>
  );
}

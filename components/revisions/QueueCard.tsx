'use client';
/**
 * One span waiting for a re-anchoring decision: its state and score, the text it had and the
 * text it has now, and the current article text (all of it, or a stretch starting at body
 * offset `base`), where a new span can be selected.
 */
import Link from 'next/link';
import { useEffect, type RefObject } from 'react';
import type { QueueItem } from '@/lib/data/revisionQueue';
import { MarkedText } from './MarkedText';
import styles from './revisions.module.css';
import queue from './queue.module.css';

export function QueueCard({ item, body, base = 0, bodyRef, articleHref }: {
  item: QueueItem;
  body: string;
  base?: number;
  bodyRef: RefObject<HTMLDivElement | null>;
  /** In the project-wide queue: the article the span belongs to. */
  articleHref?: string;
}) {
  const orphaned = item.state === 'orphaned';
  const inside = item.start >= base && item.end <= base + body.length;
  const spans = orphaned || !inside ? [] : [{ id: item.id, start: item.start - base, end: item.end - base, label: item.label, state: item.state }];
  // Scroll the text box (position: relative, so offsetTop is inside it) to the span's new place.
  useEffect(() => {
    const mark = bodyRef.current?.querySelector('mark');
    if (bodyRef.current && mark) bodyRef.current.scrollTop = Math.max(0, mark.offsetTop - 60);
  }, [bodyRef, item.id]);
  return (
    <article className={`card ${queue.card}`} data-testid="reanchor-item" data-state={item.state}>
      {articleHref ? <p className={queue.article}><Link href={articleHref}>{item.articleTitle || `Article ${item.articleId}`}</Link> <span className="muted small">· revision {item.currentRevision}</span></p> : null}
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
      <p className="small muted">Current text{base > 0 || body.length < item.end ? ' around it' : ''}: select a passage and press <kbd>s</kbd> to re-anchor the span there.</p>
      <div className={queue.body} ref={bodyRef} data-testid="reanchor-body" tabIndex={0} aria-label="Current article text">
        <MarkedText body={body} spans={spans} />
      </div>
    </article>
  );
}

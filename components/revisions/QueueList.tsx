'use client';
/** The outline of the re-anchoring queue: what is left, by state (and article, in the project queue); click to jump. */
import type { QueueItem } from '@/lib/data/revisionQueue';
import styles from './revisions.module.css';
import queue from './queue.module.css';

export function QueueList({ items, currentId, onPick, showArticle = false }: { items: QueueItem[]; currentId: number; onPick: (id: number) => void; showArticle?: boolean }) {
  return (
    <nav className="card" aria-label="Spans to re-check" style={{ padding: 0 }}>
      <p className="small muted" style={{ margin: '0.6rem 0.8rem 0' }}>{items.length} left</p>
      <ul className={queue.list}>
        {items.map((i) => (
          <li key={i.id}>
            <button type="button" className={`${queue.pick} ${i.id === currentId ? queue.pickActive : ''}`} onClick={() => onPick(i.id)} aria-current={i.id === currentId || undefined}>
              <span className={`${styles.stateBadge} ${styles[`badge_${i.state}`]}`}>{i.state}</span>
              <span className={queue.pickText}>
                {i.oldExact}
                {showArticle ? <span className={queue.pickArticle}>{i.articleTitle || `Article ${i.articleId}`}</span> : null}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

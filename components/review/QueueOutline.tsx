'use client';
/** The whole queue on the side, article by article; a click picks the item to review. */
import type { QueueGroup } from '@/lib/data/reviewQueue';
import { displayOutlet } from '@/lib/articleNames';
import { queueKey } from './useReviewQueue';
import styles from './ReviewQueue.module.css';

export function QueueOutline({ groups, done, currentKey, onPick }: { groups: QueueGroup[]; done: Set<string>; currentKey: string | null; onPick: (key: string) => void }) {
  return (
    <aside className={styles.outline} aria-label="Queue by article">
      {groups.map((group) => {
        const items = group.items.filter((i) => !done.has(queueKey(i)));
        if (!items.length) return null;
        return (
          <div key={group.articleId} className={styles.group}>
            <div className={styles.groupTitle}>
              <span>{displayOutlet(group)}</span>
              <span className={styles.groupCount}>{items.length}</span>
            </div>
            <div className={styles.groupArticle}>{group.title || 'Untitled article'}</div>
            <ul>
              {items.map((item) => (
                <li key={queueKey(item)}>
                  <button type="button" className={queueKey(item) === currentKey ? `${styles.pick} ${styles.picked}` : styles.pick} onClick={() => onPick(queueKey(item))}>
                    <span className={`${styles.dot} ${styles[item.kind === 'link' ? 'link' : item.span.label]}`} aria-hidden="true" />
                    <span className={styles.pickText}>{item.kind === 'link' ? `${item.relation}: ${item.span.exact}` : item.span.exact}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </aside>
  );
}

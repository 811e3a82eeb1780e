'use client';
/**
 * The loaded part of the queue on the side, article by article; a click picks the item to
 * review. A link reads as the two statements it joins. More pages load from the bottom.
 */
import type { QueueItem } from '@/lib/data/reviewQueue';
import { sourceAndTitle } from '@/lib/articleNames';
import { linkDescription } from './linkDescription';
import { queueKey } from './useReviewQueue';
import styles from './ReviewQueue.module.css';

interface ItemGroup {
  articleId: number;
  title: string;
  outlet: string | null;
  items: QueueItem[];
}

/** Consecutive items of one article form a group (the queue comes in article order). */
function groupItems(items: QueueItem[]): ItemGroup[] {
  const groups: ItemGroup[] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last.articleId === item.span.articleId) last.items.push(item);
    else groups.push({ articleId: item.span.articleId, title: item.span.articleTitle, outlet: item.span.outlet, items: [item] });
  }
  return groups;
}

const describe = (item: QueueItem) => (item.kind === 'link' ? linkDescription({ relation: item.relation, from: item.span, to: item.other }, 28) : item.span.exact);

interface Props {
  items: QueueItem[];
  currentKey: string | null;
  onPick: (key: string) => void;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}

export function QueueOutline({ items, currentKey, onPick, hasMore, loading, onMore }: Props) {
  return (
    <aside className={styles.outline} aria-label="Queue by article">
      {groupItems(items).map((group) => {
        const { source, title } = sourceAndTitle(group);
        return (
          <div key={group.articleId} className={styles.group} data-testid="outline-group">
            <div className={styles.groupTitle}>
              <span title={title ? undefined : group.title}>{source}</span>
              <span className={styles.groupCount}>{group.items.length}</span>
            </div>
            {title && <div className={styles.groupArticle}>{title}</div>}
            <ul>
              {group.items.map((item) => (
                <li key={queueKey(item)}>
                  <button type="button" className={queueKey(item) === currentKey ? `${styles.pick} ${styles.picked}` : styles.pick} onClick={() => onPick(queueKey(item))}
                    data-testid="outline-item">
                    <span className={`${styles.dot} ${styles[item.kind === 'link' ? 'link' : item.span.label]}`} aria-hidden="true" />
                    <span className={styles.pickText}>{describe(item)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {hasMore && (
        <button type="button" className={`btn btn-small ${styles.more}`} disabled={loading} onClick={onMore}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </aside>
  );
}

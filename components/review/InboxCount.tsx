'use client';
/** The header's unread badge, updated live (useLiveUnread) between page loads. */
import styles from './InboxNavLink.module.css';
import { useLiveUnread } from '@/components/live/useLiveUnread';

export function InboxCount({ initial }: { initial: number }) {
  const unread = useLiveUnread(initial);
  if (unread === 0) return null;
  return (
    <>
      <span className={styles.count} data-testid="inbox-count" aria-hidden="true">
        {unread > 99 ? '99+' : unread}
      </span>
      <span className="sr-only">, {unread > 99 ? 'more than 99' : unread} unread</span>
    </>
  );
}

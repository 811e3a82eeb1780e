/** The header's "Inbox" link with the number of unread items (server-rendered on each page). */
import Link from 'next/link';
import { unreadCount } from '@/lib/data/inbox';
import styles from './InboxNavLink.module.css';

export function InboxNavLink({ userId }: { userId: number }) {
  let unread = 0;
  try {
    unread = unreadCount({ actor: { userId } });
  } catch {
    unread = 0;
  }
  return (
    <Link href="/inbox" className={styles.link} aria-label={unread ? `Inbox, ${unread} unread` : 'Inbox'}>
      Inbox
      {unread > 0 && (
        <span className={styles.count} data-testid="inbox-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}

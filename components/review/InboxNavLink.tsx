/** The header's "Inbox" link with the number of unread items (rendered with the page, then kept live). */
import Link from 'next/link';
import { unreadCount } from '@/lib/data/inbox';
import styles from './InboxNavLink.module.css';
import { InboxCount } from './InboxCount';

export async function InboxNavLink({ userId }: { userId: number }) {
  let unread = 0;
  try {
    unread = await unreadCount({ actor: { userId } });
  } catch {
    unread = 0;
  }
  return (
    <Link href="/inbox" className={styles.link}>
      Inbox
      <InboxCount initial={unread} />
    </Link>
  );
}

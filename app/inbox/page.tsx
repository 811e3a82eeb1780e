import { requirePageUser } from '@/lib/auth/session';
import { listInbox, UNREAD_CAP } from '@/lib/data/inbox';
import { InboxPages } from '@/components/review/InboxPages';
import { MarkInboxRead } from '@/components/review/MarkInboxRead';
import { LiveInboxNotice } from '@/components/live/LiveInboxNotice';

export const metadata = { title: 'Inbox' };
export const dynamic = 'force-dynamic';

export default async function InboxPage() {
  const user = await requirePageUser('/inbox');
  const { items, nextCursor, unread } = await listInbox({ actor: { userId: user.id } });
  return (
    <div className="container container-narrow" style={{ maxWidth: 880 }}>
      <div className="page-header">
        <div>
          <h1>Inbox</h1>
          <p>
            What colleagues did with your work: reviews, comments, replies and verdicts.{' '}
            {unread > 0 ? <strong data-testid="inbox-unread">{unread > UNREAD_CAP ? `${UNREAD_CAP}+` : unread} unread</strong> : 'All read.'}
          </p>
        </div>
        <MarkInboxRead disabled={unread === 0} />
      </div>
      <LiveInboxNotice unreadAtLoad={unread} />
      {items.length === 0 ? (
        <div className="card empty">Nothing yet. When a colleague reviews or discusses one of your tags or links, it shows up here.</div>
      ) : (
        // Keyed so that a refresh (e.g. after "Mark all as read") starts again from the new first page.
        <InboxPages key={`${unread}-${items[0].key}`} items={items} nextCursor={nextCursor} />
      )}
    </div>
  );
}

'use client';
/** On the inbox page: "2 new items in your inbox · Show them", once the live unread count grows. */
import { useRouter } from 'next/navigation';
import { useLiveUnread } from './useLiveUnread';
import { NOTICE_STYLE } from './LiveChanges';

export function LiveInboxNotice({ unreadAtLoad }: { unreadAtLoad: number }) {
  const router = useRouter();
  const unread = useLiveUnread(unreadAtLoad);
  const added = unread - unreadAtLoad;
  return (
    <div aria-live="polite">
      {added > 0 && (
        <div className="alert alert-info" data-testid="live-changes" style={NOTICE_STYLE}>
          <span>{added === 1 ? 'One new item' : `${added} new items`} in your inbox since this page was loaded.</span>
          <button type="button" className="btn btn-small" onClick={() => router.refresh()}>
            Show them
          </button>
        </div>
      )}
    </div>
  );
}

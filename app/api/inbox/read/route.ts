import { authedRoute } from '@/lib/http/api';
import { markInboxRead } from '@/lib/data/inbox';

/** POST: mark everything in the caller's inbox as read. */
export const POST = authedRoute(({ actor }) => {
  markInboxRead({ actor });
  return { unread: 0 };
});

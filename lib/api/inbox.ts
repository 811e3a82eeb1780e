/** Handlers of the caller's inbox and of the health check. */
import { NextResponse } from 'next/server';
import { authedRoute } from '../http/api';
import { listInbox, markInboxRead } from '../data/inbox';

/** GET the caller's inbox (reviews, comments, replies and verdicts on their work), newest first. */
export const readInbox = authedRoute(({ actor }) => listInbox({ actor }));

/** POST: mark everything in the caller's inbox as read. */
export const postInboxRead = authedRoute(({ actor }) => {
  markInboxRead({ actor });
  return { unread: 0 };
});

/** No authentication: for load balancers and the test harness. */
export function health(): Response {
  return NextResponse.json({ ok: true });
}

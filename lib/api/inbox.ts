/** Handlers of the caller's inbox and of the health check. */
import { NextResponse } from 'next/server';
import { authedRoute } from '../http/api';
import { badRequest } from '../errors';
import { listInbox, markInboxRead } from '../data/inbox';

/**
 * GET ?cursor=&limit=: one page of the caller's inbox (reviews, comments, replies and verdicts
 * on their work), newest first, as `{items, nextCursor, unread}`; an unknown parameter is a 400.
 */
export const readInbox = authedRoute(async ({ actor, request }) => {
  const search = new URL(request.url).searchParams;
  const unknown = [...search.keys()].find((key) => key !== 'cursor' && key !== 'limit');
  if (unknown) throw badRequest(`Unknown parameter "${unknown}": the inbox takes cursor and limit.`);
  return await listInbox({ actor, query: { cursor: search.get('cursor'), limit: search.get('limit') } });
});

/** POST: mark everything in the caller's inbox as read. */
export const postInboxRead = authedRoute(async ({ actor }) => {
  await markInboxRead({ actor });
  return { unread: 0 };
});

/** No authentication: for load balancers and the test harness. */
export function health(): Response {
  return NextResponse.json({ ok: true });
}

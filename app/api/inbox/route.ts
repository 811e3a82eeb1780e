import { authedRoute } from '@/lib/http/api';
import { listInbox } from '@/lib/data/inbox';

/** GET the caller's inbox (reviews, comments, replies and verdicts on their work), newest first. */
export const GET = authedRoute(({ actor }) => listInbox({ actor }));

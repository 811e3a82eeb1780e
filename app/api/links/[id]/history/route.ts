import { historyRoute } from '@/lib/review/http';

/** GET who did what to a link and when, from the audit log. */
export const GET = historyRoute('link');

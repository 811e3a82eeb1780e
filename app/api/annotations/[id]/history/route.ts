import { historyRoute } from '@/lib/review/http';

/** GET who did what to an annotation and when, from the audit log. */
export const GET = historyRoute('annotation');

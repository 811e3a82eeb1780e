import { settleRoute } from '@/lib/review/http';

/** POST a lead's final decision {decision, reason} on a disputed link. */
export const POST = settleRoute('link');

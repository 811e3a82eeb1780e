import { reviewRoutes } from '@/lib/review/http';

/** GET the reviews of a link; POST {decision: accept|reject, reason?} (If-Match optional). */
const routes = reviewRoutes('link');
export const GET = routes.GET;
export const POST = routes.POST;

import { reviewRoutes } from '@/lib/review/http';

/** GET the reviews of an annotation; POST {decision: accept|reject, reason?} (If-Match optional). */
const routes = reviewRoutes('annotation');
export const GET = routes.GET;
export const POST = routes.POST;

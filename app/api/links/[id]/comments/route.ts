import { commentRoutes } from '@/lib/review/http';

/** GET the discussion thread of a link; POST {body, parentId?} to comment or reply. */
const routes = commentRoutes('link');
export const GET = routes.GET;
export const POST = routes.POST;

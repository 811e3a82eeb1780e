import { commentRoutes } from '@/lib/review/http';

/** GET the discussion thread of an annotation; POST {body, parentId?} to comment or reply. */
const routes = commentRoutes('annotation');
export const GET = routes.GET;
export const POST = routes.POST;

import { apiRoute } from '@/lib/api/routes';

// The handlers and their docs live in lib/api/revisions.ts (one route table for Next.js and the server).
export const GET = apiRoute('GET', '/api/articles/:articleId/revisions');
export const POST = apiRoute('POST', '/api/articles/:articleId/revisions');

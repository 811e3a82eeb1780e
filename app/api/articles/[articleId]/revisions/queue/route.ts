import { apiRoute } from '@/lib/api/routes';

export const GET = apiRoute('GET', '/api/articles/:articleId/revisions/queue');

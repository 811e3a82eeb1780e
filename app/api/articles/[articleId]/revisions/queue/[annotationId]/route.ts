import { apiRoute } from '@/lib/api/routes';

export const POST = apiRoute('POST', '/api/articles/:articleId/revisions/queue/:annotationId');

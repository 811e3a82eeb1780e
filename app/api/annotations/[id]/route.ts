import { apiRoute } from '@/lib/api/routes';

// The handlers and their docs live in lib/api (one route table for Next.js and the server).
export const GET = apiRoute('GET', '/api/annotations/:id');
export const PATCH = apiRoute('PATCH', '/api/annotations/:id');
export const DELETE = apiRoute('DELETE', '/api/annotations/:id');

import { apiRoute } from '@/lib/api/routes';

// A stream per request, never cached or prerendered.
export const dynamic = 'force-dynamic';

// The handlers and their docs live in lib/api (one route table for Next.js and the server).
export const GET = apiRoute('GET', '/api/live');

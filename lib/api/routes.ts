/**
 * The one table of the HTTP API: every route's method, path and handler. The App Router's
 * files under app/api/ export `apiRoute(method, path)` from it, and the production server
 * (server/) serves the `direct` routes from the same entries without Next.js's request path,
 * so the two can never drift apart (tests/server/routeTable.test.ts checks both ways).
 *
 * `direct`: the group-committed writes. Next.js's routing costs more CPU than the write itself
 * (docs/architecture.md, "The write fast lane"); their bodies are small (64 KB caps), so the
 * server reads them ahead in one piece.
 */
import * as annotations from './annotations';
import * as links from './links';
import * as reviews from './reviews';
import * as projects from './projects';
import * as inbox from './inbox';
import * as w3c from './w3c';
import * as board from './board';
import * as articleAdmin from './articleAdmin';
import * as revisions from './revisions';
import * as live from './live';

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiRoute {
  method: HttpMethod;
  /** The URL path; `:name` captures one segment as a route parameter. */
  path: string;
  handler: RouteHandler;
  /** Served by the production server directly, beside Next.js. */
  direct?: true;
}

const route = (method: HttpMethod, path: string, handler: unknown, direct?: 'direct'): ApiRoute => ({
  method,
  path,
  handler: handler as RouteHandler,
  ...(direct ? { direct: true as const } : {}),
});

/** Reviews, a lead's settlement, the thread and the history: the same under /api/annotations/:id and /api/links/:id. */
function reviewTree(kind: 'annotation' | 'link'): ApiRoute[] {
  const base = `/api/${kind}s/:id`;
  return [
    route('GET', `${base}/reviews`, reviews.readReviews(kind)),
    route('POST', `${base}/reviews`, reviews.postReview(kind), 'direct'),
    route('POST', `${base}/settle`, reviews.postSettlement(kind), 'direct'),
    route('GET', `${base}/comments`, reviews.readComments(kind)),
    route('POST', `${base}/comments`, reviews.postComment(kind), 'direct'),
    route('GET', `${base}/history`, reviews.readHistory(kind)),
  ];
}

export const API_ROUTES: readonly ApiRoute[] = [
  route('GET', '/api/health', inbox.health),
  route('GET', '/api/projects', projects.readProjects),
  route('POST', '/api/projects', projects.postProject),
  route('GET', '/api/projects/:projectId/articles', projects.readArticles),
  route('POST', '/api/projects/:projectId/articles', projects.postArticle),
  route('GET', '/api/projects/:projectId/agreement', projects.readAgreement),
  route('GET', '/api/projects/:projectId/agreement/disagreements', projects.readDisagreements),
  route('GET', '/api/projects/:projectId/review-queue', projects.readReviewQueue),
  route('GET', '/api/projects/:projectId/board', board.readBoard),
  route('GET', '/api/projects/:projectId/export', projects.readExport),
  route('POST', '/api/projects/:projectId/imports', projects.postImport),
  route('GET', '/api/projects/:projectId/w3c', w3c.readContainer),
  route('GET', '/api/projects/:projectId/w3c/:item', w3c.readContainerItem),
  route('GET', '/api/articles/:articleId', projects.readArticle),
  route('POST', '/api/projects/:projectId/articles/outlet', articleAdmin.postOutlet),
  route('POST', '/api/articles/:articleId/archive', articleAdmin.postArchive),
  route('POST', '/api/articles/:articleId/restore', articleAdmin.postRestore),
  route('GET', '/api/articles/:articleId/text', w3c.readArticleText),
  route('GET', '/api/articles/:articleId/annotations', annotations.listArticleAnnotations),
  route('GET', '/api/articles/:articleId/revisions', revisions.readRevisions),
  route('POST', '/api/articles/:articleId/revisions', revisions.postRevision),
  route('GET', '/api/articles/:articleId/revisions/queue', revisions.readQueue),
  route('POST', '/api/articles/:articleId/revisions/queue/:annotationId', revisions.postQueueDecision),
  route('GET', '/api/articles/:articleId/revisions/:n', revisions.readOneRevision),
  route('GET', '/api/projects/:projectId/revisions/queue', revisions.readProjectQueue),
  route('POST', '/api/articles/:articleId/annotations', annotations.postAnnotation, 'direct'),
  route('GET', '/api/annotations/:id', annotations.readAnnotation),
  route('PATCH', '/api/annotations/:id', annotations.patchAnnotation, 'direct'),
  route('DELETE', '/api/annotations/:id', annotations.removeAnnotation, 'direct'),
  route('POST', '/api/annotations/:id/restore', annotations.postRestore),
  route('GET', '/api/annotations/:id/suggestions', annotations.listSuggestions),
  route('GET', '/api/annotations/:id/verdicts', annotations.readVerdicts),
  route('POST', '/api/annotations/:id/verdicts', annotations.postVerdict),
  ...reviewTree('annotation'),
  route('GET', '/api/links', links.listLinks),
  route('POST', '/api/links', links.postLink, 'direct'),
  route('GET', '/api/links/:id', links.readLink),
  route('DELETE', '/api/links/:id', links.removeLink, 'direct'),
  ...reviewTree('link'),
  route('PATCH', '/api/comments/:id', reviews.patchComment),
  route('DELETE', '/api/comments/:id', reviews.removeComment),
  route('GET', '/api/inbox', inbox.readInbox),
  route('POST', '/api/inbox/read', inbox.postInboxRead),
  route('GET', '/api/live', live.streamLive),
];

/** The handler of one table entry, for an app/api route file; throws at build time if absent. */
export function apiRoute(method: HttpMethod, path: string): RouteHandler {
  const entry = API_ROUTES.find((r) => r.method === method && r.path === path);
  if (!entry) throw new Error(`No ${method} ${path} in lib/api/routes.ts`);
  return entry.handler;
}

const DIRECT = API_ROUTES.filter((r) => r.direct).map((r) => ({ route: r, pattern: r.path.split('/').filter(Boolean) }));

/** The direct route and its parameters for a method and raw request URL, or null (Next.js serves it). */
export function matchDirectRoute(method: string | undefined, url: string | undefined): { route: ApiRoute; params: Record<string, string> } | null {
  if (!method || !url || !url.startsWith('/api/')) return null;
  const path = url.split('?', 1)[0];
  // A trailing slash, an empty segment or a dot segment is left to Next.js to normalize.
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  for (const candidate of DIRECT) {
    if (candidate.route.method !== method || candidate.pattern.length !== segments.length) continue;
    const params = matchSegments(candidate.pattern, segments);
    if (params) return { route: candidate.route, params };
  }
  return null;
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) {
      try {
        params[pattern[i].slice(1)] = decodeURIComponent(segments[i]);
      } catch {
        return null;
      }
    } else if (pattern[i] !== segments[i]) {
      return null;
    }
  }
  return params;
}

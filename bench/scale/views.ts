/**
 * What bench:scale measures: every page a desk opens (server-rendered HTML, signed in as the
 * lead and as a reviewer) and every list endpoint of the API, each timed over repeats.
 */
import type { Corpus } from './corpus';

export interface View {
  name: string;
  kind: 'page' | 'api';
  /** Who asks: the lead or a reviewer (pages are measured as both). */
  as: 'lead' | 'reviewer';
  path: string;
}

/** The article, annotation and statement every view of one size is asked about (the middle one). */
function subjects(corpus: Corpus) {
  const articleId = corpus.articleIds[Math.floor(corpus.articleIds.length / 2)];
  const annotation = corpus.annotations.find((a) => a.articleId === articleId) ?? corpus.annotations[0];
  return { articleId, annotationId: annotation.id };
}

export function viewsFor(corpus: Corpus): View[] {
  const p = corpus.projectId;
  const { articleId, annotationId } = subjects(corpus);
  const pages: Array<[string, string]> = [
    ['projects', '/projects'],
    ['project', `/projects/${p}`],
    ['reader', `/projects/${p}/articles/${articleId}`],
    ['board', `/projects/${p}/board`],
    ['review', `/projects/${p}/review`],
    ['agreement', `/projects/${p}/agreement`],
    ['inbox', '/inbox'],
    ['compare', `/projects/${p}/compare/${annotationId}`],
    ['history', `/projects/${p}/history/annotation/${annotationId}`],
    ['export', `/projects/${p}/export`],
  ];
  const apis: Array<[string, string]> = [
    ['apiProjects', '/api/projects'],
    ['apiArticles', `/api/projects/${p}/articles`],
    ['apiAnnotations', `/api/articles/${articleId}/annotations`],
    ['apiReviewQueue', `/api/projects/${p}/review-queue`],
    ['apiLinks', `/api/links?projectId=${p}`],
    ['apiInbox', '/api/inbox'],
    ['apiAgreement', `/api/projects/${p}/agreement`],
    ['apiSuggestions', `/api/annotations/${annotationId}/suggestions`],
  ];
  return [
    ...pages.flatMap(([name, path]) => [
      { name: `${name}Lead`, kind: 'page' as const, as: 'lead' as const, path },
      { name: `${name}Reviewer`, kind: 'page' as const, as: 'reviewer' as const, path },
    ]),
    ...apis.map(([name, path]) => ({ name, kind: 'api' as const, as: 'reviewer' as const, path })),
  ];
}

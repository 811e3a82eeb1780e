/**
 * What bench:scale measures: every page a desk opens (server-rendered HTML, signed in as the
 * lead and as a reviewer) and every list endpoint of the API, each timed over repeats. Lists
 * are asked for their first page with the default limit (no cursor). A route the app does not
 * have (404 on the first call, e.g. a board API not merged yet) is reported as n/a.
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
  // Two reviewers of the same team, so their disagreement list is not empty.
  const here = corpus.annotations.filter((a) => a.articleId === articleId);
  const a = here[0]?.authorIndex ?? 0;
  const b = here.find((x) => x.authorIndex !== a)?.authorIndex ?? (a + 1) % corpus.reviewers.length;
  return { articleId, annotationId: annotation.id, pair: [corpus.reviewers[a].actor, corpus.reviewers[b].actor] };
}

export function viewsFor(corpus: Corpus): View[] {
  const p = corpus.projectId;
  const { articleId, annotationId, pair } = subjects(corpus);
  const [ra, rb] = pair.map((actor) => ('userId' in actor ? actor.userId : 0));
  const pages: Array<[string, string]> = [
    ['projects', '/projects'],
    ['project', `/projects/${p}`],
    ['reader', `/projects/${p}/articles/${articleId}`],
    ['readerBig', `/projects/${p}/articles/${corpus.bigArticleId ?? articleId}`],
    ['board', `/projects/${p}/board`],
    ['review', `/projects/${p}/review`],
    ['agreement', `/projects/${p}/agreement?a=${ra}&b=${rb}`],
    ['inbox', '/inbox'],
    ['compare', `/projects/${p}/compare/${annotationId}`],
    ['history', `/projects/${p}/history/annotation/${annotationId}`],
    ['export', `/projects/${p}/export`],
    ['members', `/projects/${p}/members`],
  ];
  const apis: Array<[string, string]> = [
    ['apiProjects', '/api/projects'],
    ['apiArticles', `/api/projects/${p}/articles`],
    ['apiAnnotations', `/api/articles/${articleId}/annotations`],
    ['apiReviewQueue', `/api/projects/${p}/review-queue`],
    ['apiLinks', `/api/links?projectId=${p}`],
    ['apiInbox', '/api/inbox'],
    ['apiBoard', `/api/projects/${p}/board`],
    ['apiAgreement', `/api/projects/${p}/agreement`],
    ['apiDisagreements', `/api/projects/${p}/agreement/disagreements?a=${ra}&b=${rb}`],
    ['suggestions', `/api/annotations/${annotationId}/suggestions`],
    ['apiHistory', `/api/annotations/${annotationId}/history`],
  ];
  return [
    ...pages.flatMap(([name, path]) => [
      { name: `${name}Lead`, kind: 'page' as const, as: 'lead' as const, path },
      { name: `${name}Reviewer`, kind: 'page' as const, as: 'reviewer' as const, path },
    ]),
    ...apis.map(([name, path]) => ({ name, kind: 'api' as const, as: 'reviewer' as const, path })),
  ];
}

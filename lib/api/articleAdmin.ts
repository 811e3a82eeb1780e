/** Handlers of a lead's article housekeeping: the outlet of many articles, archive and restore. */
import { authedRoute, pathId, readJson } from '../http/api';
import { setOutlet } from '../data/articleOutlets';
import { archiveArticle, restoreArticle } from '../data/articleArchive';

/** POST {articleIds: number[], outlet: string}: sets (or with "" clears) the outlet of those articles. */
export const postOutlet = authedRoute<{ projectId: string }>(async ({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  return await setOutlet({ actor, projectId, input: await readJson(request, 64 * 1024) });
});

/** POST: archives the article (out of every list, annotations kept). */
export const postArchive = authedRoute<{ articleId: string }>(async ({ actor, params }) => ({
  article: await archiveArticle({ actor, articleId: pathId(params.articleId, 'Article') }),
}));

/** POST: brings an archived article back. */
export const postRestore = authedRoute<{ articleId: string }>(async ({ actor, params }) => ({
  article: await restoreArticle({ actor, articleId: pathId(params.articleId, 'Article') }),
}));

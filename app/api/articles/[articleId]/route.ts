import { authedRoute, pathId } from '@/lib/http/api';
import { getArticle } from '@/lib/data/articles';

export const GET = authedRoute<{ articleId: string }>(({ actor, params }) => {
  const { article } = getArticle({ actor, articleId: pathId(params.articleId, 'Article') });
  return article;
});

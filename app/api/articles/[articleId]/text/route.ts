import { authedRoute, pathId } from '@/lib/http/api';
import { getArticle } from '@/lib/data/articles';

type Params = { articleId: string };

/** The article's exact stored body: the text that W3C selectors count code points in. */
export const GET = authedRoute<Params>(({ actor, params }) => {
  const { article } = getArticle({ actor, articleId: pathId(params.articleId, 'Article') });
  return new Response(article.body, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ETag: `"${article.sha256}"`, 'Cache-Control': 'private, no-cache', 'X-Content-Type-Options': 'nosniff' },
  });
});

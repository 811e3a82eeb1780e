import { notFound } from 'next/navigation';
import { requirePageUser } from '@/lib/auth/session';
import { getArticle } from '@/lib/data/articles';
import { isAppError } from '@/lib/errors';
import { ArticleBody } from '@/components/annotator/ArticleBody';

type Params = { projectId: string; articleId: string };

export default async function ReaderPage({ params }: { params: Promise<Params> }) {
  const { projectId, articleId } = await params;
  const user = await requirePageUser(`/projects/${projectId}/articles/${articleId}`);
  const id = Number(articleId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  let result;
  try {
    result = getArticle({ actor: { userId: user.id }, articleId: id });
  } catch (error) {
    if (isAppError(error) && error.status === 404) notFound();
    throw error;
  }
  if (String(result.article.projectId) !== projectId) notFound();
  return (
    <div className="container">
      <h1>{result.article.title || 'Untitled article'}</h1>
      <ArticleBody body={result.article.body} />
    </div>
  );
}

/** The signed-in user and the article for the revision pages; 404 for bad ids or no access. */
import { notFound } from 'next/navigation';
import { requirePageUser } from '@/lib/auth/session';
import { getArticle } from '@/lib/data/articles';
import { isAppError } from '@/lib/errors';

export type RevisionPageParams = Promise<{ projectId: string; articleId: string }>;

export async function loadRevisionPage(params: RevisionPageParams, suffix: string) {
  const { projectId, articleId } = await params;
  const user = await requirePageUser(`/projects/${projectId}/articles/${articleId}/revisions${suffix}`);
  if (!/^\d{1,15}$/.test(articleId)) notFound();
  try {
    const { article, role, project } = await getArticle({ actor: { userId: user.id }, articleId: Number(articleId) });
    if (String(article.projectId) !== projectId) notFound();
    return { user, actor: { userId: user.id }, article, role: role ?? 'viewer', project };
  } catch (error) {
    if (isAppError(error) && error.status === 404) notFound();
    throw error;
  }
}

/** A revision number from a query value, or the fallback when absent or malformed. */
export function revisionParam(value: string | undefined, fallback: number, max: number): number {
  if (!value || !/^\d{1,6}$/.test(value)) return fallback;
  const n = Number(value);
  return n >= 1 && n <= max ? n : fallback;
}

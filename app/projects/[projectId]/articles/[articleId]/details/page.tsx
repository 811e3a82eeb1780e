import { notFound } from 'next/navigation';
import Link from 'next/link';
import { requirePageUser } from '@/lib/auth/session';
import { getArticle } from '@/lib/data/articles';
import { can } from '@/lib/auth/can';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { ArticleDetailsForm, ArticleDetailsList } from '@/components/projects/ArticleDetailsForm';
import { ArchiveButton } from '@/components/projects/ArchiveButton';
import { formatCount, formatMoment } from '@/components/projects/format';
import { orNotFound, routeId } from '../../../loadProject';
import { updateArticleDetailsAction } from './actions';

export const metadata = { title: 'Article details' };

type Params = { projectId: string; articleId: string };

export default async function ArticleDetailsPage({ params }: { params: Promise<Params> }) {
  const raw = await params;
  const user = await requirePageUser(`/projects/${raw.projectId}/articles/${raw.articleId}/details`);
  const projectId = routeId(raw.projectId);
  const articleId = routeId(raw.articleId);
  if (projectId === null || articleId === null) notFound();
  const { article, project, role } = await orNotFound(async () => await getArticle({ actor: { userId: user.id }, articleId }));
  if (article.projectId !== projectId) notFound();
  const { body, ...meta } = article;
  return (
    <div className="container">
      <ProjectNav projectId={projectId} projectName={project.name} active="articles" role={role} />
      <div className="page-header">
        <div>
          <h1>{article.title || <span className="muted">Untitled</span>}</h1>
          <p>
            {formatCount(body.length)} characters · imported {formatMoment(article.importedAt)}
          </p>
        </div>
        <Link href={`/projects/${projectId}/articles/${articleId}`} className="btn">Open in the reader</Link>
      </div>
      <section className="card container-narrow">
        <h2 style={{ marginTop: 0 }}>Details</h2>
        {can(role, 'article.edit') ? (
          <ArticleDetailsForm action={updateArticleDetailsAction} article={meta} />
        ) : (
          <ArticleDetailsList article={meta} />
        )}
      </section>
      {can(role, 'article.edit') && (
        <section className="card container-narrow" aria-labelledby="archive">
          <h2 id="archive" style={{ marginTop: 0 }}>Archive</h2>
          <ArchiveButton articleId={articleId} archived={!!article.archivedAt} title={article.title} />
        </section>
      )}
    </div>
  );
}

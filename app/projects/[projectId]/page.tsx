import Link from 'next/link';
import { listArticles } from '@/lib/data/articles';
import { can } from '@/lib/auth/can';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { ArticlesTable } from '@/components/projects/ArticlesTable';
import { BulkOutlet } from '@/components/projects/BulkOutlet';
import { ArchivedArticles } from '@/components/projects/ArchivedArticles';
import { listArchivedArticles } from '@/lib/data/articleArchive';
import { loadProjectPage } from './loadProject';

export const metadata = { title: 'Articles' };

export default async function ProjectArticlesPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { user, project, projectId } = await loadProjectPage(params);
  const articles = listArticles({ actor: { userId: user.id }, projectId });
  const isLead = can(project.role, 'article.edit');
  return (
    <div className="container">
      <ProjectNav projectId={projectId} projectName={project.name} active="articles" role={project.role} />
      <div className="page-header">
        <div>
          <h1>Articles</h1>
          <p>{project.description || 'The texts this project annotates. Open one to read and tag it.'}</p>
        </div>
        {can(project.role, 'article.import') && (
          <Link href={`/projects/${projectId}/import`} className="btn btn-primary">Import articles</Link>
        )}
      </div>
      {articles.length === 0 ? (
        <div className="card empty">
          No articles yet.{' '}
          {can(project.role, 'article.import') ? 'Import the first texts to start annotating.' : 'A project lead can import them.'}
        </div>
      ) : (
        <ArticlesTable projectId={projectId} articles={articles} canEdit={isLead} />
      )}
      {isLead && articles.length > 0 && <BulkOutlet projectId={projectId} articles={articles} />}
      {isLead && <ArchivedArticles projectId={projectId} articles={listArchivedArticles({ actor: { userId: user.id }, projectId })} />}
    </div>
  );
}

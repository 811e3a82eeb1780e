import Link from 'next/link';
import { notFound } from 'next/navigation';
import { proposeArticleCleanup } from '@/lib/data/revisions';
import { isAppError } from '@/lib/errors';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { CleanupView } from '@/components/revisions/CleanupView';
import { loadRevisionPage } from '../load';

export const metadata = { title: 'Clean up' };

/** The lead's clean-up of an imported text (issue 16 item 5); the 404 page for everyone else. */
export default async function CleanupPage({ params }: { params: Promise<{ projectId: string; articleId: string }> }) {
  const { actor, article, role, project } = await loadRevisionPage(params, '/cleanup');
  let proposal;
  try {
    proposal = proposeArticleCleanup({ actor, articleId: article.id });
  } catch (error) {
    if (isAppError(error) && (error.status === 403 || error.status === 404)) notFound();
    throw error;
  }
  const base = `/projects/${project.id}/articles/${article.id}`;
  return (
    <div className="container" style={{ maxWidth: 1320 }}>
      <ProjectNav projectId={project.id} projectName={project.name} active="articles" role={role} />
      <div className="page-header">
        <div>
          <p className="small"><Link href={base}>← {article.title || 'Untitled article'}</Link></p>
          <h1>Clean up</h1>
          <p>Lines of page furniture found in revision {proposal.revision}: ads, weather, share buttons, “similar news” lists, repeated bylines and paragraphs. Accepting saves the rest as a new revision.</p>
        </div>
      </div>
      <CleanupView articleId={article.id} diffBase={`${base}/revisions`} body={proposal.body} revision={proposal.revision} removals={proposal.removals} />
    </div>
  );
}

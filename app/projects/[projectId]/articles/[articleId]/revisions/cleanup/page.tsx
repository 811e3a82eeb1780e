import { notFound } from 'next/navigation';
import { proposeArticleCleanup } from '@/lib/data/revisions';
import { isAppError } from '@/lib/errors';
import { RevisionPageShell } from '@/components/revisions/RevisionPageShell';
import { CleanupView } from '@/components/revisions/CleanupView';
import { loadRevisionPage } from '../load';

export const metadata = { title: 'Clean up' };

/** The lead's clean-up of an imported text (issue 16 item 5); the 404 page for everyone else. */
export default async function CleanupPage({ params }: { params: Promise<{ projectId: string; articleId: string }> }) {
  const { actor, article, role, project } = await loadRevisionPage(params, '/cleanup');
  let proposal;
  try {
    proposal = await proposeArticleCleanup({ actor, articleId: article.id });
  } catch (error) {
    if (isAppError(error) && (error.status === 403 || error.status === 404)) notFound();
    throw error;
  }
  return (
    <RevisionPageShell project={project} role={role} article={article} title="Clean up"
      intro={<>Lines of page furniture found in revision {proposal.revision}: ads, weather, share buttons, “similar news” lists, repeated bylines and paragraphs. Accepting saves the rest as a new revision.</>}>
      <CleanupView articleId={article.id} diffBase={`/projects/${project.id}/articles/${article.id}/revisions`} body={proposal.body} revision={proposal.revision} removals={proposal.removals} />
    </RevisionPageShell>
  );
}

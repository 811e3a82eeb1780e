import Link from 'next/link';
import { articleReanchorQueue } from '@/lib/data/revisionQueue';
import { can } from '@/lib/auth/can';
import { RevisionPageShell } from '@/components/revisions/RevisionPageShell';
import { ReanchorQueue } from '@/components/revisions/ReanchorQueue';
import { loadRevisionPage } from '../load';

export const metadata = { title: 'Re-anchoring queue' };

export default async function ReanchorQueuePage({ params }: { params: Promise<{ projectId: string; articleId: string }> }) {
  const { actor, article, role, project } = await loadRevisionPage(params, '/queue');
  const page = await articleReanchorQueue({ actor, articleId: article.id, query: { limit: '200' } });
  const base = `/projects/${project.id}/articles/${article.id}`;
  const canDecide = can(role, 'review.create');
  return (
    <RevisionPageShell project={project} role={role} article={article} title="Re-anchoring queue"
      intro={<>Spans that revision {article.currentRevision} edited, moved or left without a place. {page.nextCursor ? 'Showing the first 200.' : ''}</>}
      aside={canDecide ? <p className="muted small"><kbd>a</kbd> accept · <kbd>s</kbd> re-select · <kbd>r</kbd> retire · <kbd>n</kbd> next</p> : null}>
      <ReanchorQueue body={article.body} items={page.items} canDecide={canDecide} />
      {article.currentRevision > 1 ? (
        <p className="small"><Link href={`${base}/revisions?from=${article.currentRevision - 1}&to=${article.currentRevision}`}>Compare revision {article.currentRevision - 1} → {article.currentRevision}</Link></p>
      ) : null}
    </RevisionPageShell>
  );
}

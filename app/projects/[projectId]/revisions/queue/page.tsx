import Link from 'next/link';
import { projectReanchorQueue } from '@/lib/data/revisionQueue';
import { can } from '@/lib/auth/can';
import { isAppError } from '@/lib/errors';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { ReanchorQueue } from '@/components/revisions/ReanchorQueue';
import queue from '@/components/revisions/queue.module.css';
import { loadProjectPage } from '../../loadProject';

export const metadata = { title: 'Re-anchoring queue' };

const PAGE_SIZE = 50;

/** A cursor from the URL that is stale or forged is a message on the page, not an error page. */
async function readPage(read: () => ReturnType<typeof projectReanchorQueue>) {
  try {
    return { page: await read(), error: null };
  } catch (error) {
    if (isAppError(error) && error.status === 400) return { page: null, error: error.message };
    throw error;
  }
}

/** Every span of the project that a revision edited, moved or orphaned, waiting for a decision. */
export default async function ProjectReanchorQueuePage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const { user, project, projectId } = await loadProjectPage(params, '/revisions/queue');
  const { cursor } = await searchParams;
  const { page, error } = await readPage(async () => await projectReanchorQueue({ actor: { userId: user.id }, projectId, query: { cursor: cursor ?? null, limit: String(PAGE_SIZE) } }));
  const canDecide = can(project.role, 'review.create');
  const here = `/projects/${projectId}/revisions/queue`;
  const articles = page ? new Set(page.items.map((i) => i.articleId)).size : 0;
  return (
    <div className="container" style={{ maxWidth: 1320 }}>
      <ProjectNav projectId={projectId} projectName={project.name} active="reanchor" role={project.role} reanchorCount={page?.total} />
      <div className="page-header">
        <div>
          <h1>Re-anchoring queue</h1>
          <p>
            Spans that a new revision of their article edited, moved or left without a place, article by article.
            {page && page.total > 0 ? ` ${page.total} waiting${page.items.length < page.total ? `; this page shows ${page.items.length} from ${articles} article${articles === 1 ? '' : 's'}` : ''}.` : ''}
          </p>
        </div>
        {canDecide && page && page.items.length > 0 ? (
          <p className="muted small"><kbd>a</kbd> accept · <kbd>s</kbd> re-select · <kbd>r</kbd> retire · <kbd>n</kbd> next</p>
        ) : null}
      </div>
      {error ? <p className="alert alert-error" role="alert">{error} <Link href={here}>Start from the first page</Link></p> : null}
      {page ? (
        <ReanchorQueue key={cursor ?? 'first'} items={page.items} contexts={page.contexts} projectId={projectId} canDecide={canDecide}
          emptyText={cursor ? 'Nothing left on this page.' : 'Every span of this project sits where it was placed.'} />
      ) : null}
      {page?.nextCursor || cursor ? (
        <nav className={queue.pageNav} aria-label="Pages of the queue">
          {cursor ? <Link className="btn btn-small" href={here}>First page</Link> : null}
          {page?.nextCursor ? <Link className="btn btn-small" href={`${here}?cursor=${encodeURIComponent(page.nextCursor)}`} data-testid="queue-next-page">Next {PAGE_SIZE} →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

import { notFound } from 'next/navigation';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { HistoryTimeline } from '@/components/review/HistoryTimeline';
import { StatusBadge } from '@/components/review/StatusBadge';
import { linkDescription } from '@/components/review/linkDescription';
import { ListPager, listHref } from '@/components/projects/ListPager';
import { historyPage } from '@/lib/data/history';
import { isAppError } from '@/lib/errors';
import { loadProjectPage, orNotFound, routeId } from '../../../loadProject';

export const metadata = { title: 'History' };

type Params = { projectId: string; kind: string; id: string };

/** The page of the history the cursor names; a stale or forged cursor falls back to the newest. */
async function readPage(read: (cursor: string | undefined) => ReturnType<typeof historyPage>, cursor: string | undefined) {
  try {
    return { history: await read(cursor), stale: false };
  } catch (error) {
    if (cursor && isAppError(error) && error.status === 400) return { history: await read(undefined), stale: true };
    throw error;
  }
}

export default async function HistoryPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { kind, id: rawId } = await params;
  const { cursor: rawCursor } = await searchParams;
  const cursor = typeof rawCursor === 'string' && rawCursor ? rawCursor : undefined;
  const { user, project, projectId } = await loadProjectPage(params, `/history/${kind}/${rawId}`);
  const id = routeId(rawId);
  if ((kind !== 'annotation' && kind !== 'link') || id === null) notFound();
  const { history, stale } = await orNotFound(async () => await readPage(async (c) => await historyPage({ actor: { userId: user.id }, kind, id, query: { cursor: c } }), cursor));
  if (history.target.projectId !== projectId) notFound();
  const base = `/projects/${projectId}/history/${kind}/${id}`;
  return (
    <div className="container" style={{ maxWidth: 900 }}>
      <ProjectNav projectId={projectId} projectName={project.name} active="" role={project.role} />
      <div className="page-header">
        <div>
          <h1>
            History of {kind} {id} <StatusBadge status={history.target.status} />
          </h1>
          {history.joins && <p data-testid="link-joins"><strong>{linkDescription(history.joins)}</strong></p>}
          <p>Every change to this {kind}, its reviews, comments{kind === 'annotation' ? ' and verdicts' : ''}, from the audit log, newest first.</p>
        </div>
      </div>
      {history.target.deletedAt && <div className="alert alert-info" style={{ marginBottom: '1rem' }}>This {kind} has been deleted.</div>}
      {stale && <div className="alert alert-info" style={{ marginBottom: '1rem' }}>That page link is no longer valid; showing the newest entries.</div>}
      {history.nextCursor && !cursor && (
        <p className="muted small">The newest {history.items.length} entries; older ones follow on the next pages.</p>
      )}
      <HistoryTimeline entries={history.items} kind={kind} />
      <ListPager
        firstHref={cursor && !stale ? base : null}
        nextHref={history.nextCursor ? listHref(base, { cursor: history.nextCursor }) : null}
        firstLabel="Newest"
        nextLabel="Older entries"
      />
    </div>
  );
}

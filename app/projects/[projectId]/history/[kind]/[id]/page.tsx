import { notFound } from 'next/navigation';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { HistoryTimeline } from '@/components/review/HistoryTimeline';
import { StatusBadge } from '@/components/review/StatusBadge';
import { historyOf } from '@/lib/data/history';
import { loadProjectPage, orNotFound, routeId } from '../../../loadProject';

export const metadata = { title: 'History' };

type Params = { projectId: string; kind: string; id: string };

export default async function HistoryPage({ params }: { params: Promise<Params> }) {
  const { kind, id: rawId } = await params;
  const { user, project, projectId } = await loadProjectPage(params, `/history/${kind}/${rawId}`);
  const id = routeId(rawId);
  if ((kind !== 'annotation' && kind !== 'link') || id === null) notFound();
  const history = orNotFound(() => historyOf({ actor: { userId: user.id }, kind, id }));
  if (history.target.projectId !== projectId) notFound();
  return (
    <div className="container" style={{ maxWidth: 900 }}>
      <ProjectNav projectId={projectId} projectName={project.name} active="" role={project.role} />
      <div className="page-header">
        <div>
          <h1>
            History of {kind} {id} <StatusBadge status={history.target.status} />
          </h1>
          <p>Every change to this {kind}, its reviews, comments{kind === 'annotation' ? ' and verdicts' : ''}, from the audit log, oldest first.</p>
        </div>
      </div>
      {history.target.deletedAt && <div className="alert alert-info" style={{ marginBottom: '1rem' }}>This {kind} has been deleted.</div>}
      <HistoryTimeline entries={history.entries} kind={kind} />
    </div>
  );
}

import Link from 'next/link';
import { can } from '@/lib/auth/can';
import { getPublishingSettings } from '@/lib/data/publishing';
import { listArticlesPage } from '@/lib/data/articleList';
import { listMembers } from '@/lib/data/projects';
import { EXPORT_FORMATS } from '@/lib/export/types';
import { FORMATS } from '@/lib/export';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { ExportForm, type FormatChoice } from '@/components/export/ExportForm';
import { loadProjectPage } from '../loadProject';

export const metadata = { title: 'Export' };

export default async function ExportPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { user, project, projectId } = await loadProjectPage(params, '/export');
  const nav = <ProjectNav projectId={projectId} projectName={project.name} active="export" role={project.role} />;
  if (!can(project.role, 'project.export')) {
    return (
      <div className="container">
        {nav}
        <div className="card empty">Only project leads can export the dataset. Ask a lead of this project for an export.</div>
      </div>
    );
  }
  const actor = { userId: user.id };
  // A few to start from; the picker searches the rest (a desk has thousands).
  const articles = (await listArticlesPage({ actor, projectId, query: { sort: '-annotations', limit: '6' } })).items.map((a) => ({ id: a.id, title: a.title || `Article ${a.id}`, outlet: a.outlet, annotations: a.annotationCounts.total }));
  const members = (await listMembers({ actor, projectId })).map((m) => ({ id: m.userId, name: m.name }));
  const publishingReady = await getPublishingSettings({ actor, projectId }) !== null;
  const formats: FormatChoice[] = EXPORT_FORMATS.map((key) => ({ key, title: FORMATS[key].title, description: FORMATS[key].description, extension: FORMATS[key].extension }));
  return (
    <div className="container">
      {nav}
      <div className="page-header">
        <div>
          <h1>Export</h1>
          <p>Download the annotated dataset. Every export is read from one consistent snapshot and says which offset unit it uses.</p>
          {!publishingReady && (
            <p className="muted">ClaimReview needs the project&apos;s <Link href={`/projects/${projectId}/settings`} style={{ textDecoration: 'underline' }}>publishing settings</Link> (the organization and the public address of each fact-check).</p>
          )}
        </div>
      </div>
      <ExportForm projectId={projectId} formats={formats} articles={articles} members={members} />
    </div>
  );
}
